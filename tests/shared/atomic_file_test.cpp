#include "shared/fs/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/temp_dir.h"

using shared::fs::readFile;
using shared::fs::writeFileAtomically;

namespace {

mode_t modeOf(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::size_t entriesIn(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

// Runs the current thread as `nobody` for one scope, so that permission checks apply
// when the tests run as root. Catch2 runs tests on one thread.
class AsNobody {
 public:
  AsNobody() : was_root_(::geteuid() == 0) {
    if (was_root_) REQUIRE(::seteuid(65534) == 0);
  }
  ~AsNobody() {
    if (was_root_) (void)::seteuid(0);
  }

 private:
  bool was_root_;
};

}  // namespace

TEST_CASE("an atomic write creates the file with its contents and mode", "[atomic_file]") {
  testing::TempDir dir;
  const auto path = dir / "a.key.pem";
  REQUIRE(writeFileAtomically(path, "secret", {.mode = 0600}).isOk());
  CHECK(*readFile(path) == "secret");
  CHECK(modeOf(path) == 0600);
  CHECK(entriesIn(dir.path()) == 1);  // no temporary file left behind
}

TEST_CASE("an atomic write replaces an existing file and applies the new mode", "[atomic_file]") {
  testing::TempDir dir;
  const auto path = dir / "a.pem";
  REQUIRE(writeFileAtomically(path, "old", {.mode = 0600}).isOk());
  REQUIRE(writeFileAtomically(path, "new contents", {.mode = 0644}).isOk());
  CHECK(*readFile(path) == "new contents");
  CHECK(modeOf(path) == 0644);
  CHECK(entriesIn(dir.path()) == 1);
}

TEST_CASE("the mode is exact whatever the umask", "[atomic_file]") {
  testing::TempDir dir;
  const mode_t old = ::umask(0077);
  const auto status = writeFileAtomically(dir / "public.pem", "x", {.mode = 0644});
  ::umask(old);
  REQUIRE(status.isOk());
  CHECK(modeOf(dir / "public.pem") == 0644);
}

TEST_CASE("a write into a directory that is not writable fails and changes nothing",
          "[atomic_file]") {
  testing::TempDir dir;
  const auto locked = dir / "locked";
  std::filesystem::create_directory(locked);
  REQUIRE(writeFileAtomically(locked / "a.pem", "old").isOk());
  std::filesystem::permissions(
      locked, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec |
                  std::filesystem::perms::others_read | std::filesystem::perms::others_exec);
  shared::Status status;
  {
    AsNobody nobody;
    status = writeFileAtomically(locked / "a.pem", "new");
  }
  REQUIRE_FALSE(status.isOk());
  CHECK(status.code() == shared::Status::Code::kPermissionDenied);
  CHECK_THAT(status.message(), Catch::StartsWith("write " + (locked / "a.pem").string() +
                                                 ": create temporary file: Permission denied"));
  CHECK(*readFile(locked / "a.pem") == "old");
  CHECK(entriesIn(locked) == 1);
}

TEST_CASE("a write whose directory does not exist names the path", "[atomic_file]") {
  testing::TempDir dir;
  const auto status = writeFileAtomically(dir / "missing" / "a.pem", "x");
  REQUIRE_FALSE(status.isOk());
  CHECK(status.code() == shared::Status::Code::kNotFound);
  CHECK_THAT(status.message(), Catch::Contains("missing/a.pem") && Catch::Contains("No such file"));
}

TEST_CASE("a write under a regular file fails", "[atomic_file]") {
  testing::TempDir dir;
  REQUIRE(writeFileAtomically(dir / "plain", "x").isOk());
  CHECK_FALSE(writeFileAtomically(dir / "plain" / "a.pem", "x").isOk());
}

TEST_CASE("reading a missing file is an error that names it", "[atomic_file]") {
  testing::TempDir dir;
  auto r = readFile(dir / "nope");
  REQUIRE_FALSE(r.isOk());
  CHECK_THAT(r.status().message(), Catch::Contains("nope: No such file or directory"));
}
