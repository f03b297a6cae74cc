#include <catch2/catch.hpp>

#include "certd/renewal/ari_cert_id.h"
#include "certd/renewal/certificate_plan.h"
#include "certd/renewal/save_issued.h"
#include "certd/state/attempt_store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using namespace certd;
using namespace std::chrono_literals;
using testing::unwrap;
using testing::utc;

namespace {

renewal::ManagedCertificate leafConfig() {
  return {.name = "leaf", .domains = {"leaf.example.com", "www.example.com"}};
}

}  // namespace

TEST_CASE("saveIssued installs a generation whose metadata carries the default renewal time",
          "[certd][renewal]") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  store::CertificateStore store(dir / "certs", {});
  const auto cert = leafConfig();
  auto metadata = unwrap(renewal::saveIssued(store, cert.name, cert.domains, pki.leaf_key,
                                             pki.chain(), utc(2021, 1, 1)));
  CHECK(metadata.generation == 1);
  CHECK(metadata.domains == cert.domains);
  // 2020-01-01 .. 2040-01-01: renewal at two thirds of the lifetime.
  CHECK(metadata.renewal_time == renewal::defaultRenewalTime(utc(2020, 1, 1), utc(2040, 1, 1)));
  CHECK(std::filesystem::is_symlink(dir / "certs/leaf.cert.pem"));
  CHECK(unwrap(store.current("leaf")).metadata->sha256 == metadata.sha256);
}

TEST_CASE(
    "a certificate is planned as obtain when missing, wait when installed, back off "
    "after a failure",
    "[certd][renewal]") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  store::CertificateStore store(dir / "certs", {});
  state::AttemptStore attempts(store::StateLayout(dir / "state"));
  const auto cert = leafConfig();
  const auto now = utc(2021, 1, 1);

  CHECK(unwrap(renewal::planCertificate(store, attempts, cert, now, false)).decision.action ==
        renewal::Action::kObtain);

  REQUIRE(renewal::saveIssued(store, cert.name, cert.domains, pki.leaf_key, pki.chain(), now));
  auto plan = unwrap(renewal::planCertificate(store, attempts, cert, now, false));
  CHECK(plan.decision.action == renewal::Action::kWait);
  CHECK(unwrap(renewal::planCertificate(store, attempts, cert, now, true)).decision.action ==
        renewal::Action::kRenew);

  auto history = state::startAttempt({}, now, 0.0);
  history = state::finishWithFailure(history, now, "boom", std::nullopt, 0.0);
  REQUIRE(attempts.save(cert.name, history));
  plan = unwrap(renewal::planCertificate(store, attempts, cert, now + 1s, true));
  CHECK(plan.decision.action == renewal::Action::kBackOff);
  CHECK(plan.decision.at == *history.not_before);

  // A certificate that does not cover a configured name is obtained again.
  auto wider = cert;
  wider.domains.push_back("other.example.com");
  CHECK(unwrap(renewal::planCertificate(store, attempts, wider, now + 1h, false)).decision.action ==
        renewal::Action::kObtain);
}

TEST_CASE("saveIssued draws the renewal time inside the CA's ARI window when one is known",
          "[certd][renewal]") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  store::CertificateStore store(dir / "certs", {});
  const auto cert = leafConfig();
  const renewal::AriWindow window{utc(2030, 1, 1), utc(2030, 1, 3)};
  auto metadata = unwrap(renewal::saveIssued(store, cert.name, cert.domains, pki.leaf_key,
                                             pki.chain(), utc(2021, 1, 1), window, 0.5));
  CHECK(metadata.renewal_time == utc(2030, 1, 2));
}

TEST_CASE("a renewal names the certificate it replaces only when the CA offers ARI",
          "[certd][renewal]") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  store::CertificateStore store(dir / "certs", {});
  CHECK(renewal::replacesFor(true, store.current("leaf")).empty());  // nothing installed
  unwrap(renewal::saveIssued(store, "leaf", {"leaf.example.com"}, pki.leaf_key, pki.chain(),
                             utc(2021, 1, 1)));
  const auto installed = store.current("leaf");
  CHECK(renewal::replacesFor(false, installed).empty());
  CHECK(renewal::replacesFor(true, installed) == unwrap(renewal::ariCertId(pki.leaf)));
}
