#include "certd/acme/renewal_info.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <openssl/x509v3.h>

#include "certd/acme/base64url.h"
#include "certd/acme/json_fields.h"

namespace certd::acme {
namespace {

std::optional<shared::Clock::TimePoint> parseRfc3339(const std::string& text) {
  if (text.empty()) return std::nullopt;
  try {
    int tzd = 0;
    Poco::DateTime date;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, date,
                                        tzd) &&
        !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, text, date, tzd)) {
      return std::nullopt;
    }
    const long long seconds = static_cast<long long>(date.timestamp().epochTime()) - tzd;
    // system_clock counts nanoseconds: it spans 1678-2262. A window outside 1970-2200 is
    // nonsense from a CA, and converting it would overflow (a fuzzer finding).
    constexpr long long kYear2200 = 7258118400;
    if (seconds < 0 || seconds > kYear2200) return std::nullopt;
    return shared::Clock::TimePoint(std::chrono::seconds(seconds));
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string ariCertIdFromParts(std::string_view authority_key_id, std::string_view serial_der) {
  return base64UrlEncode(authority_key_id) + "." + base64UrlEncode(serial_der);
}

shared::Result<std::string> ariCertId(const shared::pki::Certificate& certificate) {
  const ASN1_OCTET_STRING* key_id = X509_get0_authority_key_id(certificate.get());
  if (key_id == nullptr) {
    return shared::Status::invalidArgument("ari: the certificate has no authority key id");
  }
  // The serial's DER content octets, two's complement with its leading zero (§4.1).
  const ASN1_INTEGER* serial = X509_get0_serialNumber(certificate.get());
  unsigned char* der = nullptr;
  const int size = i2d_ASN1_INTEGER(serial, &der);
  if (size < 3) {
    OPENSSL_free(der);
    return shared::Status::invalidArgument("ari: unreadable serial number");
  }
  // Skip the tag and the (short or long form) length.
  int header = 2;
  if (der[1] & 0x80) header += der[1] & 0x7f;
  std::string content(reinterpret_cast<char*>(der) + header,
                      static_cast<std::size_t>(size - header));
  OPENSSL_free(der);
  return ariCertIdFromParts(
      std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(key_id)),
                       static_cast<std::size_t>(ASN1_STRING_length(key_id))),
      content);
}

shared::Result<RenewalInfo> parseRenewalInfo(std::string_view body) {
  auto object = parseJsonObject(body, "renewal info");
  if (!object) return object.status();
  Poco::JSON::Object::Ptr window = (*object)->getObject("suggestedWindow");
  if (window.isNull()) {
    return shared::Status::invalidArgument("renewal info: missing suggestedWindow");
  }
  const auto start = parseRfc3339(stringField(*window, "start"));
  const auto end = parseRfc3339(stringField(*window, "end"));
  if (!start || !end || *end < *start) {
    return shared::Status::invalidArgument("renewal info: suggestedWindow needs start <= end");
  }
  return RenewalInfo{*start, *end, stringField(**object, "explanationURL"), std::nullopt};
}

shared::Result<RenewalInfo> fetchRenewalInfo(AcmeClient& client,
                                             const shared::pki::Certificate& certificate) {
  const std::string& base = client.directory().renewal_info;
  if (base.empty()) return shared::Status::notFound("ari: the CA offers no renewalInfo");
  auto cert_id = ariCertId(certificate);
  if (!cert_id) return cert_id.status();
  const std::string url = (base.ends_with("/") ? base : base + "/") + *cert_id;
  auto response = client.sender().send("GET", url);
  if (!response) return response.status();
  if (response->status != 200) {
    auto problem = parseProblem(response->body);
    return problemStatus(problem ? *problem
                                 : Problem{"about:blank",
                                           "HTTP " + std::to_string(response->status),
                                           response->status,
                                           {}},
                         response->status, "renewal info " + url);
  }
  auto info = parseRenewalInfo(response->body);
  if (!info) return info.status().withContext("acme: " + url);
  info->retry_after =
      parseRetryAfter(response->header("Retry-After"), client.options().clock->now());
  return info;
}

}  // namespace certd::acme
