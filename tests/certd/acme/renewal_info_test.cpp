#include "certd/acme/renewal_info.h"

#include <catch2/catch.hpp>

#include "tests/certd/support/fake_acme_server.h"
#include "tests/support/test_pki.h"

using namespace certd::acme;
using namespace std::chrono_literals;

TEST_CASE("the ARI certID matches RFC 9773's example", "[certd][acme]") {
  const std::string aki =
      "\x69\x88\x5B\x6B\x87\x46\x40\x41\xE1\xB3\x7B\x84\x7B\xA0\xAE\x2C\xDE\x01"
      "\xC8\xD4";
  const std::string serial("\x00\x87\x65\x43\x21", 5);
  CHECK(ariCertIdFromParts(aki, serial) == "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
}

TEST_CASE("the ARI certID of a certificate is its issuer's key id and its DER serial",
          "[certd][acme]") {
  const auto pki = testing::makeTestPki();
  const std::string id = testing::unwrap(ariCertId(pki.leaf));
  const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(pki.intermediate.get());
  REQUIRE(ski != nullptr);
  std::string serial;
  const std::string hex = pki.leaf.serialHex();
  const std::string padded = hex.size() % 2 == 1 ? "0" + hex : hex;
  for (std::size_t i = 0; i < padded.size(); i += 2) {
    serial += static_cast<char>(std::stoi(padded.substr(i, 2), nullptr, 16));
  }
  if (static_cast<unsigned char>(serial.front()) & 0x80) serial.insert(serial.begin(), '\0');
  CHECK(id ==
        ariCertIdFromParts(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(ski)),
                                       static_cast<std::size_t>(ASN1_STRING_length(ski))),
                           serial));
}

TEST_CASE("a renewalInfo answer parses its window, and a reversed window is refused",
          "[certd][acme]") {
  auto info = testing::unwrap(parseRenewalInfo(
      R"({"suggestedWindow":{"start":"2025-01-02T04:00:00Z","end":"2025-01-03T04:00:00.5Z"},)"
      R"("explanationURL":"https://acme.example.com/docs/ari"})"));
  CHECK(info.window_start == testing::utc(2025, 1, 2, 4));
  CHECK(info.window_end == testing::utc(2025, 1, 3, 4));
  CHECK(info.explanation_url == "https://acme.example.com/docs/ari");
  CHECK_FALSE(
      parseRenewalInfo(
          R"({"suggestedWindow":{"start":"2025-01-03T04:00:00Z","end":"2025-01-02T04:00:00Z"}})")
          .isOk());
  CHECK_FALSE(parseRenewalInfo(R"({"suggestedWindow":{"start":"soon"}})").isOk());
  // Years the clock cannot hold are refused, not overflowed (a fuzzer finding).
  CHECK_FALSE(
      parseRenewalInfo(
          R"({"suggestedWindow":{"start":"0025-01-02T04:00:00Z","end":"2025-01-03T04:00:00Z"}})")
          .isOk());
  CHECK_FALSE(
      parseRenewalInfo(
          R"({"suggestedWindow":{"start":"2025-01-02T04:00:00Z","end":"9999-01-03T04:00:00Z"}})")
          .isOk());
}

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
  auto info = testing::unwrap(fetchRenewalInfo(client, pki.leaf));
  CHECK(info.retry_after == std::chrono::milliseconds(21600s));
  const auto requests = server.requests();
  CHECK(requests.back().method == "GET");
  CHECK(requests.back().path == "/renewal-info/" + testing::unwrap(ariCertId(pki.leaf)));
}
