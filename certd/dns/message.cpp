#include "certd/dns/message.h"

#include <cstdlib>

#include "certd/dns/ldns_handles.h"

namespace certd::dns {

namespace {

// libldns 1.8.3's ldns_wire2pkt takes a TSIG record from anywhere in the additional section,
// and a later one replaces it without freeing it (three TSIG records leak one; see
// fuzz/seeds/dns/regression_three_tsig_records). RFC 8945 §5.1 allows one TSIG record, as
// the very last: check that before handing the message over, reading each record with
// libldns's own record parser.
shared::Status tsigOnlyLast(std::string_view wire) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(wire.data());
  if (wire.size() < LDNS_HEADER_SIZE) {
    return ldnsError("malformed message", LDNS_STATUS_WIRE_INCOMPLETE_HEADER);
  }
  const std::size_t questions = LDNS_QDCOUNT(data);
  const std::size_t records =
      std::size_t{LDNS_ANCOUNT(data)} + LDNS_NSCOUNT(data) + LDNS_ARCOUNT(data);
  std::size_t pos = LDNS_HEADER_SIZE;
  for (std::size_t i = 0; i < questions + records; ++i) {
    ldns_rr* raw = nullptr;
    const ldns_status status = ldns_wire2rr(
        &raw, data, wire.size(), &pos, i < questions ? LDNS_SECTION_QUESTION : LDNS_SECTION_ANSWER);
    if (status != LDNS_STATUS_OK) return ldnsError("malformed message", status);
    const RrPtr rr(raw);
    if (i >= questions && ldns_rr_get_type(rr.get()) == LDNS_RR_TYPE_TSIG &&
        i + 1 != questions + records) {
      return shared::Status::invalidArgument(
          "dns: malformed message: TSIG record is not the last record");
    }
  }
  return shared::Status::ok();
}

}  // namespace

void Message::PacketFree::operator()(ldns_struct_pkt* packet) const {
  ldns_pkt_free(packet);
}

Message::Message(ldns_struct_pkt* packet) : packet_(packet) {}

Message::Message(shared::Status problem) : problem_(std::move(problem)) {}

Message::Message(const Message& other)
    : packet_(other.packet_ ? ldns_pkt_clone(other.packet_.get()) : nullptr),
      problem_(other.problem_) {}

Message& Message::operator=(const Message& other) {
  if (this != &other) *this = Message(other);
  return *this;
}

shared::Result<std::string> encodeMessage(const Message& message) {
  if (!message.status()) return message.status();
  if (message.packet() == nullptr) return shared::Status::internal("dns: empty message");
  std::uint8_t* wire = nullptr;
  std::size_t size = 0;
  const ldns_status status = ldns_pkt2wire(&wire, message.packet(), &size);
  if (status != LDNS_STATUS_OK) return ldnsError("encode message", status);
  std::string out(reinterpret_cast<const char*>(wire), size);
  std::free(wire);
  return out;
}

shared::Result<Message> parseMessage(std::string_view wire) {
  if (auto status = tsigOnlyLast(wire); !status) return status;
  ldns_pkt* packet = nullptr;
  const ldns_status status =
      ldns_wire2pkt(&packet, reinterpret_cast<const std::uint8_t*>(wire.data()), wire.size());
  if (status != LDNS_STATUS_OK) return ldnsError("malformed message", status);
  return Message(packet);
}

}  // namespace certd::dns
