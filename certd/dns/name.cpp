#include "certd/dns/name.h"

#include <cctype>

namespace certd::dns {

namespace {

constexpr std::size_t kMaxLabel = 63;  // RFC 1035 §2.3.4
constexpr std::size_t kMaxName = 255;  // octets on the wire, RFC 1035 §2.3.4
constexpr int kMaxPointerJumps = 64;   // more than any real message needs; stops loops

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

shared::Result<std::string> encode(std::string_view name, bool canonical) {
  const std::string text = normalizeName(name);
  std::string wire;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t dot = text.find('.', start);
    if (dot == std::string::npos) dot = text.size();
    const std::size_t length = dot - start;
    if (length == 0) {
      return shared::Status::invalidArgument("dns: name \"" + text + "\" has an empty label");
    }
    if (length > kMaxLabel) {
      return shared::Status::invalidArgument("dns: name \"" + text +
                                             "\" has a label over 63 bytes");
    }
    wire.push_back(static_cast<char>(length));
    for (std::size_t i = start; i < dot; ++i) wire.push_back(canonical ? lower(text[i]) : text[i]);
    start = dot + 1;
  }
  wire.push_back('\0');
  if (wire.size() > kMaxName) {
    return shared::Status::invalidArgument("dns: name \"" + text + "\" is over 255 bytes");
  }
  return wire;
}

}  // namespace

std::string normalizeName(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return std::string(name);
}

bool sameName(std::string_view a, std::string_view b) {
  const std::string x = normalizeName(a);
  const std::string y = normalizeName(b);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (lower(x[i]) != lower(y[i])) return false;
  }
  return true;
}

shared::Result<std::string> encodeName(std::string_view name) {
  return encode(name, false);
}

shared::Result<std::string> encodeCanonicalName(std::string_view name) {
  return encode(name, true);
}

shared::Result<std::string> decodeName(std::string_view message, std::size_t& offset) {
  std::string name;
  std::size_t wire_length = 1;  // the final zero byte
  std::size_t position = offset;
  bool jumped = false;
  for (int jumps = 0;;) {
    if (position >= message.size()) {
      return shared::Status::invalidArgument("dns: truncated name");
    }
    const auto length = static_cast<unsigned char>(message[position]);
    if ((length & 0xC0) == 0xC0) {
      // RFC 1035 §4.1.4: a pointer, 14 bits of offset from the start of the message.
      if (position + 1 >= message.size()) {
        return shared::Status::invalidArgument("dns: truncated compression pointer");
      }
      if (++jumps > kMaxPointerJumps) {
        return shared::Status::invalidArgument("dns: compression pointer loop");
      }
      const std::size_t target =
          ((length & 0x3Fu) << 8) | static_cast<unsigned char>(message[position + 1]);
      if (!jumped) offset = position + 2;
      jumped = true;
      if (target >= message.size()) {
        return shared::Status::invalidArgument("dns: compression pointer out of the message");
      }
      position = target;
      continue;
    }
    if ((length & 0xC0) != 0) {
      return shared::Status::invalidArgument("dns: unknown label type");
    }
    if (length == 0) {
      if (!jumped) offset = position + 1;
      return name;
    }
    if (position + 1 + length > message.size()) {
      return shared::Status::invalidArgument("dns: truncated label");
    }
    wire_length += 1 + length;
    if (wire_length > kMaxName) {
      return shared::Status::invalidArgument("dns: name over 255 bytes");
    }
    if (!name.empty()) name.push_back('.');
    name.append(message.substr(position + 1, length));
    position += 1 + length;
  }
}

std::string parentName(std::string_view name) {
  const std::string text = normalizeName(name);
  const std::size_t dot = text.find('.');
  return dot == std::string::npos ? std::string() : text.substr(dot + 1);
}

}  // namespace certd::dns
