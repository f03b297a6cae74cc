#pragma once

// Message: a DNS message (RFC 1035 §4.1) as plain data, with its encoder and parser. The
// section counts are the vector sizes. Encoding writes names uncompressed; parsing follows
// compression pointers and expands the names inside NS, CNAME and SOA RDATA so every RDATA
// stands on its own. Other RDATA (TXT, A, TSIG) is kept as raw bytes. Pure; thread-safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"

namespace certd::dns {

// Record types and classes this library uses (RFC 1035 §3.2, RFC 2136 §2.4, RFC 8945).
namespace rrtype {
inline constexpr std::uint16_t kA = 1;
inline constexpr std::uint16_t kNs = 2;
inline constexpr std::uint16_t kCname = 5;
inline constexpr std::uint16_t kSoa = 6;
inline constexpr std::uint16_t kTxt = 16;
inline constexpr std::uint16_t kAaaa = 28;
inline constexpr std::uint16_t kTsig = 250;
inline constexpr std::uint16_t kAny = 255;
}  // namespace rrtype

namespace rrclass {
inline constexpr std::uint16_t kIn = 1;
inline constexpr std::uint16_t kNone = 254;
inline constexpr std::uint16_t kAny = 255;
}  // namespace rrclass

namespace opcode {
inline constexpr std::uint8_t kQuery = 0;
inline constexpr std::uint8_t kUpdate = 5;
}  // namespace opcode

struct Header {
  std::uint16_t id = 0;
  bool qr = false;  // response
  std::uint8_t opcode = opcode::kQuery;
  bool aa = false;         // authoritative answer
  bool tc = false;         // truncated
  bool rd = false;         // recursion desired
  bool ra = false;         // recursion available
  std::uint8_t rcode = 0;  // the low 4 bits of the response code
  friend bool operator==(const Header&, const Header&) = default;
};

// In an UPDATE the question section is the zone section (RFC 2136 §2.3).
struct Question {
  std::string name;
  std::uint16_t type = rrtype::kA;
  std::uint16_t klass = rrclass::kIn;
  friend bool operator==(const Question&, const Question&) = default;
};

struct ResourceRecord {
  std::string name;
  std::uint16_t type = rrtype::kA;
  std::uint16_t klass = rrclass::kIn;
  std::uint32_t ttl = 0;
  std::string rdata;  // raw bytes, names inside expanded (see above)
  friend bool operator==(const ResourceRecord&, const ResourceRecord&) = default;
};

// In an UPDATE: answers = prerequisites, authorities = updates (RFC 2136 §2).
struct Message {
  Header header;
  std::vector<Question> questions;
  std::vector<ResourceRecord> answers;
  std::vector<ResourceRecord> authorities;
  std::vector<ResourceRecord> additionals;
  friend bool operator==(const Message&, const Message&) = default;
};

// The wire form. kInvalidArgument for a bad name, RDATA over 65535 bytes or a section
// with more than 65535 entries.
shared::Result<std::string> encodeMessage(const Message& message);

// A parsed message, and where its last additional record starts (for TSIG, which signs
// the message without itself).
struct ParsedMessage {
  Message message;
  std::optional<std::size_t> last_additional_offset;
};

// Parses `wire`. kInvalidArgument naming what is wrong for a truncated or malformed
// message; trailing bytes are ignored.
shared::Result<ParsedMessage> parseMessage(std::string_view wire);

}  // namespace certd::dns
