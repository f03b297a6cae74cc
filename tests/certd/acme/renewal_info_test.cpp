#include "certd/acme/renewal_info.h"

#include <catch2/catch.hpp>

#include "certd/renewal/ari_cert_id.h"
#include "tests/certd/support/fake_acme_server.h"
#include "tests/support/test_pki.h"

using namespace certd::acme;
using namespace std::chrono_literals;

TEST_CASE("renewalInfo is fetched without JWS at {renewalInfo}/{certID} with its Retry-After",
          "[certd][acme]") {
  testing::FakeAcmeServer* self = nullptr;
  testing::FakeAcmeServer server([&](const testing::FakeRequest& request) -> testing::FakeResponse {
    if (request.path == "/dir") return {200, self->directoryJson(), {}};
    return {200,
            R"({"suggestedWindow":{"start":"2025-01-02T04:00:00Z","end":"2025-01-03T04:00:00Z"}})",
            {{"Retry-After", "21600"}}};
  });
  self = &server;
  ClientOptions options;
  options.directory_url = server.url("/dir");
  options.http.ca_bundle = server.caBundle();
  AcmeClient client(options,
                    testing::unwrap(JwsSigner::create(testing::unwrap(
                        shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP256)))));
  REQUIRE(client.loadDirectory().isOk());
  const auto pki = testing::makeTestPki();
  const std::string cert_id = testing::unwrap(certd::renewal::ariCertId(pki.leaf));
  auto info = testing::unwrap(fetchRenewalInfo(client, cert_id));
  CHECK(info.retry_after == std::chrono::milliseconds(21600s));
  CHECK(info.body.find("suggestedWindow") != std::string::npos);
  const auto requests = server.requests();
  CHECK(requests.back().method == "GET");
  CHECK(requests.back().path == "/renewal-info/" + cert_id);
}
