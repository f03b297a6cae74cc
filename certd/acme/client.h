#pragma once

// AcmeClient: the ACME client core (RFC 8555 §6): the directory, the nonce pool, and
// signed POSTs over one kept-alive HttpSender. It turns every non-2xx answer into a typed
// Problem, retries badNonce at once with the nonce that came with the error (§6.5), and
// waits out a short Retry-After on 503/429 before one retry. Resource operations (new
// account, order, ...) are in operations.h; polling is in polling.h.
//
// The account: requests are signed with `kid` once an account URL is set, with `jwk`
// before. When the server says accountDoesNotExist (a CA that lost its state) and a
// re-register hook is set, the hook runs once and the request is re-sent.
//
// Not thread-safe: one flow owns one client.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "certd/acme/directory.h"
#include "certd/acme/http_sender.h"
#include "certd/acme/jws.h"
#include "certd/acme/nonce_pool.h"
#include "certd/acme/problem.h"
#include "certd/acme/retry_after.h"
#include "shared/clock.h"
#include "shared/result.h"

namespace certd::acme {

struct ClientOptions {
  std::string directory_url;
  HttpSender::Options http;
  Backoff backoff;                           // polling and retries without Retry-After
  std::chrono::seconds max_retry_after{30};  // a longer Retry-After fails instead
  std::chrono::seconds poll_timeout{120};    // per authorization / order wait
  int max_bad_nonce_retries = 20;            // badNonce is retried this often per request
  const shared::Clock* clock = &shared::SystemClock::instance();
  std::function<void(std::chrono::milliseconds)> sleep;  // default: this_thread::sleep_for
};

class AcmeClient {
 public:
  // Throws (Poco) only when the TLS context cannot be set up (bad CA bundle).
  AcmeClient(ClientOptions options, JwsSigner signer);

  // GETs and parses the directory; the first call of a flow.
  shared::Status loadDirectory();
  const Directory& directory() const { return directory_; }

  void setAccountUrl(std::string url) { account_url_ = std::move(url); }
  const std::string& accountUrl() const { return account_url_; }
  const JwsSigner& signer() const { return signer_; }
  // Signs every later request with `signer` (after a key change, RFC 8555 §7.3.5).
  void setSigner(JwsSigner signer) { signer_ = std::move(signer); }

  // Runs when a kid request is answered accountDoesNotExist; it should register again
  // (with the same key) and set the new account URL. Then the request is re-sent once.
  void setReregisterHook(std::function<shared::Status()> hook) { reregister_ = std::move(hook); }

  // A signed POST of `payload` ("" for POST-as-GET) to `url`. Signed with the JWK when
  // `with_jwk` or no account URL is set. Returns the 2xx response; any other status becomes
  // an error Status "acme: <what>: <problem>" and lastProblem() holds the problem.
  shared::Result<HttpResponse> post(const std::string& url, std::string_view payload,
                                    std::string_view what, bool with_jwk = false,
                                    std::string_view accept = {});
  shared::Result<HttpResponse> postAsGet(const std::string& url, std::string_view what,
                                         std::string_view accept = {}) {
    return post(url, "", what, false, accept);
  }

  // The problem of the last failed request, if the server sent one.
  const std::optional<Problem>& lastProblem() const { return last_problem_; }
  // When the last failed request's Retry-After (too long to wait out here) allows the next
  // try; nullopt when it carried none. The caller's back-off honours it (RFC 8555 §6.6).
  const std::optional<shared::Clock::TimePoint>& lastRetryAfter() const {
    return last_retry_after_;
  }

  // Waits `delay` (through options.sleep).
  void pause(std::chrono::milliseconds delay) const;
  const ClientOptions& options() const { return options_; }
  HttpSender& sender() { return sender_; }

 private:
  shared::Result<std::string> nextNonce();
  shared::Result<HttpResponse> postOnce(const std::string& url, std::string_view payload,
                                        bool with_jwk, std::string_view accept);
  void keepNonce(const HttpResponse& response);

  ClientOptions options_;
  JwsSigner signer_;
  HttpSender sender_;
  NoncePool nonces_;
  Directory directory_;
  std::string account_url_;
  std::function<shared::Status()> reregister_;
  std::optional<Problem> last_problem_;
  std::optional<shared::Clock::TimePoint> last_retry_after_;
};

// A Status for a failed ACME response: kUnavailable for rateLimited, serverInternal and
// 5xx; kPermissionDenied for unauthorized; kInvalidArgument otherwise.
shared::Status problemStatus(const Problem& problem, int http_status, std::string_view what);

}  // namespace certd::acme
