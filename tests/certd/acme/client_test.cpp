#include "certd/acme/client.h"

#include <catch2/catch.hpp>

#include "certd/acme/base64url.h"
#include "certd/acme/json_fields.h"
#include "certd/acme/operations.h"
#include "certd/acme/polling.h"
#include "certd/challenge/http01_webroot.h"
#include "certd/issue/issuer.h"
#include "tests/certd/support/fake_acme_server.h"
#include "tests/support/test_pki.h"

using namespace certd::acme;
using namespace std::chrono_literals;
using testing::FakeRequest;
using testing::FakeResponse;

namespace {

const char* kOrder = R"({"status":"pending","identifiers":[{"type":"dns","value":"a.test"}],)"
                     R"("authorizations":["https://x/authz/1"],"finalize":"https://x/finalize/1"})";

FakeResponse clientProblem(int status, const std::string& type, std::string nonce,
                           std::vector<std::pair<std::string, std::string>> extra = {}) {
  FakeResponse response{status,
                        R"({"type":"urn:ietf:params:acme:error:)" + type + R"(","detail":"d"})",
                        std::move(extra)};
  response.headers.emplace_back("Content-Type", "application/problem+json");
  response.headers.emplace_back("Replay-Nonce", std::move(nonce));
  return response;
}

std::string nonceOf(const FakeRequest& request) {
  auto header = parseJsonObject(request.protected_header, "header");
  return header ? stringField(**header, "nonce") : "";
}

// A client of `server` whose waits are recorded instead of slept.
struct ClientHarness {
  explicit ClientHarness(testing::FakeAcmeServer& server)
      : client(optionsFor(server),
               testing::unwrap(JwsSigner::create(testing::unwrap(
                   shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP256))))) {
    REQUIRE(client.loadDirectory().isOk());
    client.setAccountUrl(server.url("/acct/1"));
  }
  ClientOptions optionsFor(testing::FakeAcmeServer& server) {
    ClientOptions options;
    options.directory_url = server.url("/dir");
    options.http.ca_bundle = server.caBundle();
    options.sleep = [this](std::chrono::milliseconds delay) { waits.push_back(delay); };
    return options;
  }
  std::vector<std::chrono::milliseconds> waits;
  AcmeClient client;
};

}  // namespace

TEST_CASE("badNonce is retried at once with the nonce from the error response", "[certd][acme]") {
  int orders = 0;
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server([&](const FakeRequest& request) -> FakeResponse {
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    if (request.method == "HEAD") return {200, "", {{"Replay-Nonce", "first"}}};
    if (++orders == 1) return clientProblem(400, "badNonce", "fresh-from-error");
    return {201, kOrder, {{"Location", self->url("/order/1")}, {"Replay-Nonce", "n3"}}};
  });
  self = &server;
  ClientHarness harness(server);
  auto order = newOrder(harness.client, {.identifiers = {{"dns", "a.test"}}});
  REQUIRE(order.isOk());
  CHECK(order->url == server.url("/order/1"));
  const auto requests = server.requests();
  REQUIRE(requests.size() == 4);  // dir, HEAD nonce, order (badNonce), order
  CHECK(nonceOf(requests[2]) == "first");
  CHECK(nonceOf(requests[3]) == "fresh-from-error");
  CHECK(harness.waits.empty());
}

TEST_CASE("a 503 with Retry-After is waited out and retried; a long one is reported",
          "[certd][acme]") {
  int orders = 0;
  std::string retry_after = "2";
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server([&](const FakeRequest& request) -> FakeResponse {
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    if (request.method == "HEAD") return {200, "", {{"Replay-Nonce", "n"}}};
    if (++orders % 2 == 1) {
      return clientProblem(503, "serverInternal", "n", {{"Retry-After", retry_after}});
    }
    return {201, kOrder, {{"Location", self->url("/order/1")}, {"Replay-Nonce", "n"}}};
  });
  self = &server;
  ClientHarness harness(server);
  REQUIRE(newOrder(harness.client, {.identifiers = {{"dns", "a.test"}}}).isOk());
  CHECK(harness.waits == std::vector<std::chrono::milliseconds>{2000ms});

  retry_after = "3600";  // longer than max_retry_after: fail, say when to come back
  const auto status = newOrder(harness.client, {.identifiers = {{"dns", "a.test"}}}).status();
  CHECK(status.code() == shared::Status::Code::kUnavailable);
  CHECK_THAT(status.message(), Catch::Contains("retry after 3600 s"));
  REQUIRE(harness.client.lastRetryAfter().has_value());
  const auto until = *harness.client.lastRetryAfter() - std::chrono::system_clock::now();
  CHECK(until > 3590s);
  CHECK(until <= 3600s);
  REQUIRE(harness.client.lastProblem().has_value());
  CHECK(harness.client.lastProblem()->is(error::kServerInternal));
}

TEST_CASE("polling an authorization honours Retry-After between fetches", "[certd][acme]") {
  int fetches = 0;
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server([&](const FakeRequest& request) -> FakeResponse {
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    if (request.method == "HEAD") return {200, "", {{"Replay-Nonce", "n"}}};
    const std::string status = ++fetches < 3 ? "pending" : "valid";
    return {200,
            R"({"status":")" + status + R"(","identifier":{"type":"dns","value":"a.test"}})",
            {{"Replay-Nonce", "n"}, {"Retry-After", "7"}}};
  });
  self = &server;
  ClientHarness harness(server);
  auto authz = pollAuthorization(harness.client, server.url("/authz/1"));
  REQUIRE(authz.isOk());
  CHECK(authz->status == "valid");
  REQUIRE(harness.waits.size() == 3);  // one short back-off step, then Retry-After twice
  CHECK(harness.waits[0] <= 50ms);
  CHECK(harness.waits[1] == 7000ms);
  CHECK(harness.waits[2] == 7000ms);

  // The Retry-After of the challenge response replaces the first back-off step.
  fetches = 0;
  harness.waits.clear();
  REQUIRE(pollAuthorization(harness.client, server.url("/authz/1"), 1500ms).isOk());
  CHECK(harness.waits.front() == 1500ms);
}

TEST_CASE("accountDoesNotExist runs the re-register hook once and re-sends the request",
          "[certd][acme]") {
  int orders = 0;
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server([&](const FakeRequest& request) -> FakeResponse {
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    if (request.method == "HEAD") return {200, "", {{"Replay-Nonce", "n"}}};
    if (++orders == 1) return clientProblem(400, "accountDoesNotExist", "n");
    return {201, kOrder, {{"Location", self->url("/order/1")}, {"Replay-Nonce", "n"}}};
  });
  self = &server;
  ClientHarness harness(server);
  int hooks = 0;
  harness.client.setReregisterHook([&] {
    ++hooks;
    harness.client.setAccountUrl(server.url("/acct/2"));
    return shared::Status::ok();
  });
  REQUIRE(newOrder(harness.client, {.identifiers = {{"dns", "a.test"}}}).isOk());
  CHECK(hooks == 1);
  const auto requests = server.requests();
  CHECK_THAT(requests.back().protected_header, Catch::Contains("/acct/2"));
}

TEST_CASE("newOrder sends the profile and replaces fields when set", "[certd][acme]") {
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server([&](const FakeRequest& request) -> FakeResponse {
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    if (request.method == "HEAD") return {200, "", {{"Replay-Nonce", "n"}}};
    return {201, kOrder, {{"Location", self->url("/order/1")}, {"Replay-Nonce", "n"}}};
  });
  self = &server;
  ClientHarness harness(server);
  CHECK(harness.client.directory().meta.profiles.count("shortlived") == 1);
  REQUIRE(newOrder(harness.client, {.identifiers = {{"dns", "a.test"}},
                                    .profile = "shortlived",
                                    .replaces = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"})
              .isOk());
  auto jws = testing::unwrap(parseJsonObject(server.requests().back().body, "jws"));
  const std::string payload = testing::unwrap(base64UrlDecode(stringField(*jws, "payload")));
  CHECK(payload == R"({"identifiers":[{"type":"dns","value":"a.test"}],"profile":"shortlived",)"
                   R"("replaces":"aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"})");
}

TEST_CASE("an order for a profile the CA does not list fails before any order is placed",
          "[certd][acme]") {
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server([&](const FakeRequest& request) -> FakeResponse {
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    return {500, "", {}};
  });
  self = &server;
  ClientHarness harness(server);
  testing::TempDir webroot;
  certd::challenge::Http01Webroot solver(webroot.path());
  auto issued = certd::issue::issueCertificate(harness.client, solver,
                                               {.domains = {"a.test"}, .profile = "tlsclient"});
  REQUIRE_FALSE(issued.isOk());
  CHECK(issued.status().message() ==
        "acme: order for a.test: the CA offers no profile \"tlsclient\" (offered: classic, "
        "shortlived)");
  CHECK(server.requests().size() == 1);  // the directory only
}

TEST_CASE(
    "a revocation signed by the certificate key carries its jwk, then the account signs again",
    "[certd][acme]") {
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server([&](const FakeRequest& request) -> FakeResponse {
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    if (request.method == "HEAD") return {200, "", {{"Replay-Nonce", "n"}}};
    return {200, "", {{"Replay-Nonce", "n"}}};
  });
  self = &server;
  ClientHarness harness(server);
  const std::string account_jwk = harness.client.signer().jwk();
  const auto certificate_key = testing::unwrap(JwsSigner::create(
      testing::unwrap(shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP384))));

  REQUIRE(revokeCertificateWithKey(harness.client, "DER", 1, certificate_key).isOk());
  const FakeRequest revoke = server.requests().back();
  CHECK(revoke.path == "/revoke");
  CHECK_THAT(revoke.protected_header, Catch::Contains(R"("jwk":)" + certificate_key.jwk()));
  CHECK_THAT(revoke.protected_header, !Catch::Contains("kid"));
  auto jws = testing::unwrap(parseJsonObject(revoke.body, "jws"));
  CHECK(testing::unwrap(base64UrlDecode(stringField(*jws, "payload"))) ==
        R"({"certificate":"REVS","reason":1})");

  CHECK(harness.client.signer().jwk() == account_jwk);
  REQUIRE(revokeCertificate(harness.client, "DER", 4).isOk());
  CHECK_THAT(server.requests().back().protected_header,
             Catch::Contains(R"("kid":")" + server.url("/acct/1")));
}
