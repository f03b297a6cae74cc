#pragma once

// `certd run`: the daemon. Each round is one renewal pass (certd/renewal/renewal_pass.h: obtains
// what is missing or due, honours the persisted back-off, so a restart costs nothing and a crash
// loop cannot hammer the CA), then a sleep until the earliest renewal time or end of a
// back-off across certificates, re-checking at least hourly (renewal/schedule.h).
// Signals (shared/signals.h, set up before any thread starts) wake it at once:
// SIGTERM/SIGINT stop it cleanly (exit 0); SIGHUP re-reads the configuration file (a
// broken one is logged and the old one kept) and re-plans. A signal that arrives during a
// pass is handled before the next certificate (an order already running is finished). Sends READY=1
// over NOTIFY_SOCKET after the first pass, runs deploy/failure hooks, and serves the admin port
// when configured.

#include <string>
#include <vector>

#include "certd/app/config.h"
#include "shared/config/loader.h"

namespace certd::app {

// `config` as loaded by the program; `config_file` ("" for none) and `flags` are re-applied
// on SIGHUP (the environment is read again too). Returns the exit code.
int runDaemon(const CertdConfig& config, const std::string& config_file,
              const std::vector<shared::config::FlagValue>& flags);

}  // namespace certd::app
