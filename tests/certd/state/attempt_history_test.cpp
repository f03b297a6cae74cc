#include "certd/state/attempt_history.h"

#include <catch2/catch.hpp>

#include "certd/state/attempt_store.h"
#include "shared/fs/atomic_file.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using namespace std::chrono_literals;
using namespace certd::state;
using testing::unwrap;
using testing::utc;

TEST_CASE("an attempt counts as a failure from its start, so a crash still backs off",
          "[certd][state]") {
  const auto now = utc(2026, 5, 1, 12);
  AttemptHistory h = startAttempt({}, now, 0.0);
  CHECK(h.consecutive_failures == 1);
  CHECK(h.in_progress);
  CHECK(h.last_error == kInterruptedError);
  CHECK_FALSE(mayAttempt(h, now + 59s));
  CHECK(mayAttempt(h, now + 60s));
  // The next start after a crash counts again and waits longer.
  h = startAttempt(h, now + 60s, 0.0);
  CHECK(h.consecutive_failures == 2);
  CHECK(h.not_before == now + 60s + 10min);
}

TEST_CASE("a failure after a start is counted once and keeps the CA's Retry-After",
          "[certd][state]") {
  const auto now = utc(2026, 5, 1, 12);
  AttemptHistory h = startAttempt({}, now, 0.0);
  h = finishWithFailure(h, now + 5s, "acme: rateLimited", now + 2h, 0.0);
  CHECK(h.consecutive_failures == 1);
  CHECK_FALSE(h.in_progress);
  CHECK(h.last_error == "acme: rateLimited");
  CHECK(h.not_before == now + 2h);
}

TEST_CASE("a success clears failures and back-off", "[certd][state]") {
  const auto now = utc(2026, 5, 1, 12);
  AttemptHistory h = finishWithFailure({}, now, "boom", std::nullopt, 0.0);
  h = startAttempt(h, now + 1h, 0.0);
  h = finishWithSuccess(h, now + 1h + 3s);
  CHECK(h.consecutive_failures == 0);
  CHECK(h.last_error.empty());
  CHECK_FALSE(h.not_before);
  CHECK(h.last_success == now + 1h + 3s);
  CHECK(h.last_attempt == now + 1h);
  CHECK(mayAttempt(h, now + 1h + 4s));
}

TEST_CASE("the attempt history survives a reload from the state directory", "[certd][state]") {
  testing::TempDir dir;
  const certd::store::StateLayout layout(dir / "state");
  const auto now = utc(2026, 5, 1, 12);
  AttemptHistory h = startAttempt({}, now, 0.0);
  h = finishWithFailure(h, now + 1s, "http01: \"bind\" failed\nline two", std::nullopt, 0.0);
  h = startAttempt(h, now + 2min, 0.0);
  {
    AttemptStore store(layout);
    REQUIRE(store.save("a.example", h));
  }
  AttemptStore reloaded(layout);
  CHECK(unwrap(reloaded.load("a.example")) == h);
  CHECK(unwrap(reloaded.load("b.example")) == AttemptHistory{});
}

TEST_CASE("attempt history files are private", "[certd][state]") {
  testing::TempDir dir;
  const certd::store::StateLayout layout(dir / "state");
  AttemptStore store(layout);
  REQUIRE(store.save("a.example", {}));
  auto mode = [](const std::filesystem::path& p) {
    return std::filesystem::status(p).permissions();
  };
  using std::filesystem::perms;
  CHECK(mode(layout.dir()) == perms::owner_all);
  CHECK(mode(layout.attemptsDir()) == perms::owner_all);
  CHECK(mode(layout.attemptsFile("a.example")) == (perms::owner_read | perms::owner_write));
}

TEST_CASE("a corrupt attempt history is an error, not a silent reset of back-off",
          "[certd][state]") {
  testing::TempDir dir;
  const certd::store::StateLayout layout(dir.path());
  AttemptStore store(layout);
  REQUIRE(store.save("a.example", {}));
  REQUIRE(shared::fs::writeFileAtomically(layout.attemptsFile("a.example"), "{not json"));
  auto loaded = store.load("a.example");
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.status().message(), Catch::Contains("a.example.json"));
}

TEST_CASE("a failure reported without a start counts as an attempt of its own", "[certd][state]") {
  const auto now = utc(2026, 5, 1, 12);
  AttemptHistory h = finishWithFailure({}, now, "dns: timeout", std::nullopt, 0.0);
  CHECK(h.consecutive_failures == 1);
  CHECK(h.last_attempt == now);
  h = finishWithFailure(h, now + 2min, "dns: timeout", std::nullopt, 0.0);
  CHECK(h.consecutive_failures == 2);
  CHECK(h.last_attempt == now + 2min);
  CHECK(h.not_before == now + 12min);
}
