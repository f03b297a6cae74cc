#pragma once

// Http01Standalone: the HTTP-01 solver with its own listener (RFC 8555 §8.3), a Poco
// HTTPServer on `acme_port`. It answers GET /.well-known/acme-challenge/{token} for the
// tokens presented right now with the key authorization as text/plain, and 404 for
// everything else. The listener starts with the first present() and stops when the last
// token is cleaned up (or at destruction). Several validation requests may arrive at once
// (Pebble sends three); each connection gets a worker from a small private pool.
//
// present()/cleanUp() from one thread; the token table is shared with the workers under
// a mutex.

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "certd/challenge/solver.h"
#include "shared/net/host_port.h"

namespace certd::challenge {

// The tokens being served, shared by the solver and its request handlers.
struct TokenTable {
  std::mutex mu;
  std::map<std::string, std::string> key_authorizations;  // guarded by mu; token -> keyauth
};

class Http01Standalone final : public Solver {
 public:
  // `listen`: host ("" = every address) and port (0 = any free port; see port()).
  explicit Http01Standalone(shared::net::HostPort listen);
  ~Http01Standalone() override;

  std::string_view challengeType() const override { return "http-01"; }
  shared::Status present(const ChallengeSpec& spec) override;
  shared::Status cleanUp(const ChallengeSpec& spec) override;

  // Starts the listener now (present() does it when needed). Errors:
  // "http01: listen 127.0.0.1:80: Permission denied".
  shared::Status start();
  // Stops the listener; open connections are closed.
  void stop();
  // The bound port while listening, else 0.
  std::uint16_t port() const;

 private:
  shared::net::HostPort listen_;
  std::shared_ptr<TokenTable> tokens_ = std::make_shared<TokenTable>();
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace certd::challenge
