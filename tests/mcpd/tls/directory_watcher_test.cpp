// DirectoryWatcher reports the renames real certificate writers use, and a directory that
// appears after start-up.
#include "mcpd/tls/directory_watcher.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "shared/fs/atomic_file.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;

// Polls until `count` exceeds `above` or 5 s pass.
bool waitAbove(const std::atomic<int>& count, int above) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (count.load() <= above) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace

TEST_CASE("the watcher reports an atomic rename and a Kubernetes-style ..data symlink swap") {
  testing::TempDir dir;
  std::atomic<int> changes{0};
  mcpd::tls::DirectoryWatcher watcher(dir.path(), [&] { ++changes; });
  watcher.start();
  REQUIRE(waitAbove(changes, 0));  // the initial look once the watch is in place
  int seen = changes.load();

  REQUIRE(shared::fs::writeFileAtomically(dir / "a.cert.pem", "one"));
  REQUIRE(waitAbove(changes, seen));
  seen = changes.load();

  fs::create_directory(dir / "..2026_01");
  fs::create_directory(dir / "..2026_02");
  fs::create_directory_symlink("..2026_01", dir / "..data_tmp");
  fs::rename(dir / "..data_tmp", dir / "..data");
  REQUIRE(waitAbove(changes, seen));
  seen = changes.load();
  fs::create_directory_symlink("..2026_02", dir / "..data_tmp");
  fs::rename(dir / "..data_tmp", dir / "..data");
  CHECK(waitAbove(changes, seen));
  watcher.stop();
}

TEST_CASE("the watcher finds a directory created after it started") {
  testing::TempDir parent;
  const fs::path dir = parent / "certs";
  std::atomic<int> changes{0};
  mcpd::tls::DirectoryWatcher watcher(dir, [&] { ++changes; });
  watcher.start();
  fs::create_directory(dir);
  REQUIRE(waitAbove(changes, 0));
  const int seen = changes.load();
  REQUIRE(shared::fs::writeFileAtomically(dir / "a.key.pem", "two"));
  CHECK(waitAbove(changes, seen));
}

TEST_CASE("a burst of writes is reported once it is quiet, not once per write") {
  testing::TempDir dir;
  std::atomic<int> changes{0};
  mcpd::tls::DirectoryWatcher watcher(
      dir.path(), [&] { ++changes; }, std::chrono::milliseconds(200), std::chrono::seconds(2));
  watcher.start();
  REQUIRE(waitAbove(changes, 0));
  const int seen = changes.load();
  for (int i = 0; i < 20; ++i)
    REQUIRE(shared::fs::writeFileAtomically(dir / "f.pem", std::to_string(i)));
  REQUIRE(waitAbove(changes, seen));
  // 20 writes took far less than the 200 ms quiet time, so they made one report.
  CHECK(changes.load() - seen <= 2);
}
