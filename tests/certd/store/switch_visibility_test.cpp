#include <sys/inotify.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "certd/store/certificate_store.h"
#include "tests/certd/store/store_test_support.h"
#include "tests/support/temp_dir.h"

using testing::unwrap;
using testing::utc;

namespace {

struct Event {
  std::uint32_t mask;
  std::string name;
};

// Everything queued on `fd` (non-blocking): events are queued before the syscall that
// caused them returns, so no waiting is needed.
std::vector<Event> drain(int fd) {
  std::vector<Event> events;
  alignas(inotify_event) char buffer[64 * 1024];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    for (char* p = buffer; p < buffer + n;) {
      auto* event = reinterpret_cast<inotify_event*>(p);
      events.push_back({event->mask, event->len ? std::string(event->name) : ""});
      p += sizeof(inotify_event) + event->len;
    }
  }
  return events;
}

}  // namespace

TEST_CASE("a watcher on the certs directory alone sees each switch as the live link moving in",
          "[certd][store]") {
  testing::TempDir dir;
  certd::store::CertificateStore store(dir.path(), {});
  const std::vector<std::string> names = {"a.example"};
  auto pki = testing::makeTestPki();
  auto first = testing::issue(pki, names);
  unwrap(store.install("a.example", first.key, first.chain, {names, utc(2033, 1, 1)}));

  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(::inotify_add_watch(fd, dir.path().c_str(), IN_MOVED_TO | IN_CREATE | IN_CLOSE_WRITE) >=
          0);
  auto second = testing::issue(pki, names);
  unwrap(store.install("a.example", second.key, second.chain, {names, utc(2033, 1, 1)}));
  const std::vector<Event> events = drain(fd);
  ::close(fd);

  int live_moves = 0;
  for (const Event& event : events) {
    if ((event.mask & IN_MOVED_TO) && event.name == ".a.example.live") ++live_moves;
    // The public names are stable: a renewal never rewrites them.
    const bool public_name_moved = (event.mask & IN_MOVED_TO) && event.name == "a.example.cert.pem";
    CHECK_FALSE(public_name_moved);
  }
  CHECK(live_moves == 1);
}
