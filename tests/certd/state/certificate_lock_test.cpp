#include "certd/state/certificate_lock.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using certd::state::CertificateLock;

TEST_CASE("a second process cannot take a held certificate lock and learns the holder's pid",
          "[certd][state]") {
  testing::TempDir dir;
  const certd::store::StateLayout layout(dir / "state");
  int ready[2];
  int release[2];
  REQUIRE(::pipe(ready) == 0);
  REQUIRE(::pipe(release) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The holder: take the lock, report, wait until the parent says release.
    auto lock = CertificateLock::acquire(layout, "a.example");
    const char status = lock ? 'y' : 'n';
    (void)!::write(ready[1], &status, 1);
    char ignored;
    (void)!::read(release[0], &ignored, 1);
    ::_exit(lock ? 0 : 1);
  }
  char status = 0;
  REQUIRE(::read(ready[0], &status, 1) == 1);
  REQUIRE(status == 'y');

  auto contended = CertificateLock::acquire(layout, "a.example");
  REQUIRE_FALSE(contended);
  CHECK(contended.status().code() == shared::Status::Code::kUnavailable);
  CHECK_THAT(contended.status().message(), Catch::Contains("held by pid " + std::to_string(child)));
  // Another certificate is independent.
  CHECK(CertificateLock::acquire(layout, "b.example"));

  REQUIRE(::write(release[1], "x", 1) == 1);
  int wstatus = 0;
  REQUIRE(::waitpid(child, &wstatus, 0) == child);
  CHECK(WEXITSTATUS(wstatus) == 0);
  // The holder exited, so the kernel released the lock.
  CHECK(CertificateLock::acquire(layout, "a.example"));
  for (int fd : {ready[0], ready[1], release[0], release[1]}) ::close(fd);
}

TEST_CASE("a lock is released when its holder goes away, also within one process",
          "[certd][state]") {
  testing::TempDir dir;
  const certd::store::StateLayout layout(dir.path());
  {
    auto first = testing::unwrap(CertificateLock::acquire(layout, "a.example"));
    CHECK_FALSE(CertificateLock::acquire(layout, "a.example"));
    CertificateLock moved = std::move(first);
    CHECK_FALSE(CertificateLock::acquire(layout, "a.example"));
  }
  CHECK(CertificateLock::acquire(layout, "a.example"));
  using std::filesystem::perms;
  CHECK(std::filesystem::status(layout.locksDir()).permissions() == perms::owner_all);
  CHECK(std::filesystem::status(layout.lockFile("a.example")).permissions() ==
        (perms::owner_read | perms::owner_write));
}
