#include "certd/challenge/dns_persist_record.h"

#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "certd/acme/base64url.h"

namespace certd::challenge {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string dnsPersistRecordName(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  // draft §5: a wildcard is validated at its base name, with policy=wildcard.
  if (domain.starts_with("*.")) domain.remove_prefix(2);
  return "_validation-persist." + lower(domain);
}

std::string dnsPersistAccountUri(std::string_view account_hash_prefix, std::string_view domain,
                                 std::string_view thumbprint, std::string_view account_url) {
  if (account_hash_prefix.empty()) return std::string(account_url);
  // The record's base name: what dnsPersistRecordName() puts after the label.
  const std::string base =
      dnsPersistRecordName(domain).substr(std::string_view("_validation-persist.").size());
  std::string input(1, static_cast<char>(base.size() & 0xff));  // names are <= 253 octets
  input += base;
  input += thumbprint;
  input += account_url;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return std::string(account_hash_prefix) + "sha-256/" +
         acme::base64UrlEncode(
             std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string dnsPersistTxtValue(const DnsPersistRecord& record) {
  // RFC 8659 §4.2 issue-value: the issuer, then "; tag=value" parameters.
  std::string value = record.issuer + "; accounturi=" + record.account_uri;
  if (record.wildcard) value += "; policy=wildcard";
  if (record.persist_until) value += "; persistUntil=" + std::to_string(*record.persist_until);
  return value;
}

std::string dnsPersistZoneLine(std::string_view name, std::string_view value) {
  std::string line(name);
  if (line.empty() || line.back() != '.') line += '.';
  line += " IN TXT";
  do {
    const std::string_view chunk = value.substr(0, 255);
    value.remove_prefix(chunk.size());
    line += " \"";
    for (const char c : chunk) {
      if (c == '"' || c == '\\') line += '\\';
      line += c;
    }
    line += '"';
  } while (!value.empty());
  return line;
}

std::optional<DnsPersistRecord> parseDnsPersistTxt(std::string_view value) {
  DnsPersistRecord record;
  std::size_t semicolon = value.find(';');
  record.issuer = lower(trim(value.substr(0, semicolon)));
  if (record.issuer.empty()) return std::nullopt;
  bool has_account = false;
  while (semicolon != std::string_view::npos) {
    value.remove_prefix(semicolon + 1);
    semicolon = value.find(';');
    const std::string_view parameter = trim(value.substr(0, semicolon));
    if (parameter.empty()) continue;
    const std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos) return std::nullopt;  // RFC 8659: tag=value only
    const std::string_view tag = trim(parameter.substr(0, equals));
    const std::string_view text = trim(parameter.substr(equals + 1));
    if (tag == "accounturi") {
      record.account_uri = std::string(text);
      has_account = true;
    } else if (tag == "policy") {
      record.wildcard = lower(text) == "wildcard";  // §4.1: any other value means none
    } else if (tag == "persistUntil") {
      std::int64_t seconds = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
      if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
      record.persist_until = seconds;
    }
  }
  if (!has_account) return std::nullopt;
  return record;
}

bool dnsPersistTxtSatisfies(std::string_view value, const std::vector<std::string>& issuers,
                            std::string_view account_uri, bool wildcard, std::int64_t now_unix) {
  const auto record = parseDnsPersistTxt(value);
  if (!record) return false;
  if (std::find(issuers.begin(), issuers.end(), record->issuer) == issuers.end()) return false;
  if (record->account_uri != account_uri) return false;  // §4.1: simple string comparison
  if (wildcard && !record->wildcard) return false;
  return !record->persist_until || *record->persist_until >= now_unix;
}

std::string issuerDomainNameProblem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name.size() > 253) return "is longer than 253 characters";
  if (name.back() == '.') return "ends with a dot";
  std::string_view rest = name;
  while (true) {
    const std::size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63) return "has an empty or over-long label";
    if (label.front() == '-' || label.back() == '-')
      return "has a label that starts or ends with '-'";
    for (const char c : label) {
      const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!allowed) {
        return std::string("has the character '") + c +
               "' (a lower-case domain name in A-labels is needed)";
      }
    }
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return "";
}

std::string issuerDomainNamesProblem(const std::vector<std::string>& offered) {
  if (offered.empty()) return "the CA names no issuer domain";
  if (offered.size() > 10) return "the CA names more than 10 issuer domains";
  for (const std::string& name : offered) {
    if (std::string problem = issuerDomainNameProblem(name); !problem.empty())
      return "the CA's issuer domain \"" + name + "\" " + problem;
  }
  return "";
}

shared::Result<std::string> chooseIssuerDomainName(const std::vector<std::string>& offered,
                                                   const std::string& configured) {
  if (offered.empty()) {
    if (configured.empty()) {
      return shared::Status::invalidArgument(
          "the CA names no issuer domain; set dns_persist.issuer (Let's Encrypt: "
          "letsencrypt.org)");
    }
    return configured;
  }
  if (std::string problem = issuerDomainNamesProblem(offered); !problem.empty())
    return shared::Status::invalidArgument(problem);
  if (std::find(offered.begin(), offered.end(), configured) != offered.end()) return configured;
  return offered.front();
}

}  // namespace certd::challenge
