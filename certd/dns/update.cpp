#include "certd/dns/update.h"

#include "certd/dns/name.h"
#include "certd/dns/rdata.h"

namespace certd::dns {

namespace {

Message updateFor(std::string_view zone, std::uint16_t id) {
  Message message;
  message.header.id = id;
  message.header.opcode = opcode::kUpdate;
  // RFC 2136 §2.3: ZTYPE SOA, ZCLASS IN.
  message.questions.push_back({normalizeName(zone), rrtype::kSoa, rrclass::kIn});
  return message;
}

}  // namespace

Message addTxtUpdate(std::string_view zone, std::string_view name, std::string_view value,
                     std::uint32_t ttl, std::uint16_t id) {
  Message message = updateFor(zone, id);
  message.authorities.push_back(
      {normalizeName(name), rrtype::kTxt, rrclass::kIn, ttl, txtRdata(value)});
  return message;
}

Message deleteTxtUpdate(std::string_view zone, std::string_view name, std::string_view value,
                        std::uint16_t id) {
  Message message = updateFor(zone, id);
  message.authorities.push_back(
      {normalizeName(name), rrtype::kTxt, rrclass::kNone, 0, txtRdata(value)});
  return message;
}

}  // namespace certd::dns
