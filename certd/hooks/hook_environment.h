#pragma once

// The environment a deploy or failure hook runs with: which certificate, its domains and the
// public paths of its files (docs/certd.md, "The certs directory"), plus the error for a failure
// hook.
//   CERTD_NAME            shop
//   CERTD_DOMAINS         shop.example.com,www.shop.example.com
//   CERTD_CERT_PATH       {certs_dir}/shop.cert.pem   (full chain)
//   CERTD_KEY_PATH        {certs_dir}/shop.key.pem
//   CERTD_FULLCHAIN_PATH  {certs_dir}/shop.pem        (key then chain, one file)
//   CERTD_ERROR           the attempt's error (failure hooks only)
// A pure function; thread-safe.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "certd/store/paths.h"

namespace certd::hooks {

using Environment = std::vector<std::pair<std::string, std::string>>;

// `error` is set for a failure hook and absent for a deploy hook.
Environment hookEnvironment(const store::CertsLayout& layout, const std::string& name,
                            const std::vector<std::string>& domains,
                            const std::optional<std::string>& error);

}  // namespace certd::hooks
