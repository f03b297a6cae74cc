#include "certd/issue/account_key_rollover.h"

#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <catch2/catch.hpp>

#include "certd/acme/account_operations.h"
#include "certd/acme/base64url.h"
#include "certd/acme/json_fields.h"
#include "shared/fs/atomic_file.h"
#include "tests/certd/support/fake_acme_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using namespace certd;
using shared::pki::KeyType;
using shared::pki::PrivateKey;
using testing::FakeRequest;
using testing::FakeResponse;

namespace {

FakeResponse rolloverProblem(int status, const std::string& type) {
  return {status,
          R"({"type":"urn:ietf:params:acme:error:)" + type + R"(","detail":"d"})",
          {{"Content-Type", "application/problem+json"}, {"Replay-Nonce", "n"}}};
}

// The payload text and decoded protected header of a flattened JWS, and whether its
// ECDSA signature verifies with `key`.
struct Jws {
  std::string payload;
  Poco::JSON::Object::Ptr header;
  bool verifies = false;
};

Jws openJws(const std::string& text, const PrivateKey& key) {
  auto object = testing::unwrap(acme::parseJsonObject(text, "jws"));
  const std::string protected_b64 = acme::stringField(*object, "protected");
  const std::string payload_b64 = acme::stringField(*object, "payload");
  Jws jws;
  jws.payload = testing::unwrap(acme::base64UrlDecode(payload_b64));
  jws.header = testing::unwrap(
      acme::parseJsonObject(testing::unwrap(acme::base64UrlDecode(protected_b64)), "header"));
  // RFC 7518 §3.4: r||s back to DER for OpenSSL.
  const std::string raw =
      testing::unwrap(acme::base64UrlDecode(acme::stringField(*object, "signature")));
  const int width = static_cast<int>(raw.size() / 2);
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, BN_bin2bn(bytes, width, nullptr), BN_bin2bn(bytes + width, width, nullptr));
  unsigned char* der = nullptr;
  const int der_size = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  const std::string input = protected_b64 + "." + payload_b64;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  jws.verifies =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
      EVP_DigestVerify(ctx, der, static_cast<std::size_t>(der_size),
                       reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  OPENSSL_free(der);
  return jws;
}

PrivateKey storedKey(const std::filesystem::path& path) {
  return testing::unwrap(PrivateKey::fromPem(testing::unwrap(shared::fs::readFile(path))));
}

// A client of `server` with an account (URL /acct/1, key in `store`).
struct RolloverHarness {
  RolloverHarness(testing::FakeAcmeServer& server, const testing::TempDir& dir)
      : store(dir / "state", server.url("/dir")),
        old_key(testing::unwrap(store.loadOrCreateKey(KeyType::kEcP256, created))),
        client(optionsFor(server), testing::unwrap(acme::JwsSigner::create(old_key))) {
    REQUIRE(client.loadDirectory().isOk());
    client.setAccountUrl(server.url("/acct/1"));
  }
  static acme::ClientOptions optionsFor(testing::FakeAcmeServer& server) {
    acme::ClientOptions options;
    options.directory_url = server.url("/dir");
    options.http.ca_bundle = server.caBundle();
    options.sleep = [](std::chrono::milliseconds) {};
    return options;
  }
  bool created = false;
  state::AccountStore store;
  PrivateKey old_key;
  acme::AcmeClient client;
};

// A server that answers the directory and nonces, and `route` for the rest.
testing::FakeAcmeServer::Handler serverWith(testing::FakeAcmeServer** self,
                                            std::function<FakeResponse(const FakeRequest&)> route) {
  return [self, route](const FakeRequest& request) -> FakeResponse {
    if (request.path == "/dir") return {200, (*self)->directoryJson(), {}};
    if (request.method == "HEAD") return {200, "", {{"Replay-Nonce", "n"}}};
    FakeResponse response = route(request);
    response.headers.emplace_back("Replay-Nonce", "n");
    return response;
  };
}

}  // namespace

TEST_CASE("a key change nests a JWS by the new key (jwk, url, no nonce) in one by the old key",
          "[certd][acme]") {
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server(serverWith(&self, [](const FakeRequest&) -> FakeResponse {
    return {200, "", {}};
  }));
  self = &server;
  testing::TempDir dir;
  RolloverHarness harness(server, dir);
  const std::string old_jwk = harness.client.signer().jwk();

  REQUIRE(issue::rollAccountKey(harness.client, harness.store, KeyType::kEcP256).isOk());

  const FakeRequest request = server.requests().back();
  CHECK(request.path == "/key-change");
  const Jws outer = openJws(request.body, harness.old_key);
  CHECK(outer.verifies);
  CHECK(acme::stringField(*outer.header, "kid") == server.url("/acct/1"));
  CHECK(acme::stringField(*outer.header, "nonce") == "n");
  CHECK(acme::stringField(*outer.header, "url") == server.url("/key-change"));

  const PrivateKey new_key = storedKey(harness.store.keyPath());
  CHECK(EVP_PKEY_eq(new_key.get(), harness.old_key.get()) != 1);
  const Jws inner = openJws(outer.payload, new_key);
  CHECK(inner.verifies);
  CHECK_FALSE(inner.header->has("nonce"));
  CHECK_FALSE(inner.header->has("kid"));
  CHECK(inner.header->has("jwk"));
  CHECK(acme::stringField(*inner.header, "url") == server.url("/key-change"));
  CHECK(inner.payload ==
        R"({"account":")" + server.url("/acct/1") + R"(","oldKey":)" + old_jwk + "}");

  // From now on the client signs with the new key, and no pending key is left.
  CHECK(harness.client.signer().jwk() != old_jwk);
  CHECK_FALSE(std::filesystem::exists(harness.store.pendingKeyPath()));
}

TEST_CASE("a key change the CA refuses keeps the old key and drops the pending one",
          "[certd][acme]") {
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server(
      serverWith(&self, [](const FakeRequest&) { return rolloverProblem(409, "malformed"); }));
  self = &server;
  testing::TempDir dir;
  RolloverHarness harness(server, dir);
  const std::string old_jwk = harness.client.signer().jwk();

  const shared::Status status =
      issue::rollAccountKey(harness.client, harness.store, KeyType::kEcP256);
  CHECK_THAT(status.message(), Catch::Contains("acme: key change: malformed"));
  CHECK_THAT(status.message(), Catch::Contains("another account already uses the new key"));
  CHECK(EVP_PKEY_eq(storedKey(harness.store.keyPath()).get(), harness.old_key.get()) == 1);
  CHECK_FALSE(std::filesystem::exists(harness.store.pendingKeyPath()));
  CHECK(harness.client.signer().jwk() == old_jwk);
}

TEST_CASE("a key change with an unknown outcome keeps the key the CA says it holds",
          "[certd][acme]") {
  // The CA fails with 500 after it may have changed the key; certd then asks it with
  // onlyReturnExisting signed by the new key.
  const bool ca_has_new_key = GENERATE(true, false);
  std::string new_key_jwk;
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server(serverWith(&self, [&](const FakeRequest& request) {
    if (request.path == "/key-change") return rolloverProblem(500, "serverInternal");
    if (request.path == "/new-account") {
      new_key_jwk = request.protected_header;  // read after the client returned
      if (!ca_has_new_key) return rolloverProblem(400, "accountDoesNotExist");
      return FakeResponse{200, R"({"status":"valid"})", {{"Location", self->url("/acct/1")}}};
    }
    return FakeResponse{404, "", {}};
  }));
  self = &server;
  testing::TempDir dir;
  RolloverHarness harness(server, dir);
  const std::string old_jwk = harness.client.signer().jwk();

  const shared::Status status =
      issue::rollAccountKey(harness.client, harness.store, KeyType::kEcP256);
  CHECK_FALSE(std::filesystem::exists(harness.store.pendingKeyPath()));
  const PrivateKey stored = storedKey(harness.store.keyPath());
  if (ca_has_new_key) {
    CHECK(status.isOk());
    CHECK(EVP_PKEY_eq(stored.get(), harness.old_key.get()) != 1);
    CHECK(harness.client.signer().jwk() != old_jwk);
    CHECK_THAT(new_key_jwk, Catch::Contains(R"("jwk":)" + harness.client.signer().jwk()));
    CHECK_THAT(new_key_jwk, !Catch::Contains(R"("kid")"));
    CHECK(harness.client.accountUrl() == server.url("/acct/1"));
  } else {
    CHECK_THAT(status.message(), Catch::Contains("serverInternal"));
    CHECK(EVP_PKEY_eq(stored.get(), harness.old_key.get()) == 1);
    CHECK(harness.client.signer().jwk() == old_jwk);
    CHECK(harness.client.accountUrl() == server.url("/acct/1"));
  }
}

TEST_CASE("a pending key stays when the CA cannot be asked which key it holds", "[certd][acme]") {
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server(
      serverWith(&self, [](const FakeRequest&) { return rolloverProblem(503, "serverInternal"); }));
  self = &server;
  testing::TempDir dir;
  RolloverHarness harness(server, dir);
  const PrivateKey pending = testing::unwrap(PrivateKey::generate(KeyType::kEcP256));
  REQUIRE(harness.store.savePendingKey(pending).isOk());

  const shared::Status status = issue::settlePendingKey(harness.client, harness.store);
  CHECK_THAT(status.message(), Catch::Contains("key change was interrupted"));
  CHECK_THAT(status.message(), Catch::Contains("account.next-key.pem kept"));
  CHECK(EVP_PKEY_eq(storedKey(harness.store.pendingKeyPath()).get(), pending.get()) == 1);
  CHECK(EVP_PKEY_eq(storedKey(harness.store.keyPath()).get(), harness.old_key.get()) == 1);
}

TEST_CASE("without a pending key nothing is asked", "[certd][acme]") {
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server(serverWith(&self, [](const FakeRequest&) {
    return FakeResponse{500, "", {}};
  }));
  self = &server;
  testing::TempDir dir;
  RolloverHarness harness(server, dir);
  const std::size_t before = server.requests().size();
  CHECK(issue::settlePendingKey(harness.client, harness.store).isOk());
  CHECK(server.requests().size() == before);
}
