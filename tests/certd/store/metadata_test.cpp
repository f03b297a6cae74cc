#include "certd/store/metadata.h"

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using certd::store::CertificateMetadata;
using certd::store::parseMetadata;
using testing::unwrap;
using testing::utc;

namespace {

CertificateMetadata sample() {
  return {.name = "a.example",
          .domains = {"a.example", "www.a.example"},
          .serial = "0A1B",
          .not_before = utc(2026, 1, 1),
          .not_after = utc(2026, 4, 1),
          .issuer = "CN=Test \"Quoted\" CA,O=Example\\, Inc.",
          .sha256 = std::string(64, 'a'),
          .renewal_time = utc(2026, 3, 2),
          .generation = 7,
          .installed_at = utc(2026, 1, 1, 0, 5)};
}

}  // namespace

TEST_CASE("metadata survives a round trip through its JSON file", "[certd][store]") {
  const std::string json = certd::store::toJson(sample());
  CHECK(json.back() == '\n');
  CHECK(unwrap(parseMetadata(json)) == sample());
  CHECK_THAT(json, Catch::Contains("\"not_after\":\"2026-04-01T00:00:00Z\""));
  CHECK_THAT(json, Catch::Contains("\"generation\":7"));
}

TEST_CASE("metadata with a missing or mistyped key is refused and names the key",
          "[certd][store]") {
  std::string json = certd::store::toJson(sample());
  std::string no_serial = json;
  no_serial.replace(no_serial.find("\"serial\""), 8, "\"serials\"");
  CHECK_THAT(parseMetadata(no_serial).status().message(), Catch::Contains("\"serial\""));
  std::string bad_time = json;
  bad_time.replace(bad_time.find("2026-04-01T00:00:00Z"), 20, "next spring");
  CHECK_THAT(parseMetadata(bad_time).status().message(), Catch::Contains("\"not_after\""));
  CHECK_FALSE(parseMetadata("{\"name\":1}"));
  CHECK_FALSE(parseMetadata("[]"));
  CHECK_FALSE(parseMetadata(""));
}
