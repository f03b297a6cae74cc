// The order flow against an ACME exchange written from draft-ietf-acme-dns-persist-01
// (Pebble 2.4.0 offers no dns-persist-01): where the CA offers the challenge and the config
// prefers it, certd answers it with an empty JSON object at the challenge URL (§4, RFC 8555
// §7.5.1) and presents nothing else; where it does not, the configured solver answers.

#include <atomic>
#include <catch2/catch.hpp>

#include "certd/acme/base64url.h"
#include "certd/acme/json_fields.h"
#include "certd/challenge/dns_persist01.h"
#include "certd/issue/issuer.h"
#include "tests/certd/support/fake_acme_server.h"
#include "tests/support/test_pki.h"

using namespace certd;
using testing::FakeRequest;
using testing::FakeResponse;

namespace {

// Records what the flow asks of the configured (fallback) solver.
class RecordingSolver final : public challenge::Solver {
 public:
  std::string_view challengeType() const override { return "http-01"; }
  shared::Status present(const challenge::ChallengeSpec& spec) override {
    presented.push_back(spec.domain);
    return shared::Status::ok();
  }
  shared::Status cleanUp(const challenge::ChallengeSpec& spec) override {
    cleaned.push_back(spec.domain);
    return shared::Status::ok();
  }
  std::vector<std::string> presented;
  std::vector<std::string> cleaned;
};

std::string authorizationBody(const std::string& domain, const std::string& status,
                              const std::string& challenges) {
  return R"({"status":")" + status + R"(","identifier":{"type":"dns","value":")" + domain +
         R"("},"challenges":[)" + challenges + "]}";
}

std::string payloadOf(const FakeRequest& request) {
  auto jws = acme::parseJsonObject(request.body, "jws");
  if (!jws) return "";
  return acme::base64UrlDecode(acme::stringField(**jws, "payload")).valueOr("");
}

// A client of `server` whose directory is loaded and whose account is /acct/1.
std::unique_ptr<acme::AcmeClient> clientOf(testing::FakeAcmeServer& server) {
  acme::ClientOptions options;
  options.directory_url = server.url("/dir");
  options.http.ca_bundle = server.caBundle();
  options.sleep = [](std::chrono::milliseconds) {};
  auto client = std::make_unique<acme::AcmeClient>(
      options, testing::unwrap(acme::JwsSigner::create(testing::unwrap(
                   shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP256)))));
  REQUIRE(client->loadDirectory().isOk());
  client->setAccountUrl(server.url("/acct/1"));
  return client;
}

}  // namespace

TEST_CASE("a preferred dns-persist-01 offer is answered with {} and the rest by the solver",
          "[certd][issue][dns-persist]") {
  testing::FakeAcmeServer* self = nullptr;
  auto answered = std::make_shared<std::atomic<int>>(0);  // challenges POSTed so far
  testing::FakeAcmeServer server([&self, answered](const FakeRequest& request) -> FakeResponse {
    const auto nonce = std::make_pair(std::string("Replay-Nonce"), std::string("n"));
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    if (request.method == "HEAD") return {200, "", {nonce}};
    if (request.path == "/new-order") {
      return {201,
              R"({"status":"pending","identifiers":[{"type":"dns","value":"example.com"},
                 {"type":"dns","value":"*.example.com"},{"type":"dns","value":"www.example.com"}],
                 "authorizations":[")" +
                  self->url("/authz/1") + R"(",")" + self->url("/authz/2") + R"("],
                 "finalize":")" +
                  self->url("/order/1/finalize") + R"("})",
              {nonce, {"Location", self->url("/order/1")}}};
    }
    const bool done = *answered >= 2;
    if (request.path == "/authz/1") {
      // draft -01 §3.1: no token; the CA's issuer domain names.
      return {
          200,
          authorizationBody("example.com", done ? "valid" : "pending",
                            R"({"type":"http-01","url":")" + self->url("/chall/1-http") +
                                R"(","status":"pending","token":"tok1"},
                     {"type":"dns-persist-01","url":")" +
                                self->url("/chall/1-persist") +
                                R"(","status":"pending","issuer-domain-names":["ca.example"]})"),
          {nonce}};
    }
    if (request.path == "/authz/2") {
      return {200,
              authorizationBody("www.example.com", done ? "valid" : "pending",
                                R"({"type":"http-01","url":")" + self->url("/chall/2-http") +
                                    R"(","status":"pending","token":"tok2"})"),
              {nonce}};
    }
    if (request.path.starts_with("/chall/")) {
      ++*answered;
      return {200, R"({"type":"x","status":"processing","url":"u"})", {nonce}};
    }
    // Stop the flow at finalize: what matters here came before it.
    return {403,
            R"({"type":"urn:ietf:params:acme:error:malformed","detail":"stop here"})",
            {nonce, {"Content-Type", "application/problem+json"}}};
  });
  self = &server;
  auto client = clientOf(server);

  RecordingSolver fallback;
  challenge::DnsPersist01 persist({.issuer = "other.example"});  // no DNS: trusts the record
  const auto issued = issue::issueCertificate(
      *client, fallback, {.domains = {"example.com", "*.example.com", "www.example.com"}},
      &persist);
  REQUIRE_FALSE(issued);
  CHECK_THAT(issued.status().message(), Catch::Contains("stop here"));

  std::vector<std::string> posted;
  for (const FakeRequest& request : server.requests()) {
    if (!request.path.starts_with("/chall/")) continue;
    posted.push_back(request.path);
    CHECK(payloadOf(request) == "{}");
  }
  CHECK(posted == std::vector<std::string>{"/chall/1-persist", "/chall/2-http"});
  CHECK(fallback.presented == std::vector<std::string>{"www.example.com"});
  CHECK(fallback.cleaned == std::vector<std::string>{"www.example.com"});
}

TEST_CASE("without a preference the same offer is answered by the configured solver",
          "[certd][issue][dns-persist]") {
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server([&self](const FakeRequest& request) -> FakeResponse {
    const auto nonce = std::make_pair(std::string("Replay-Nonce"), std::string("n"));
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    if (request.method == "HEAD") return {200, "", {nonce}};
    if (request.path == "/new-order") {
      return {201,
              R"({"status":"pending","identifiers":[{"type":"dns","value":"example.com"}],
                 "authorizations":[")" +
                  self->url("/authz/1") + R"("],"finalize":")" + self->url("/f") + R"("})",
              {nonce, {"Location", self->url("/order/1")}}};
    }
    if (request.path == "/authz/1") {
      return {
          200,
          authorizationBody("example.com", "pending",
                            R"({"type":"dns-persist-01","url":")" + self->url("/chall/p") +
                                R"(","status":"pending","issuer-domain-names":["ca.example"]},
                                   {"type":"http-01","url":")" +
                                self->url("/chall/h") + R"(","status":"pending","token":"tok1"})"),
          {nonce}};
    }
    return {403,
            R"({"type":"urn:ietf:params:acme:error:malformed","detail":"stop here"})",
            {nonce, {"Content-Type", "application/problem+json"}}};
  });
  self = &server;
  auto client = clientOf(server);

  RecordingSolver fallback;
  const auto issued = issue::issueCertificate(*client, fallback, {.domains = {"example.com"}});
  REQUIRE_FALSE(issued);
  CHECK(fallback.presented == std::vector<std::string>{"example.com"});
  bool persist_posted = false;
  for (const FakeRequest& request : server.requests())
    persist_posted = persist_posted || request.path == "/chall/p";
  CHECK_FALSE(persist_posted);
}
