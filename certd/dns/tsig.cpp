#include "certd/dns/tsig.h"

#include <openssl/evp.h>

#include <cctype>
#include <vector>

#include "certd/dns/ldns_handles.h"

namespace certd::dns {

namespace {

// RFC 8945 §4.2: the TSIG RDATA fields in ldns's order.
enum TsigField : std::size_t { kAlgorithm, kTimeSigned, kFudge, kMac, kOriginalId, kError, kOther };

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

const ldns_rdf* field(const ldns_rr* tsig, TsigField index, ldns_rdf_type type, std::size_t size) {
  if (ldns_rr_rd_count(tsig) <= index) return nullptr;
  const ldns_rdf* rdf = ldns_rr_rdf(tsig, index);
  if (ldns_rdf_get_type(rdf) != type || (size != 0 && ldns_rdf_size(rdf) != size)) return nullptr;
  return rdf;
}

std::uint64_t timeSigned(const ldns_rdf* rdf) {
  const std::uint8_t* data = ldns_rdf_data(rdf);
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 6; ++i) value = (value << 8) | data[i];
  return value;
}

}  // namespace

shared::Result<TsigAlgorithm> parseTsigAlgorithm(std::string_view text) {
  const std::string name = lowered(text);
  if (name == "hmac-sha256") return TsigAlgorithm::kHmacSha256;
  if (name == "hmac-sha512") return TsigAlgorithm::kHmacSha512;
  return shared::Status::invalidArgument("tsig: unknown algorithm \"" + std::string(text) +
                                         "\" (accepted: hmac-sha256, hmac-sha512)");
}

std::string_view tsigAlgorithmName(TsigAlgorithm algorithm) {
  return algorithm == TsigAlgorithm::kHmacSha512 ? "hmac-sha512" : "hmac-sha256";
}

shared::Result<TsigKey> makeTsigKey(std::string_view name, std::string_view algorithm,
                                    std::string_view base64_secret) {
  if (name.empty() || name == ".") return shared::Status::invalidArgument("tsig: empty key name");
  auto owner = nameRdf(name);
  if (!owner) return owner.status();
  auto parsed = parseTsigAlgorithm(algorithm);
  if (!parsed) return parsed.status();
  std::string secret;
  for (char c : base64_secret) {
    if (!std::isspace(static_cast<unsigned char>(c))) secret.push_back(c);
  }
  // libldns decodes the secret itself each time it signs; check it once here (OpenSSL's
  // decoder: libldns 1.8.3 does not export its own).
  std::vector<unsigned char> bytes(secret.size() / 4 * 3 + 3);
  const bool shaped =
      !secret.empty() && secret.size() % 4 == 0 && secret.find('\0') == std::string::npos;
  if (!shaped ||
      EVP_DecodeBlock(bytes.data(), reinterpret_cast<const unsigned char*>(secret.data()),
                      static_cast<int>(secret.size())) <= 0) {
    return shared::Status::invalidArgument("tsig: secret is not base64")
        .withContext("key " + std::string(name));
  }
  return TsigKey{nameText(owner->get()), *parsed, std::move(secret)};
}

shared::Result<SignedRequest> tsigSign(const Message& message, const TsigKey& key,
                                       std::uint16_t fudge) {
  if (!message.status()) return message.status();
  Message copy = message;  // ldns signs in place
  if (copy.packet() == nullptr) return shared::Status::internal("tsig: empty message");
  const std::string algorithm = std::string(tsigAlgorithmName(key.algorithm)) + ".";
  const ldns_status status =
      ldns_pkt_tsig_sign(copy.packet(), key.name.c_str(), key.base64_secret.c_str(), fudge,
                         algorithm.c_str(), nullptr);
  const ldns_rr* tsig = ldns_pkt_tsig(copy.packet());
  if (status != LDNS_STATUS_OK || tsig == nullptr) return ldnsError("tsig: sign", status);
  const ldns_rdf* mac = ldns_rr_rdf(tsig, kMac);
  auto wire = encodeMessage(copy);
  if (!wire) return wire.status();
  return SignedRequest{
      std::move(*wire),
      std::string(reinterpret_cast<const char*>(ldns_rdf_data(mac)), ldns_rdf_size(mac))};
}

std::uint16_t tsigError(const Message& message) {
  const ldns_rr* tsig = message.packet() ? ldns_pkt_tsig(message.packet()) : nullptr;
  const ldns_rdf* error = tsig ? field(tsig, kError, LDNS_RDF_TYPE_INT16, 2) : nullptr;
  return error ? ldns_rdf2native_int16(error) : 0;
}

shared::Status tsigVerifyResponse(std::string_view wire, const Message& parsed, const TsigKey& key,
                                  std::string_view request_mac, std::uint64_t now) {
  ldns_pkt* packet = parsed.packet();
  const ldns_rr* tsig = packet ? ldns_pkt_tsig(packet) : nullptr;
  if (tsig == nullptr) return shared::Status::permissionDenied("tsig: response has no TSIG record");
  const ldns_rdf* algorithm = field(tsig, kAlgorithm, LDNS_RDF_TYPE_DNAME, 0);
  const ldns_rdf* signed_at = field(tsig, kTimeSigned, LDNS_RDF_TYPE_TSIGTIME, 6);
  const ldns_rdf* fudge = field(tsig, kFudge, LDNS_RDF_TYPE_INT16, 2);
  if (algorithm == nullptr || signed_at == nullptr || fudge == nullptr ||
      ldns_rr_rd_count(tsig) != 7) {
    return shared::Status::permissionDenied("tsig: malformed response TSIG record");
  }
  // Checked before libldns computes a MAC: it only knows some algorithms, and on one it does
  // not know it returns without putting the TSIG record back into the packet.
  auto key_name = nameRdf(key.name);
  auto key_algorithm = nameRdf(tsigAlgorithmName(key.algorithm));
  if (!key_name || !key_algorithm ||
      ldns_dname_compare(ldns_rr_owner(tsig), key_name->get()) != 0 ||
      ldns_dname_compare(algorithm, key_algorithm->get()) != 0) {
    return shared::Status::permissionDenied("tsig: response signed with another key");
  }
  const RdfPtr mac(
      ldns_rdf_new_frm_data(LDNS_RDF_TYPE_INT16_DATA, request_mac.size(), request_mac.data()));
  if (!mac ||
      !ldns_pkt_tsig_verify(packet, reinterpret_cast<const std::uint8_t*>(wire.data()), wire.size(),
                            key.name.c_str(), key.base64_secret.c_str(), mac.get())) {
    return shared::Status::permissionDenied("tsig: response TSIG MAC does not match");
  }
  const std::uint64_t at = timeSigned(signed_at);
  const std::uint64_t skew = ldns_rdf2native_int16(fudge);
  if (now + skew < at || now > at + skew) {
    return shared::Status::permissionDenied("tsig: response TSIG time " + std::to_string(at) +
                                            " outside fudge of now " + std::to_string(now));
  }
  return shared::Status::ok();
}

}  // namespace certd::dns
