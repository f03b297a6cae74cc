#pragma once

// `certd account rollover [--key-type TYPE]` and `certd account deactivate --yes`: act on
// the ACME account of the configured CA (the one in {state_dir}/accounts/{ca}/). Neither
// registers an account: with none stored they fail and say so.
//
// rollover (RFC 8555 §7.3.5): a new account key (by default of the current key's type)
// replaces the old one at the CA and on disk, crash-safe (issue/account_key_rollover.h);
// the account URL stays.
// deactivate (§7.3.6): the CA stops accepting the account; its key and URL move to
// accounts/{ca}/deactivated/{time}/ so the next issuance registers a new account. Issued
// certificates stay valid. Without --yes it only explains and exits 64.
// Both hold the account lock (certd/renewal/acme_session.h) and fail at once when another process
// has it. Exit codes: 0 done, 2 failed (no account, lock held, CA unreachable or refusing), 64
// usage.

#include <string>

#include "certd/app/config.h"

namespace certd::app {

int runAccountRollover(const CertdConfig& config, const std::string& key_type);
int runAccountDeactivate(const CertdConfig& config, bool confirmed);

}  // namespace certd::app
