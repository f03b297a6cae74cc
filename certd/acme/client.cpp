#include "certd/acme/client.h"

#include <thread>

#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::acme {
namespace {

bool isSuccess(int status) {
  return status >= 200 && status < 300;
}

Problem problemOf(const HttpResponse& response) {
  auto parsed = parseProblem(response.body);
  if (parsed) return std::move(parsed).value();
  Problem problem;  // a proxy's HTML error page, or nothing at all
  problem.type = "about:blank";
  problem.detail = "HTTP " + std::to_string(response.status);
  problem.status = response.status;
  return problem;
}

}  // namespace

shared::Status problemStatus(const Problem& problem, int http_status, std::string_view what) {
  std::string message = "acme: " + std::string(what) + ": " + problem.describe();
  if (problem.is(error::kRateLimited) || problem.is(error::kServerInternal) || http_status >= 500) {
    return shared::Status::unavailable(std::move(message));
  }
  if (problem.is(error::kUnauthorized)) return shared::Status::permissionDenied(std::move(message));
  return shared::Status::invalidArgument(std::move(message));
}

AcmeClient::AcmeClient(ClientOptions options, JwsSigner signer)
    : options_(std::move(options)), signer_(std::move(signer)), sender_(options_.http) {}

void AcmeClient::pause(std::chrono::milliseconds delay) const {
  if (delay.count() <= 0) return;
  if (options_.sleep) {
    options_.sleep(delay);
  } else {
    std::this_thread::sleep_for(delay);
  }
}

void AcmeClient::keepNonce(const HttpResponse& response) {
  nonces_.put(response.header("Replay-Nonce"));
}

shared::Status AcmeClient::loadDirectory() {
  auto response = sender_.send("GET", options_.directory_url);
  if (!response) return response.status();
  keepNonce(*response);
  if (!isSuccess(response->status)) {
    return problemStatus(problemOf(*response), response->status,
                         "directory " + options_.directory_url);
  }
  auto directory = parseDirectory(response->body);
  if (!directory) return directory.status().withContext("acme: " + options_.directory_url);
  directory_ = std::move(directory).value();
  return shared::Status::ok();
}

shared::Result<std::string> AcmeClient::nextNonce() {
  if (auto nonce = nonces_.take()) return *nonce;
  // RFC 8555 §7.2: HEAD newNonce answers 200 with a Replay-Nonce.
  auto response = sender_.send("HEAD", directory_.new_nonce);
  if (!response) return response.status();
  const std::string nonce = response->header("Replay-Nonce");
  if (nonce.empty()) {
    return shared::Status::unavailable("acme: newNonce: no Replay-Nonce in HTTP " +
                                       std::to_string(response->status));
  }
  return nonce;
}

shared::Result<HttpResponse> AcmeClient::postOnce(const std::string& url, std::string_view payload,
                                                  bool with_jwk, std::string_view accept) {
  auto nonce = nextNonce();
  if (!nonce) return nonce.status();
  auto body = signer_.sign(payload, url, *nonce, with_jwk ? std::string_view() : account_url_);
  if (!body) return body.status();
  auto response = sender_.send("POST", url, *body, "application/jose+json", accept);
  if (response) keepNonce(*response);
  return response;
}

shared::Result<HttpResponse> AcmeClient::post(const std::string& url, std::string_view payload,
                                              std::string_view what, bool with_jwk,
                                              std::string_view accept) {
  static const auto log = shared::log::get("certd.acme");
  last_problem_.reset();
  last_retry_after_.reset();
  int bad_nonces = 0;
  int waits = 0;
  bool reregistered = false;
  while (true) {
    auto response = postOnce(url, payload, with_jwk, accept);
    if (!response) return response.status();  // already "acme: POST URL: cause"
    if (isSuccess(response->status)) return response;
    Problem problem = problemOf(*response);
    // RFC 8555 §6.5: a badNonce answer carries a fresh nonce (kept above); retry at once.
    if (problem.is(error::kBadNonce) && bad_nonces < options_.max_bad_nonce_retries) {
      ++bad_nonces;
      shared::log::debug(log, "bad nonce, retrying", {{"what", what}, {"attempt", bad_nonces}});
      continue;
    }
    if (problem.is(error::kAccountDoesNotExist) && !with_jwk && !account_url_.empty() &&
        reregister_ && !reregistered) {
      reregistered = true;
      shared::log::warn(log, "the CA no longer knows the account, registering again",
                        {{"url", account_url_}});
      if (shared::Status status = reregister_(); !status) return status;
      continue;
    }
    // RFC 8555 §6.6: honour Retry-After on 503 and 429 when it is short enough to wait.
    const auto retry_after =
        parseRetryAfter(response->header("Retry-After"), options_.clock->now());
    if ((response->status == 503 || response->status == 429) && retry_after &&
        *retry_after <= options_.max_retry_after && waits < 3) {
      ++waits;
      shared::log::info(log, "server asks to retry later",
                        {{"what", what}, {"retry_after_ms", retry_after->count()}});
      pause(*retry_after);
      continue;
    }
    shared::Status status = problemStatus(problem, response->status, what);
    if (retry_after) {
      last_retry_after_ = options_.clock->now() + *retry_after;
      status = problemStatus(problem, response->status,
                             std::string(what) + " (retry after " +
                                 std::to_string(retry_after->count() / 1000) + " s)");
    }
    if (problem.status == 0) problem.status = response->status;  // lastProblem() tells 4xx
    last_problem_ = std::move(problem);
    return status;
  }
}

}  // namespace certd::acme
