#include "certd/store/metadata.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "certd/store/time_text.h"
#include "shared/json_string.h"

namespace certd::store {
namespace {

using shared::Clock;

void appendString(std::string& out, std::string_view key, std::string_view value) {
  shared::appendJsonMemberName(out, key);
  shared::appendJsonString(out, value);
}

Clock::TimePoint seconds(Clock::TimePoint t) {
  return std::chrono::floor<std::chrono::seconds>(t);
}

}  // namespace

CertificateMetadata describeChain(std::string_view name, std::vector<std::string> domains,
                                  const shared::pki::CertificateChain& chain,
                                  Clock::TimePoint renewal_time, std::uint64_t generation,
                                  Clock::TimePoint installed_at) {
  const shared::pki::Certificate& leaf = chain.leaf();
  return {.name = std::string(name),
          .domains = std::move(domains),
          .serial = leaf.serialHex(),
          .not_before = leaf.notBefore(),
          .not_after = leaf.notAfter(),
          .issuer = leaf.issuer(),
          .sha256 = leaf.sha256Fingerprint(),
          .renewal_time = seconds(renewal_time),
          .generation = generation,
          .installed_at = seconds(installed_at)};
}

std::string toJson(const CertificateMetadata& m) {
  std::string out = "{";
  appendString(out, "name", m.name);
  shared::appendJsonMemberName(out, "domains");
  out += '[';
  for (std::size_t i = 0; i < m.domains.size(); ++i) {
    if (i > 0) out += ',';
    shared::appendJsonString(out, m.domains[i]);
  }
  out += ']';
  appendString(out, "serial", m.serial);
  appendString(out, "not_before", formatRfc3339(m.not_before));
  appendString(out, "not_after", formatRfc3339(m.not_after));
  appendString(out, "issuer", m.issuer);
  appendString(out, "sha256", m.sha256);
  appendString(out, "renewal_time", formatRfc3339(m.renewal_time));
  shared::appendJsonMemberName(out, "generation");
  out += std::to_string(m.generation);
  appendString(out, "installed_at", formatRfc3339(m.installed_at));
  out += "}\n";
  return out;
}

shared::Result<CertificateMetadata> parseMetadata(std::string_view json) {
  using shared::Status;
  CertificateMetadata m;
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var root = parser.parse(std::string(json));
    auto object = root.extract<Poco::JSON::Object::Ptr>();
    auto text = [&](const char* key) -> std::string {
      if (!object->has(key) || !object->get(key).isString()) {
        throw std::invalid_argument(std::string("\"") + key + "\" is missing or not a string");
      }
      return object->getValue<std::string>(key);
    };
    auto time = [&](const char* key) {
      auto parsed = parseRfc3339(text(key));
      if (!parsed) throw std::invalid_argument(std::string("\"") + key + "\": bad time");
      return *parsed;
    };
    m.name = text("name");
    Poco::JSON::Array::Ptr domains = object->getArray("domains");
    if (!domains) throw std::invalid_argument("\"domains\" is missing or not an array");
    for (std::size_t i = 0; i < domains->size(); ++i) {
      m.domains.push_back(domains->getElement<std::string>(static_cast<unsigned>(i)));
    }
    m.serial = text("serial");
    m.not_before = time("not_before");
    m.not_after = time("not_after");
    m.issuer = text("issuer");
    m.sha256 = text("sha256");
    m.renewal_time = time("renewal_time");
    if (!object->has("generation") || !object->get("generation").isInteger()) {
      throw std::invalid_argument("\"generation\" is missing or not an integer");
    }
    m.generation = object->getValue<std::uint64_t>("generation");
    m.installed_at = time("installed_at");
  } catch (const Poco::Exception& e) {
    return Status::invalidArgument("metadata: " + e.displayText());
  } catch (const std::exception& e) {
    return Status::invalidArgument(std::string("metadata: ") + e.what());
  }
  return m;
}

}  // namespace certd::store
