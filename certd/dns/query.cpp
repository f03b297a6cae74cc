#include "certd/dns/query.h"

#include <openssl/rand.h>

#include <random>

#include "certd/dns/name.h"
#include "certd/dns/rcode.h"
#include "certd/dns/rdata.h"

namespace certd::dns {

namespace {

std::string typeName(std::uint16_t type) {
  switch (type) {
    case rrtype::kA:
      return "A";
    case rrtype::kNs:
      return "NS";
    case rrtype::kSoa:
      return "SOA";
    case rrtype::kTxt:
      return "TXT";
    default:
      return "TYPE" + std::to_string(type);
  }
}

// The records of `type` owned by `name` in the answer section.
std::vector<const ResourceRecord*> answersFor(const Message& message, std::string_view name,
                                              std::uint16_t type) {
  std::vector<const ResourceRecord*> out;
  for (const ResourceRecord& rr : message.answers) {
    if (rr.type == type && sameName(rr.name, name)) out.push_back(&rr);
  }
  return out;
}

}  // namespace

std::uint16_t randomId() {
  unsigned char bytes[2];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    static thread_local std::random_device device;
    return static_cast<std::uint16_t>(device());
  }
  return static_cast<std::uint16_t>((bytes[0] << 8) | bytes[1]);
}

shared::Result<Message> query(const shared::net::HostPort& server, std::string_view name,
                              std::uint16_t type, Deadline deadline) {
  Message request;
  request.header.id = randomId();
  request.header.rd = true;
  request.questions.push_back({normalizeName(name), type, rrclass::kIn});
  auto wire = encodeMessage(request);
  if (!wire) return wire.status();
  auto answer = exchange(server, *wire, deadline);
  if (!answer) return answer.status();
  auto parsed = parseMessage(*answer);
  if (!parsed) return parsed.status().withContext(server.toString());
  Message& message = parsed->message;
  if (!message.header.qr || message.questions.size() != 1 ||
      !sameName(message.questions[0].name, name) || message.questions[0].type != type) {
    return shared::Status::ioError("dns: " + server.toString() +
                                   ": answer does not match the question");
  }
  const std::uint8_t rcode = message.header.rcode;
  if (rcode != 0 && rcode != static_cast<std::uint8_t>(Rcode::kNxDomain)) {
    return rcodeStatus(rcode, 0, "query " + normalizeName(name) + " " + typeName(type),
                       server.toString());
  }
  return std::move(message);
}

shared::Result<std::vector<std::string>> queryTxt(const shared::net::HostPort& server,
                                                  std::string_view name, Deadline deadline) {
  auto message = query(server, name, rrtype::kTxt, deadline);
  if (!message) return message.status();
  std::vector<std::string> values;
  for (const ResourceRecord* rr : answersFor(*message, name, rrtype::kTxt)) {
    auto value = parseTxtRdata(rr->rdata);
    if (!value) return value.status().withContext(server.toString());
    values.push_back(std::move(*value));
  }
  return values;
}

shared::Result<std::vector<std::string>> queryNs(const shared::net::HostPort& server,
                                                 std::string_view zone, Deadline deadline) {
  auto message = query(server, zone, rrtype::kNs, deadline);
  if (!message) return message.status();
  std::vector<std::string> names;
  for (const ResourceRecord* rr : answersFor(*message, zone, rrtype::kNs)) {
    auto ns = parseNameRdata(rr->rdata);
    if (!ns) return ns.status().withContext(server.toString());
    names.push_back(std::move(*ns));
  }
  if (names.empty()) {
    return shared::Status::notFound("dns: " + server.toString() + ": no NS records for " +
                                    normalizeName(zone));
  }
  return names;
}

shared::Result<std::vector<std::string>> queryA(const shared::net::HostPort& server,
                                                std::string_view name, Deadline deadline) {
  auto message = query(server, name, rrtype::kA, deadline);
  if (!message) return message.status();
  std::vector<std::string> addresses;
  for (const ResourceRecord* rr : answersFor(*message, name, rrtype::kA)) {
    auto address = parseARdata(rr->rdata);
    if (!address) return address.status().withContext(server.toString());
    addresses.push_back(std::move(*address));
  }
  if (addresses.empty()) {
    return shared::Status::notFound("dns: " + server.toString() + ": no A records for " +
                                    normalizeName(name));
  }
  return addresses;
}

shared::Result<std::string> findZone(const std::vector<shared::net::HostPort>& resolvers,
                                     std::string_view name, Deadline deadline) {
  shared::Status last = shared::Status::notFound("dns: no resolvers configured");
  for (const shared::net::HostPort& resolver : resolvers) {
    for (std::string candidate = normalizeName(name); !candidate.empty();
         candidate = parentName(candidate)) {
      auto message = query(resolver, candidate, rrtype::kSoa, deadline);
      if (!message) {
        last = message.status();
        break;  // this resolver fails; try the next one
      }
      if (!answersFor(*message, candidate, rrtype::kSoa).empty()) return candidate;
      // RFC 2308 §3: a negative answer carries the zone's SOA in the authority section.
      for (const ResourceRecord& rr : message->authorities) {
        if (rr.type == rrtype::kSoa) return normalizeName(rr.name);
      }
      last = shared::Status::notFound("dns: no zone found for " + normalizeName(name) + " via " +
                                      resolver.toString());
    }
  }
  return last;
}

}  // namespace certd::dns
