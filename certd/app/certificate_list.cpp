#include "certd/app/certificate_list.h"

#include <algorithm>
#include <set>

namespace certd::app {
namespace {

using shared::config::Problem;

shared::Status itemError(std::size_t index, const std::string& message) {
  return shared::Status::invalidArgument("certificates[" + std::to_string(index) + "]" + message);
}

}  // namespace

shared::Result<std::vector<CertificateConfig>> parseCertificateList(
    const shared::config::RawValue& raw) {
  if (!raw.yaml()) {
    return shared::Status::invalidArgument("can only be set in the YAML file");
  }
  const YAML::Node& node = *raw.yaml();
  std::vector<CertificateConfig> list;
  if (node.IsNull()) return list;
  if (!node.IsSequence()) {
    return shared::Status::invalidArgument("expected a list of certificates, got " +
                                           shared::config::describeYamlKind(node));
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node item = node[i];
    if (!item.IsMap())
      return itemError(i, ": expected a map, got " + shared::config::describeYamlKind(item));
    CertificateConfig cert;
    for (YAML::const_iterator it = item.begin(); it != item.end(); ++it) {
      const YAML::Node key_node = it->first;
      const YAML::Node value = it->second;
      const std::string key = key_node.IsScalar() ? key_node.Scalar() : "";
      static const std::set<std::string> kKnown = {"name",    "domains",     "key_type",
                                                   "solver",  "webroot",     "preferred_chain",
                                                   "profile", "deploy_hook", "failure_hook"};
      if (kKnown.count(key) == 0) {
        return itemError(i, ": unknown key \"" + key +
                                "\" (known: name, domains, key_type, solver, webroot, "
                                "preferred_chain, profile, deploy_hook, failure_hook)");
      }
      if (key == "domains") {
        auto domains = shared::config::RawValue::fromYaml(value, raw.origin()).list();
        if (!domains) return itemError(i, ".domains: " + domains.status().message());
        cert.domains = std::move(domains).value();
        continue;
      }
      if (!value.IsScalar()) return itemError(i, "." + key + ": expected a single value");
      const std::string text = value.Scalar();
      if (key == "name") {
        cert.name = text;
      } else if (key == "key_type") {
        auto type = shared::pki::parseKeyType(text);
        if (!type) return itemError(i, ".key_type: " + type.status().message());
        cert.key_type = *type;
      } else if (key == "solver") {
        cert.solver = text;
      } else if (key == "webroot") {
        cert.webroot = text;
      } else if (key == "preferred_chain") {
        cert.preferred_chain = text;
      } else if (key == "deploy_hook") {
        cert.deploy_hook = text;
      } else if (key == "failure_hook") {
        cert.failure_hook = text;
      } else {
        cert.profile = text;
      }
    }
    list.push_back(std::move(cert));
  }
  return list;
}

std::string defaultCertificateName(const std::string& first_domain) {
  std::string name = first_domain;
  std::replace(name.begin(), name.end(), ':', '_');
  return name;
}

std::string describeCertificateList(const std::vector<CertificateConfig>& certificates) {
  std::string text;
  for (const CertificateConfig& cert : certificates) {
    if (!text.empty()) text += "; ";
    text +=
        (cert.name.empty() && !cert.domains.empty() ? defaultCertificateName(cert.domains.front())
                                                    : cert.name) +
        " (";
    for (std::size_t i = 0; i < cert.domains.size(); ++i) {
      text += (i > 0 ? ", " : "") + cert.domains[i];
    }
    text += ")";
  }
  return text;
}

std::vector<CertificateConfig> effectiveCertificates(const CertdConfig& config) {
  std::vector<CertificateConfig> list = config.certificates;
  if (list.empty() && !config.domains.empty()) {
    list.push_back(CertificateConfig{.domains = config.domains});
  }
  for (CertificateConfig& cert : list) {
    if (cert.name.empty() && !cert.domains.empty())
      cert.name = defaultCertificateName(cert.domains.front());
    if (!cert.key_type) cert.key_type = config.key_type;
    if (cert.solver.empty()) cert.solver = config.solver;
    if (cert.webroot.empty()) cert.webroot = config.webroot;
    if (cert.preferred_chain.empty()) cert.preferred_chain = config.preferred_chain;
    if (cert.profile.empty()) cert.profile = config.profile;
    if (cert.deploy_hook.empty()) cert.deploy_hook = config.deploy_hook;
    if (cert.failure_hook.empty()) cert.failure_hook = config.failure_hook;
  }
  return list;
}

std::optional<Problem> checkCertificates(const CertdConfig& config) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < config.certificates.size(); ++i) {
    const CertificateConfig& cert = config.certificates[i];
    const std::string path = "certificates[" + std::to_string(i) + "]";
    const std::string solver = cert.solver.empty() ? config.solver : cert.solver;
    if (auto problem = checkDomainList(cert.domains, path + ".domains", solver)) return problem;
    const std::string name =
        cert.name.empty() ? defaultCertificateName(cert.domains.front()) : cert.name;
    if (name.find('/') != std::string::npos || name.starts_with(".")) {
      return Problem{path + ".name", "\"" + name + "\" cannot be a file name"};
    }
    if (!names.insert(name).second) {
      return Problem{path + ".name", "\"" + name + "\" is used by two certificates"};
    }
    if (!cert.solver.empty() && cert.solver != "standalone" && cert.solver != "webroot" &&
        cert.solver != "dns-01" && cert.solver != "tls-alpn-01" &&
        cert.solver != "dns-persist-01") {
      return Problem{path + ".solver",
                     "expected standalone, webroot, dns-01, tls-alpn-01 or dns-persist-01; got \"" +
                         cert.solver + "\""};
    }
    if (solver == "webroot" && cert.webroot.empty() && config.webroot.empty()) {
      return Problem{path + ".webroot", "the webroot solver needs a webroot folder"};
    }
  }
  return std::nullopt;
}

}  // namespace certd::app
