#include "certd/hooks/hook_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using namespace certd::hooks;
using namespace std::chrono_literals;
using testing::unwrap;

TEST_CASE("a deploy hook's environment names the certificate, its domains and public paths",
          "[certd][hooks]") {
  const auto env = hookEnvironment(certd::store::CertsLayout("/certs"), "shop",
                                   {"shop.example", "www.shop.example"}, std::nullopt);
  const Environment expected = {{"CERTD_NAME", "shop"},
                                {"CERTD_DOMAINS", "shop.example,www.shop.example"},
                                {"CERTD_CERT_PATH", "/certs/shop.cert.pem"},
                                {"CERTD_KEY_PATH", "/certs/shop.key.pem"},
                                {"CERTD_FULLCHAIN_PATH", "/certs/shop.pem"}};
  CHECK(env == expected);
}

TEST_CASE("a failure hook's environment carries the error too", "[certd][hooks]") {
  const auto env = hookEnvironment(certd::store::CertsLayout("/certs"), "a", {"a.example"},
                                   std::string("acme: order for a.example: boom"));
  REQUIRE(env.size() == 6);
  CHECK(env.back() ==
        std::pair<std::string, std::string>("CERTD_ERROR", "acme: order for a.example: boom"));
}

TEST_CASE(
    "a hook runs with sh -c, sees its variables and the process environment, and its "
    "output and exit code come back",
    "[certd][hooks]") {
  ::setenv("CERTD_TEST_INHERITED", "yes", 1);
  auto result = unwrap(
      runHook(R"(echo "name=$CERTD_NAME inherited=$CERTD_TEST_INHERITED"; echo oops >&2; exit 3)",
              {{"CERTD_NAME", "shop"}}, 10s));
  CHECK(result.exit_code == 3);
  CHECK_FALSE(result.timed_out);
  CHECK_FALSE(result.ok());
  CHECK(result.output == "name=shop inherited=yes\noops\n");
  CHECK(unwrap(runHook("true", {}, 10s)).ok());
}

TEST_CASE("a hook that outlives its timeout is killed with its whole process group",
          "[certd][hooks]") {
  const auto started = std::chrono::steady_clock::now();
  // The shell starts a child that would outlive it; the group kill takes both.
  auto result = unwrap(runHook("sleep 30 & echo child=$!; wait", {}, 300ms));
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK(result.timed_out);
  CHECK_FALSE(result.ok());
  CHECK(took < 5s);
  const auto at = result.output.find("child=");
  REQUIRE(at != std::string::npos);
  const pid_t child = std::stoi(result.output.substr(at + 6));
  // Killed and reaped by init (or a zombie of it); poll briefly rather than sleep.
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = ::kill(child, 0) != 0;
    if (!gone) ::usleep(10000);
  }
  CHECK(gone);
}

TEST_CASE("a hook runs with the signals a daemon blocked unblocked", "[certd][hooks]") {
  sigset_t set, previous;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, &previous);
  auto result = unwrap(runHook("kill -TERM $$; sleep 5", {}, 10s));
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  CHECK(result.exit_code == -1);  // died of SIGTERM at once
  CHECK_FALSE(result.timed_out);
}

TEST_CASE("a hook inherits no descriptor of certd's but stdin, stdout and stderr",
          "[certd][hooks]") {
  const int fd = ::open("/dev/null", O_RDONLY);  // no O_CLOEXEC, like Poco's sockets
  REQUIRE(fd > 2);
  auto result = unwrap(runHook(
      "if [ -e /proc/$$/fd/" + std::to_string(fd) + " ]; then echo leaked; else echo closed; fi",
      {}, 10s));
  ::close(fd);
  CHECK(result.output == "closed\n");
}
