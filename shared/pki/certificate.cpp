#include "shared/pki/certificate.h"

#include <arpa/inet.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <climits>
#include <optional>

#include "shared/pki/certificate_chain.h"
#include "shared/pki/openssl_error.h"

namespace shared::pki {
namespace {

// ASN1_TIME (UTCTime or GeneralizedTime) to a TimePoint via the proleptic Gregorian
// calendar, so years past 2038 and 2050 work and no time zone is involved.
std::optional<Clock::TimePoint> toTimePoint(const ASN1_TIME* time) {
  struct tm tm = {};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return std::nullopt;
  using namespace std::chrono;
  year_month_day date{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                      day{static_cast<unsigned>(tm.tm_mday)}};
  if (!date.ok()) return std::nullopt;
  sys_seconds at = sys_days{date} + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
  // TimePoint counts nanoseconds in 64 bits (years 1678-2262); GeneralizedTime reaches 9999.
  constexpr auto kMax = floor<seconds>(Clock::TimePoint::max());
  constexpr auto kMin = ceil<seconds>(Clock::TimePoint::min());
  if (at >= kMax) return Clock::TimePoint::max();
  if (at <= kMin) return Clock::TimePoint::min();
  return time_point_cast<Clock::TimePoint::duration>(at);
}

std::string bioContents(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  if (length <= 0 || data == nullptr) return {};
  return std::string(data, static_cast<size_t>(length));
}

std::string nameToString(const X509_NAME* name) {
  ErrorQueueGuard guard;
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || name == nullptr) return {};
  if (X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return {};
  return bioContents(bio.get());
}

std::string toLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string toHex(const unsigned char* data, size_t length, const char* digits) {
  std::string hex;
  hex.reserve(length * 2);
  for (size_t i = 0; i < length; ++i) {
    hex += digits[data[i] >> 4];
    hex += digits[data[i] & 0x0f];
  }
  return hex;
}

// The subjectAltName extension, or null when absent or undecodable.
GeneralNamesPtr subjectAltNameExtension(X509* x509) {
  return GeneralNamesPtr(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x509, NID_subject_alt_name, nullptr, nullptr)));
}

std::string_view asView(const ASN1_STRING* string) {
  return {reinterpret_cast<const char*>(ASN1_STRING_get0_data(string)),
          static_cast<size_t>(ASN1_STRING_length(string))};
}

// Parses an IPv4 or IPv6 literal into its 4 or 16 bytes; nullopt when it is not one.
std::optional<std::string> parseIp(std::string_view text) {
  std::string copy(text);  // inet_pton needs a terminated string
  unsigned char bytes[16];
  if (inet_pton(AF_INET, copy.c_str(), bytes) == 1) return std::string(bytes, bytes + 4);
  if (inet_pton(AF_INET6, copy.c_str(), bytes) == 1) return std::string(bytes, bytes + 16);
  return std::nullopt;
}

// RFC 6125 §6.4.3 as the CA/Browser Forum restricts it: the wildcard is the whole leftmost
// label and matches exactly one non-empty label.
bool dnsNameMatches(std::string_view san, std::string_view name) {
  std::string pattern = toLower(san);
  if (!pattern.empty() && pattern.back() == '.') pattern.pop_back();
  if (pattern == name) return true;
  if (name.starts_with("*.")) return false;  // a wildcard request needs the identical SAN
  if (!pattern.starts_with("*.") || pattern.size() < 3) return false;
  std::string_view suffix = std::string_view(pattern).substr(1);  // ".example.com"
  if (suffix.find('*') != std::string_view::npos) return false;   // only the leftmost label
  if (name.size() <= suffix.size() || !name.ends_with(suffix)) return false;
  std::string_view label = name.substr(0, name.size() - suffix.size());
  return label.find('.') == std::string_view::npos;
}

}  // namespace

Result<Certificate> Certificate::fromPem(std::string_view pem) {
  Result<CertificateChain> chain = parseChainPem(pem);
  if (!chain) return chain.status();
  if (chain->certificates.size() != 1) {
    return Status::invalidArgument("expected exactly one certificate, found " +
                                   std::to_string(chain->certificates.size()));
  }
  return chain->certificates.front();
}

Result<Certificate> Certificate::fromDer(std::string_view der) {
  ErrorQueueGuard guard;
  if (der.empty()) return Status::invalidArgument("certificate DER is empty");
  if (der.size() > LONG_MAX) return Status::invalidArgument("certificate DER is too large");
  const auto* begin = reinterpret_cast<const unsigned char*>(der.data());
  const unsigned char* cursor = begin;
  X509Ptr x509(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  if (!x509) return openSslError("invalid certificate DER", Status::Code::kInvalidArgument);
  if (cursor != begin + der.size()) {
    return Status::invalidArgument("trailing bytes after the certificate DER");
  }
  return adopt(std::move(x509));
}

Result<Certificate> Certificate::adopt(X509Ptr x509) {
  ErrorQueueGuard guard;
  if (!x509) return Status::invalidArgument("certificate is null");
  std::optional<Clock::TimePoint> not_before = toTimePoint(X509_get0_notBefore(x509.get()));
  std::optional<Clock::TimePoint> not_after = toTimePoint(X509_get0_notAfter(x509.get()));
  if (!not_before) return Status::invalidArgument("certificate notBefore time is malformed");
  if (!not_after) return Status::invalidArgument("certificate notAfter time is malformed");
  return Certificate(std::move(x509), *not_before, *not_after);
}

Certificate::Certificate(const Certificate& other)
    : x509_(other.x509_.get()), not_before_(other.not_before_), not_after_(other.not_after_) {
  X509_up_ref(x509_.get());
}

Certificate& Certificate::operator=(const Certificate& other) {
  if (this != &other) {
    X509_up_ref(other.x509_.get());
    x509_.reset(other.x509_.get());
    not_before_ = other.not_before_;
    not_after_ = other.not_after_;
  }
  return *this;
}

std::string Certificate::toPem() const {
  ErrorQueueGuard guard;
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), x509_.get()) != 1) return {};
  return bioContents(bio.get());
}

std::string Certificate::toDer() const {
  ErrorQueueGuard guard;
  unsigned char* der = nullptr;
  int length = i2d_X509(x509_.get(), &der);
  OpenSslBytesPtr owned(der);
  if (length <= 0 || der == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(der), static_cast<size_t>(length));
}

std::vector<std::string> Certificate::dnsNames() const {
  ErrorQueueGuard guard;
  std::vector<std::string> names;
  GeneralNamesPtr sans = subjectAltNameExtension(x509_.get());
  for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans.get()); ++i) {
    const GENERAL_NAME* entry = sk_GENERAL_NAME_value(sans.get(), i);
    if (entry->type != GEN_DNS) continue;
    std::string_view name = asView(entry->d.dNSName);
    if (name.find('\0') != std::string_view::npos) continue;  // never let a NUL cut a name
    names.emplace_back(name);
  }
  return names;
}

std::vector<std::string> Certificate::ipAddresses() const {
  ErrorQueueGuard guard;
  std::vector<std::string> addresses;
  GeneralNamesPtr sans = subjectAltNameExtension(x509_.get());
  for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans.get()); ++i) {
    const GENERAL_NAME* entry = sk_GENERAL_NAME_value(sans.get(), i);
    if (entry->type != GEN_IPADD) continue;
    std::string_view bytes = asView(entry->d.iPAddress);
    char text[INET6_ADDRSTRLEN];
    // glibc's inet_ntop writes RFC 5952 text: lowercase, longest zero run of >= 2 as "::".
    int family = bytes.size() == 4 ? AF_INET : bytes.size() == 16 ? AF_INET6 : AF_UNSPEC;
    if (family == AF_UNSPEC || inet_ntop(family, bytes.data(), text, sizeof(text)) == nullptr) {
      continue;  // a malformed entry (e.g. a name-constraint style address/mask) names no host
    }
    addresses.emplace_back(text);
  }
  return addresses;
}

std::vector<std::string> Certificate::subjectAltNames() const {
  std::vector<std::string> names = dnsNames();
  std::vector<std::string> addresses = ipAddresses();
  names.insert(names.end(), addresses.begin(), addresses.end());
  return names;
}

Clock::TimePoint Certificate::notBefore() const {
  return not_before_;
}

Clock::TimePoint Certificate::notAfter() const {
  return not_after_;
}

bool Certificate::isValidAt(Clock::TimePoint at) const {
  return not_before_ <= at && at <= not_after_;
}

std::string Certificate::serialHex() const {
  ErrorQueueGuard guard;
  // i2a_ASN1_INTEGER is what `openssl x509 -serial` prints with; it breaks lines every 35
  // bytes with "\\\n", which we drop.
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || i2a_ASN1_INTEGER(bio.get(), X509_get0_serialNumber(x509_.get())) < 0) return {};
  std::string hex = bioContents(bio.get());
  std::erase_if(hex, [](char c) { return c == '\\' || c == '\n'; });
  return hex;
}

std::string Certificate::subject() const {
  return nameToString(X509_get_subject_name(x509_.get()));
}

std::string Certificate::issuer() const {
  return nameToString(X509_get_issuer_name(x509_.get()));
}

std::string Certificate::issuerCommonName() const {
  ErrorQueueGuard guard;
  const X509_NAME* name = X509_get_issuer_name(x509_.get());
  int index = -1;
  int last = -1;
  while ((index = X509_NAME_get_index_by_NID(name, NID_commonName, index)) >= 0) last = index;
  if (last < 0) return {};
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last));
  unsigned char* utf8 = nullptr;
  int length = ASN1_STRING_to_UTF8(&utf8, value);
  OpenSslBytesPtr owned(utf8);
  if (length < 0 || utf8 == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(utf8), static_cast<size_t>(length));
}

std::string Certificate::sha256Fingerprint() const {
  ErrorQueueGuard guard;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(x509_.get(), EVP_sha256(), digest, &length) != 1) return {};
  return toHex(digest, length, "0123456789abcdef");
}

bool Certificate::covers(std::string_view name) const {
  ErrorQueueGuard guard;
  if (name.empty()) return false;
  if (std::optional<std::string> ip = parseIp(name)) {
    GeneralNamesPtr sans = subjectAltNameExtension(x509_.get());
    for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans.get()); ++i) {
      const GENERAL_NAME* entry = sk_GENERAL_NAME_value(sans.get(), i);
      if (entry->type == GEN_IPADD && asView(entry->d.iPAddress) == *ip) return true;
    }
    return false;
  }
  std::string wanted = toLower(name);
  if (wanted.back() == '.') wanted.pop_back();  // "a.example." is the absolute "a.example"
  if (wanted.empty()) return false;
  std::vector<std::string> sans = dnsNames();
  return std::any_of(sans.begin(), sans.end(),
                     [&](const std::string& san) { return dnsNameMatches(san, wanted); });
}

}  // namespace shared::pki
