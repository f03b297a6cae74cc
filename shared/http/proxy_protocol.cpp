#include "shared/http/proxy_protocol.h"

#include <Poco/Net/IPAddress.h>
#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <vector>

namespace shared::http {
namespace {

using State = ProxyHeader::State;

constexpr std::string_view kV1Prefix = "PROXY ";
constexpr std::size_t kV1Max = 107;  // the spec's worst case, CRLF included
constexpr std::string_view kV2Signature{"\r\n\r\n\0\r\nQUIT\n", 12};
constexpr std::size_t kV2Fixed = 16;
constexpr std::uint8_t kTlvSsl = 0x20;
constexpr std::uint8_t kSslClientTls = 0x01;

ProxyHeader invalid(std::string problem) {
  return {.state = State::kInvalid, .problem = std::move(problem)};
}

std::optional<std::uint16_t> parsePort(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || text.size() > 5 || ec != std::errc() || end != text.data() + text.size() ||
      value > 65535)
    return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

std::vector<std::string_view> splitSpaces(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto space = line.find(' ', start);
    parts.push_back(line.substr(start, space - start));
    if (space == std::string_view::npos) return parts;
    start = space + 1;
  }
}

ProxyHeader parseV1(std::string_view bytes) {
  const auto newline = bytes.substr(0, kV1Max).find('\n');
  if (newline == std::string_view::npos) {
    if (bytes.size() < kV1Max) return {};
    return invalid("v1 line longer than 107 bytes");
  }
  if (bytes[newline - 1] != '\r') return invalid("v1 line does not end with CRLF");
  const std::size_t end = newline - 1;
  const auto parts = splitSpaces(bytes.substr(kV1Prefix.size(), end - kV1Prefix.size()));
  ProxyHeader header{.state = State::kDone, .length = end + 2};
  if (parts[0] == "UNKNOWN") return header;  // the rest of the line is to be ignored
  const bool v4 = parts[0] == "TCP4";
  if (!v4 && parts[0] != "TCP6") return invalid("v1 protocol is not TCP4, TCP6 or UNKNOWN");
  if (parts.size() != 5) return invalid("v1 line does not have five fields");
  const std::string source(parts[1]);
  unsigned char address[16];
  if (inet_pton(v4 ? AF_INET : AF_INET6, source.c_str(), address) != 1 ||
      inet_pton(v4 ? AF_INET : AF_INET6, std::string(parts[2]).c_str(), address) != 1)
    return invalid("v1 address does not match its protocol");
  const auto port = parsePort(parts[3]);
  if (!port || !parsePort(parts[4])) return invalid("v1 port is not 0-65535");
  header.source = Poco::Net::SocketAddress(Poco::Net::IPAddress(source), *port);
  return header;
}

// Whether the TLVs in `tlvs` are well formed; sets `client_tls` from PP2_TYPE_SSL.
bool readTlvs(std::string_view tlvs, bool& client_tls) {
  while (!tlvs.empty()) {
    if (tlvs.size() < 3) return false;
    const auto type = static_cast<std::uint8_t>(tlvs[0]);
    const std::size_t length =
        (static_cast<std::uint8_t>(tlvs[1]) << 8) | static_cast<std::uint8_t>(tlvs[2]);
    if (tlvs.size() < 3 + length) return false;
    if (type == kTlvSsl && length >= 1)
      client_tls = (static_cast<std::uint8_t>(tlvs[3]) & kSslClientTls) != 0;
    tlvs.remove_prefix(3 + length);
  }
  return true;
}

ProxyHeader parseV2(std::string_view bytes) {
  if (bytes.size() < kV2Fixed) return {};
  const auto version_command = static_cast<std::uint8_t>(bytes[12]);
  const auto family = static_cast<std::uint8_t>(bytes[13]);
  const std::size_t length =
      (static_cast<std::uint8_t>(bytes[14]) << 8) | static_cast<std::uint8_t>(bytes[15]);
  if ((version_command >> 4) != 2) return invalid("v2 version is not 2");
  const int command = version_command & 0x0f;
  if (command > 1) return invalid("v2 command is neither LOCAL nor PROXY");
  if (kV2Fixed + length > kMaxProxyHeaderBytes) return invalid("v2 header too long");
  if (bytes.size() < kV2Fixed + length) return {};
  const std::string_view body = bytes.substr(kV2Fixed, length);
  ProxyHeader header{.state = State::kDone, .length = kV2Fixed + length};
  std::size_t addresses = 0;
  switch (family) {
    case 0x11:  // TCP over IPv4
    case 0x12:  // UDP over IPv4
      addresses = 12;
      break;
    case 0x21:  // TCP over IPv6
    case 0x22:
      addresses = 36;
      break;
    case 0x31:  // UNIX stream or datagram: two 108-byte paths
    case 0x32:
      addresses = 216;
      break;
    case 0x00:  // UNSPEC
      break;
    default:
      return invalid("v2 address family unknown");
  }
  if (body.size() < addresses) return invalid("v2 addresses longer than the header");
  if (!readTlvs(body.substr(addresses), header.client_tls)) return invalid("v2 TLV malformed");
  // LOCAL: the balancer speaks for itself (health checks); the addresses are to be ignored.
  if (command == 0 || (addresses != 12 && addresses != 36)) return header;
  const std::size_t size = addresses == 12 ? 4 : 16;
  const auto* data = reinterpret_cast<const unsigned char*>(body.data());
  const std::uint16_t port = static_cast<std::uint16_t>((data[2 * size] << 8) | data[2 * size + 1]);
  header.source =
      Poco::Net::SocketAddress(Poco::Net::IPAddress(data, static_cast<poco_socklen_t>(size)), port);
  return header;
}

}  // namespace

ProxyHeader parseProxyHeader(std::string_view bytes) {
  const std::size_t v1 = std::min(bytes.size(), kV1Prefix.size());
  if (bytes.substr(0, v1) == kV1Prefix.substr(0, v1)) {
    return bytes.size() < kV1Prefix.size() ? ProxyHeader{} : parseV1(bytes);
  }
  const std::size_t v2 = std::min(bytes.size(), kV2Signature.size());
  if (bytes.substr(0, v2) == kV2Signature.substr(0, v2)) return parseV2(bytes);
  return invalid("no PROXY protocol header");
}

}  // namespace shared::http
