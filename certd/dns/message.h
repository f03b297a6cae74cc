#pragma once

// Message: one DNS message (RFC 1035 §4.1) held as libldns's packet, which does the wire
// format: parseMessage is ldns_wire2pkt (bounds-checked, follows compression pointers) and
// encodeMessage is ldns_pkt2wire. A Message owns its packet; copies are deep. Builders that
// cannot return a Result (addTxtUpdate) return a Message holding the error instead, which
// encodeMessage reports. The libldns types stay out of this header: callers that read
// records include <ldns/ldns.h> and use packet(). One Message per thread; no shared state.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "shared/result.h"

struct ldns_struct_pkt;  // libldns's ldns_pkt

namespace certd::dns {

// Record types the queries ask for (RFC 1035 §3.2.2).
namespace rrtype {
inline constexpr std::uint16_t kA = 1;
inline constexpr std::uint16_t kNs = 2;
inline constexpr std::uint16_t kSoa = 6;
inline constexpr std::uint16_t kTxt = 16;
}  // namespace rrtype

class Message {
 public:
  // Takes ownership of `packet` (not null).
  explicit Message(ldns_struct_pkt* packet);
  // A message that could not be built, and why (a non-ok status).
  explicit Message(shared::Status problem);
  Message(const Message& other);
  Message& operator=(const Message& other);
  Message(Message&&) noexcept = default;
  Message& operator=(Message&&) noexcept = default;
  ~Message() = default;

  // Ok, or why the builder failed.
  const shared::Status& status() const { return problem_; }
  // The packet (null when status() is an error). Owned by this Message.
  ldns_struct_pkt* packet() const { return packet_.get(); }

 private:
  struct PacketFree {
    void operator()(ldns_struct_pkt* packet) const;
  };
  std::unique_ptr<ldns_struct_pkt, PacketFree> packet_;
  shared::Status problem_;
};

// The wire form of `message` (names compressed, RFC 1035 §4.1.4); the builder's error for
// a message that could not be built.
shared::Result<std::string> encodeMessage(const Message& message);

// Parses `wire`. kInvalidArgument "dns: malformed message: <libldns's reason>" for a
// truncated or malformed message, and for one whose TSIG record is not the last record
// (RFC 8945 §5.1; libldns 1.8.3 would lose track of such a record).
shared::Result<Message> parseMessage(std::string_view wire);

}  // namespace certd::dns
