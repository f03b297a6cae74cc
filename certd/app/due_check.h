#pragma once

// The interim "is a new certificate needed?" rule for `certd renew`: the certificate on
// disk is kept while it parses, matches its key, covers every configured domain, is valid
// now and has more than 1/3 of its lifetime left. The real renewal policy (ARI windows,
// short-lived certificates, recorded back-off) belongs to the renewal component; this is
// a pure function of the files and `now`.

#include <filesystem>
#include <string>
#include <vector>

#include "shared/clock.h"

namespace certd::app {

struct DueDecision {
  bool due = true;
  std::string reason;  // "no certificate", "expires in 1/3 of its lifetime", "valid until ..."
};

DueDecision checkDue(const std::filesystem::path& certs_dir, const std::string& name,
                     const std::vector<std::string>& domains, shared::Clock::TimePoint now);

}  // namespace certd::app
