#include "certd/app/certificate_health.h"

#include <catch2/catch.hpp>

#include "certd/app/status_command.h"
#include "shared/pki/certificate_builder.h"
#include "tests/support/test_pki.h"

using namespace certd::app;
using namespace std::chrono_literals;
using testing::unwrap;
using testing::utc;

namespace {

const CertificateConfig kConfigured{.name = "a.example", .domains = {"a.example", "www.a.example"}};

// A loaded pair for a.example + www.a.example valid 2026-01-01 .. 2026-04-01 (renewal at
// 2026-03-02 by the default rule), optionally with metadata.
certd::store::InstalledCertificate loaded(bool with_metadata,
                                          std::vector<std::string> names = kConfigured.domains) {
  auto key = unwrap(shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP256));
  shared::pki::CertificateBuilder builder;
  for (const auto& name : names) builder.addDnsName(name);
  auto leaf = unwrap(builder.validity(utc(2026, 1, 1), utc(2026, 4, 1)).selfSign(key));
  certd::store::InstalledCertificate pair{{{leaf}}, key, std::nullopt};
  if (with_metadata) {
    pair.metadata = certd::store::describeChain("a.example", kConfigured.domains, pair.chain,
                                                utc(2026, 3, 20), 4, utc(2026, 1, 1));
  }
  return pair;
}

CertificateHealth judge(const shared::Result<certd::store::InstalledCertificate>& pair,
                        shared::Clock::TimePoint now) {
  return assessCertificate(kConfigured, pair, now);
}

}  // namespace

TEST_CASE("status calls a valid certificate before its renewal time ok", "[certd][status]") {
  auto health = judge(loaded(false), utc(2026, 2, 1));
  CHECK(health.ok());
  CHECK(health.renewal_time == utc(2026, 3, 2));
  CHECK(health.not_after == utc(2026, 4, 1));
  CHECK_FALSE(health.generation);
}

TEST_CASE("status takes the renewal time from the metadata when there is one", "[certd][status]") {
  auto health = judge(loaded(true), utc(2026, 3, 15));
  CHECK(health.ok());
  CHECK(health.renewal_time == utc(2026, 3, 20));
  CHECK(health.generation == 4u);
}

TEST_CASE("status reports missing and invalid pairs with the store's reason", "[certd][status]") {
  auto missing =
      judge(shared::Status::notFound("store: a.example: not installed"), utc(2026, 2, 1));
  CHECK(missing.state == HealthState::kMissing);
  CHECK(missing.reason == "store: a.example: not installed");
  auto invalid =
      judge(shared::Status::invalidArgument("private key does not match"), utc(2026, 2, 1));
  CHECK(invalid.state == HealthState::kInvalid);
}

TEST_CASE("status calls a certificate outside its validity expired or not yet valid",
          "[certd][status]") {
  auto pair = loaded(false);
  CHECK(judge(pair, utc(2026, 4, 1, 0, 0, 1)).state == HealthState::kExpired);
  CHECK(judge(pair, utc(2025, 12, 31)).state == HealthState::kNotYetValid);
}

TEST_CASE("status notices a configured domain the certificate does not cover", "[certd][status]") {
  auto health = judge(loaded(false, {"a.example"}), utc(2026, 2, 1));
  CHECK(health.state == HealthState::kDomainMissing);
  CHECK(health.reason == "does not cover www.a.example");
}

TEST_CASE("status calls a certificate overdue one grace period after its renewal time",
          "[certd][status]") {
  auto pair = loaded(false);
  CHECK(judge(pair, utc(2026, 3, 3)).ok());
  auto overdue = judge(pair, utc(2026, 3, 3, 0, 0, 1));
  CHECK(overdue.state == HealthState::kOverdue);
  CHECK_THAT(overdue.reason, Catch::Contains("2026-03-02T00:00:00Z"));
}

TEST_CASE("status prints one line per certificate and a stable JSON document", "[certd][status]") {
  StatusReport report{utc(2026, 2, 1), {judge(loaded(false), utc(2026, 2, 1))}};
  CHECK(report.ok());
  CHECK(formatStatusText(report) ==
        "a.example not_after=2026-04-01T00:00:00Z renewal_time=2026-03-02T00:00:00Z ok\n");
  report.certificates.push_back(judge(shared::Status::notFound("gone"), utc(2026, 2, 1)));
  report.certificates.back().attempts =
      certd::state::AttemptHistory{.last_attempt = utc(2026, 2, 1),
                                   .consecutive_failures = 2,
                                   .last_error = "acme: rateLimited",
                                   .not_before = utc(2026, 2, 1, 6)};
  CHECK_FALSE(report.ok());
  CHECK_THAT(formatStatusText(report),
             Catch::EndsWith("\na.example not_after=- renewal_time=- missing reason=\"gone\" "
                             "failures=2 last_error=\"acme: rateLimited\"\n"));
  const std::string serial = report.certificates[0].serial;
  CHECK(formatStatusJson(report) ==
        "{\"ok\":false,\"checked_at\":\"2026-02-01T00:00:00Z\",\"certificates\":["
        "{\"name\":\"a.example\",\"domains\":[\"a.example\",\"www.a.example\"],\"ok\":true,"
        "\"state\":\"ok\",\"reason\":\"\",\"not_after\":\"2026-04-01T00:00:00Z\","
        "\"renewal_time\":\"2026-03-02T00:00:00Z\",\"serial\":\"" +
            serial +
            "\",\"generation\":null,\"consecutive_failures\":null,\"last_error\":null,"
            "\"next_attempt\":null},"
            "{\"name\":\"a.example\",\"domains\":[\"a.example\",\"www.a.example\"],\"ok\":false,"
            "\"state\":\"missing\",\"reason\":\"gone\",\"not_after\":null,\"renewal_time\":null,"
            "\"serial\":null,\"generation\":null,\"consecutive_failures\":2,"
            "\"last_error\":\"acme: rateLimited\",\"next_attempt\":\"2026-02-01T06:00:00Z\"}]}\n");
}
