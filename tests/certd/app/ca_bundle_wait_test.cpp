#include "certd/app/ca_bundle_wait.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "tests/support/temp_dir.h"

using certd::app::FileWait;
using certd::app::waitForFile;
using namespace std::chrono_literals;

namespace {
bool sleepSlice(std::chrono::milliseconds slice) {
  std::this_thread::sleep_for(slice);
  return true;
}
void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}
}  // namespace

TEST_CASE("a ca_bundle that is already there ends the wait at once", "[ca_bundle]") {
  testing::TempDir dir;
  write(dir / "ca.pem", "pem");
  int pauses = 0;
  const auto count = [&pauses](std::chrono::milliseconds) { return ++pauses > 0; };
  CHECK(waitForFile(dir / "ca.pem", 10s, count) == FileWait::kPresent);
  CHECK(pauses == 0);
}

TEST_CASE("the wait ends when another process writes the ca_bundle", "[ca_bundle]") {
  testing::TempDir dir;
  write(dir / "empty.pem", "");  // an empty file is not a bundle yet
  std::thread writer([&dir] {
    std::this_thread::sleep_for(300ms);
    write(dir / "ca.part", "pem");
    std::filesystem::rename(dir / "ca.part", dir / "ca.pem");
  });
  const auto started = std::chrono::steady_clock::now();
  const FileWait result = waitForFile(dir / "ca.pem", 10s, sleepSlice);
  writer.join();
  CHECK(result == FileWait::kPresent);
  CHECK(std::chrono::steady_clock::now() - started < 5s);
  CHECK(waitForFile(dir / "empty.pem", 300ms, sleepSlice) == FileWait::kTimedOut);
}

TEST_CASE("a missing ca_bundle times out at the deadline", "[ca_bundle]") {
  testing::TempDir dir;
  const auto started = std::chrono::steady_clock::now();
  CHECK(waitForFile(dir / "never.pem", 400ms, sleepSlice) == FileWait::kTimedOut);
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK(took >= 400ms);
  CHECK(took < 5s);
}

TEST_CASE("a termination request ends the wait for the ca_bundle", "[ca_bundle]") {
  testing::TempDir dir;
  int pauses = 0;
  const auto stopOnThird = [&pauses](std::chrono::milliseconds) { return ++pauses < 3; };
  CHECK(waitForFile(dir / "never.pem", 10s, stopOnThird) == FileWait::kStopped);
  CHECK(pauses == 3);
}
