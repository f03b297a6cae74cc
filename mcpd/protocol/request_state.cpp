#include "mcpd/protocol/request_state.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <optional>
#include <sstream>

namespace mcpd::protocol {
namespace {

constexpr std::string_view kVersion = "s1";
constexpr std::string_view kInvalid = "requestState failed verification";

std::string base64url(std::string_view bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return out.str();
}

std::optional<std::string> unbase64url(std::string_view text) {
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return std::nullopt;
  }
  try {
    std::istringstream in{std::string(text)};
    Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    std::string out((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    return out;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

// Splits "a.b.c.d" into exactly four parts.
std::optional<std::array<std::string_view, 4>> splitToken(std::string_view token) {
  std::array<std::string_view, 4> parts;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto dot = token.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    parts[i] = token.substr(0, dot);
    token.remove_prefix(dot + 1);
  }
  if (token.find('.') != std::string_view::npos) return std::nullopt;
  parts[3] = token;
  return parts;
}

}  // namespace

RequestStateSealer::RequestStateSealer(std::string key, std::chrono::seconds lifetime)
    : key_(std::move(key)), lifetime_(lifetime) {}

shared::Result<std::string> RequestStateSealer::keyFromFile(std::string_view contents) {
  const auto first = contents.find_first_not_of(" \t\r\n");
  const auto last = contents.find_last_not_of(" \t\r\n");
  std::string key =
      first == std::string_view::npos ? "" : std::string(contents.substr(first, last - first + 1));
  if (key.size() < kMinKeyBytes) {
    return shared::Status::invalidArgument("the secret holds " + std::to_string(key.size()) +
                                           " bytes; at least " + std::to_string(kMinKeyBytes) +
                                           " are needed (e.g. openssl rand -hex 32)");
  }
  return key;
}

std::string RequestStateSealer::mac(std::string_view binding, std::string_view expiry,
                                    std::string_view payload) const {
  // Length-prefixed fields, so no two (binding, expiry, payload) triples share an input.
  std::string input(kVersion);
  for (std::string_view field : {binding, expiry, payload}) {
    input += '|';
    input += std::to_string(field.size());
    input += ':';
    input += field;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data(), &length);
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

std::string RequestStateSealer::seal(std::string_view payload, std::string_view binding,
                                     std::chrono::system_clock::time_point now) const {
  const auto expiry_s =
      std::chrono::duration_cast<std::chrono::seconds>((now + lifetime_).time_since_epoch())
          .count();
  const std::string expiry = std::to_string(expiry_s);
  return std::string(kVersion) + "." + expiry + "." + base64url(payload) + "." +
         base64url(mac(binding, expiry, payload));
}

shared::Result<std::string> RequestStateSealer::open(
    std::string_view token, std::string_view binding,
    std::chrono::system_clock::time_point now) const {
  const auto parts = splitToken(token);
  if (!parts || (*parts)[0] != kVersion)
    return shared::Status::invalidArgument(std::string(kInvalid));
  const std::string_view expiry = (*parts)[1];
  const auto payload = unbase64url((*parts)[2]);
  const auto tag = unbase64url((*parts)[3]);
  if (expiry.empty() || expiry.size() > 19 ||
      expiry.find_first_not_of("0123456789") != std::string_view::npos || !payload || !tag) {
    return shared::Status::invalidArgument(std::string(kInvalid));
  }
  const std::string expected = mac(binding, expiry, *payload);
  if (tag->size() != expected.size() ||
      CRYPTO_memcmp(tag->data(), expected.data(), expected.size()) != 0) {
    return shared::Status::invalidArgument(std::string(kInvalid));
  }
  const auto now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (std::stoll(std::string(expiry)) < now_s) {
    return shared::Status::invalidArgument("requestState has expired; start the request again");
  }
  return *payload;
}

}  // namespace mcpd::protocol
