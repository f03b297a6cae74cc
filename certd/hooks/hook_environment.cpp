#include "certd/hooks/hook_environment.h"

namespace certd::hooks {

Environment hookEnvironment(const store::CertsLayout& layout, const std::string& name,
                            const std::vector<std::string>& domains,
                            const std::optional<std::string>& error) {
  std::string joined;
  for (const std::string& domain : domains) {
    if (!joined.empty()) joined += ',';
    joined += domain;
  }
  Environment env = {
      {"CERTD_NAME", name},
      {"CERTD_DOMAINS", joined},
      {"CERTD_CERT_PATH", layout.publicPath(name, store::PublicFile::kCert).string()},
      {"CERTD_KEY_PATH", layout.publicPath(name, store::PublicFile::kKey).string()},
      {"CERTD_FULLCHAIN_PATH", layout.publicPath(name, store::PublicFile::kCombined).string()},
  };
  if (error) env.emplace_back("CERTD_ERROR", *error);
  return env;
}

}  // namespace certd::hooks
