#pragma once

// KnotServer: a Knot DNS authoritative server for the zone "test." on a free loopback port,
// in its own temporary directory, configured with a TSIG key
// made by keymgr and an ACL allowing TXT updates with it. Started by start(), stopped by
// PID (SIGTERM, then waited for) at destruction. For integration tests only.

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "tests/support/temp_dir.h"

namespace certd_test {

class KnotServer {
 public:
  KnotServer() = default;
  ~KnotServer();
  KnotServer(const KnotServer&) = delete;
  KnotServer& operator=(const KnotServer&) = delete;

  // Writes the config, starts knotd and polls until it answers an SOA query (10 s
  // deadline). Returns "" on success, else what went wrong.
  std::string start();

  std::uint16_t port() const { return port_; }
  const std::string& keyName() const { return key_name_; }
  const std::string& secret() const { return secret_; }  // base64

 private:
  testing::TempDir dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::string key_name_ = "certd-key";
  std::string secret_;
};

// A loopback port free for both TCP and UDP right now.
std::uint16_t freePort();

// Runs `command` through /bin/sh and returns its standard output (and its exit status in
// `status` when given).
std::string run(const std::string& command, int* status = nullptr);

}  // namespace certd_test
