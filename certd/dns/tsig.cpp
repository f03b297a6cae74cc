#include "certd/dns/tsig.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cctype>
#include <memory>

#include "certd/dns/name.h"
#include "certd/dns/wire_buffer.h"
#include "shared/pki/openssl_error.h"

namespace certd::dns {

namespace {

struct MacDeleter {
  void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
};
struct MacCtxDeleter {
  void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};

const char* digestName(TsigAlgorithm algorithm) {
  switch (algorithm) {
    case TsigAlgorithm::kHmacSha384:
      return "SHA384";
    case TsigAlgorithm::kHmacSha512:
      return "SHA512";
    case TsigAlgorithm::kHmacSha256:
      break;
  }
  return "SHA256";
}

// RFC 8945 §4.3.3: the TSIG variables, names in canonical form.
shared::Result<std::string> tsigVariables(const TsigKey& key, std::uint64_t time_signed,
                                          std::uint16_t fudge, std::uint16_t error,
                                          std::string_view other) {
  auto key_name = encodeCanonicalName(key.name);
  if (!key_name) return key_name.status();
  auto algorithm = encodeCanonicalName(tsigAlgorithmName(key.algorithm));
  if (!algorithm) return algorithm.status();
  std::string out = *key_name;
  putU16(out, rrclass::kAny);
  putU32(out, 0);  // TTL
  out += *algorithm;
  putU48(out, time_signed);
  putU16(out, fudge);
  putU16(out, error);
  putU16(out, static_cast<std::uint16_t>(other.size()));
  out += other;
  return out;
}

shared::Result<std::string> decodeBase64(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) clean.push_back(c);
  }
  if (clean.empty() || clean.size() % 4 != 0) {
    return shared::Status::invalidArgument("tsig: secret is not base64");
  }
  std::string out(clean.size() / 4 * 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(clean.data()),
                                     static_cast<int>(clean.size()));
  if (length < 0) return shared::Status::invalidArgument("tsig: secret is not base64");
  std::size_t padding = 0;
  for (auto it = clean.rbegin(); it != clean.rend() && *it == '='; ++it) ++padding;
  out.resize(static_cast<std::size_t>(length) - padding);
  return out;
}

}  // namespace

shared::Result<TsigAlgorithm> parseTsigAlgorithm(std::string_view text) {
  std::string name = normalizeName(text);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "hmac-sha256") return TsigAlgorithm::kHmacSha256;
  if (name == "hmac-sha384") return TsigAlgorithm::kHmacSha384;
  if (name == "hmac-sha512") return TsigAlgorithm::kHmacSha512;
  return shared::Status::invalidArgument("tsig: unknown algorithm \"" + std::string(text) +
                                         "\" (accepted: hmac-sha256, hmac-sha384, hmac-sha512)");
}

std::string_view tsigAlgorithmName(TsigAlgorithm algorithm) {
  switch (algorithm) {
    case TsigAlgorithm::kHmacSha384:
      return "hmac-sha384";
    case TsigAlgorithm::kHmacSha512:
      return "hmac-sha512";
    case TsigAlgorithm::kHmacSha256:
      break;
  }
  return "hmac-sha256";
}

shared::Result<TsigKey> makeTsigKey(std::string_view name, std::string_view algorithm,
                                    std::string_view base64_secret) {
  if (normalizeName(name).empty()) return shared::Status::invalidArgument("tsig: empty key name");
  if (auto encoded = encodeName(name); !encoded) return encoded.status();
  auto parsed = parseTsigAlgorithm(algorithm);
  if (!parsed) return parsed.status();
  auto secret = decodeBase64(base64_secret);
  if (!secret) return secret.status().withContext("key " + std::string(name));
  return TsigKey{normalizeName(name), *parsed, std::move(*secret)};
}

shared::Result<std::string> tsigHmac(TsigAlgorithm algorithm, std::string_view secret,
                                     std::string_view data) {
  shared::pki::ErrorQueueGuard guard;
  std::unique_ptr<EVP_MAC, MacDeleter> mac(EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr));
  if (!mac) return shared::pki::openSslError("tsig: fetch HMAC");
  std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> ctx(EVP_MAC_CTX_new(mac.get()));
  if (!ctx) return shared::pki::openSslError("tsig: new HMAC context");
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(
                             OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digestName(algorithm)), 0),
                         OSSL_PARAM_construct_end()};
  if (EVP_MAC_init(ctx.get(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                   params) != 1 ||
      EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()), data.size()) !=
          1) {
    return shared::pki::openSslError("tsig: HMAC");
  }
  std::string out(EVP_MAX_MD_SIZE, '\0');
  std::size_t length = 0;
  if (EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length, out.size()) !=
      1) {
    return shared::pki::openSslError("tsig: HMAC final");
  }
  out.resize(length);
  return out;
}

shared::Result<SignedRequest> tsigSign(std::string_view wire, const TsigKey& key,
                                       std::uint64_t time_signed, std::uint16_t fudge) {
  if (wire.size() < 12) return shared::Status::invalidArgument("tsig: message too short");
  auto variables = tsigVariables(key, time_signed, fudge, 0, "");
  if (!variables) return variables.status();
  // RFC 8945 §4.3.3: the digest covers the message as it is before the TSIG RR is added.
  auto mac = tsigHmac(key.algorithm, key.secret, std::string(wire) + *variables);
  if (!mac) return mac.status();

  auto algorithm = encodeName(tsigAlgorithmName(key.algorithm));
  if (!algorithm) return algorithm.status();
  std::string rdata = *algorithm;
  putU48(rdata, time_signed);
  putU16(rdata, fudge);
  putU16(rdata, static_cast<std::uint16_t>(mac->size()));
  rdata += *mac;
  rdata.append(wire.substr(0, 2));  // original ID
  putU16(rdata, 0);                 // error
  putU16(rdata, 0);                 // other len

  auto owner = encodeName(key.name);
  if (!owner) return owner.status();
  std::string signed_wire(wire);
  // ARCOUNT (bytes 10-11) grows by one.
  const auto arcount = static_cast<std::uint16_t>(
      ((static_cast<unsigned char>(wire[10]) << 8) | static_cast<unsigned char>(wire[11])) + 1);
  signed_wire[10] = static_cast<char>(arcount >> 8);
  signed_wire[11] = static_cast<char>(arcount & 0xFF);
  signed_wire += *owner;
  putU16(signed_wire, rrtype::kTsig);
  putU16(signed_wire, rrclass::kAny);
  putU32(signed_wire, 0);
  putU16(signed_wire, static_cast<std::uint16_t>(rdata.size()));
  signed_wire += rdata;
  return SignedRequest{std::move(signed_wire), std::move(*mac)};
}

shared::Result<TsigRecord> findTsig(const Message& message) {
  if (message.additionals.empty() || message.additionals.back().type != rrtype::kTsig) {
    return shared::Status::notFound("tsig: no TSIG record");
  }
  const ResourceRecord& rr = message.additionals.back();
  TsigRecord record;
  record.key_name = rr.name;
  std::size_t offset = 0;
  auto algorithm = decodeName(rr.rdata, offset);
  if (!algorithm) return algorithm.status();
  record.algorithm = *algorithm;
  WireReader reader(rr.rdata, offset);
  std::uint16_t mac_size = 0;
  std::uint16_t other_size = 0;
  if (!reader.u48(record.time_signed) || !reader.u16(record.fudge) || !reader.u16(mac_size) ||
      !reader.bytes(mac_size, record.mac) || !reader.u16(record.original_id) ||
      !reader.u16(record.error) || !reader.u16(other_size) ||
      !reader.bytes(other_size, record.other)) {
    return shared::Status::invalidArgument("tsig: malformed TSIG record");
  }
  return record;
}

shared::Status tsigVerifyResponse(std::string_view wire, const ParsedMessage& parsed,
                                  const TsigKey& key, std::string_view request_mac,
                                  std::uint64_t now) {
  auto record = findTsig(parsed.message);
  if (!record || !parsed.last_additional_offset) {
    return shared::Status::permissionDenied("tsig: response has no TSIG record");
  }
  if (!sameName(record->key_name, key.name) ||
      !sameName(record->algorithm, tsigAlgorithmName(key.algorithm))) {
    return shared::Status::permissionDenied("tsig: response signed with another key");
  }
  // RFC 8945 §4.3.1/§5.3: request MAC, then the response without its TSIG RR, with the
  // original ID and ARCOUNT one less, then the TSIG variables.
  std::string data;
  putU16(data, static_cast<std::uint16_t>(request_mac.size()));
  data += request_mac;
  std::string message(wire.substr(0, *parsed.last_additional_offset));
  message[0] = static_cast<char>(record->original_id >> 8);
  message[1] = static_cast<char>(record->original_id & 0xFF);
  const auto arcount = static_cast<std::uint16_t>(parsed.message.additionals.size() - 1);
  message[10] = static_cast<char>(arcount >> 8);
  message[11] = static_cast<char>(arcount & 0xFF);
  data += message;
  auto variables =
      tsigVariables(key, record->time_signed, record->fudge, record->error, record->other);
  if (!variables) return variables.status();
  data += *variables;
  auto expected = tsigHmac(key.algorithm, key.secret, data);
  if (!expected) return expected.status();
  if (expected->size() != record->mac.size() ||
      CRYPTO_memcmp(expected->data(), record->mac.data(), expected->size()) != 0) {
    return shared::Status::permissionDenied("tsig: response TSIG MAC does not match");
  }
  const std::uint64_t low =
      record->time_signed > record->fudge ? record->time_signed - record->fudge : 0;
  if (now < low || now > record->time_signed + record->fudge) {
    return shared::Status::permissionDenied("tsig: response TSIG time " +
                                            std::to_string(record->time_signed) +
                                            " outside fudge of now " + std::to_string(now));
  }
  return shared::Status::ok();
}

}  // namespace certd::dns
