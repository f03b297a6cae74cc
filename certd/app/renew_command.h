#pragma once

// `certd renew [--force] [NAME]`: one pass over the configured certificates (or only NAME):
// each one that is due (due_check.h), or every one with --force, is ordered over one ACME
// client (one account, one kept-alive connection) and saved through saveIssued().
// Exit codes: 0 when at least one certificate was issued and none failed, 1 when nothing
// was due, 2 when any certificate failed (the others are still attempted).

#include <string>

#include "certd/app/config.h"

namespace certd::app {

inline constexpr int kRenewIssued = 0;
inline constexpr int kRenewNothingDue = 1;
inline constexpr int kRenewFailed = 2;

struct RenewOptions {
  bool force = false;
  std::string only_name;  // "" for all
};

int runRenew(const CertdConfig& config, const RenewOptions& options);

}  // namespace certd::app
