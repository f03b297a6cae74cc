#include "tests/certd/dns/knot_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "certd/dns/query.h"

namespace certd_test {

namespace {

bool bindLoopback(int type, std::uint16_t& port) {
  const int fd = ::socket(AF_INET, type, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  socklen_t length = sizeof address;
  if (ok) ok = ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  port = ntohs(address.sin_port);
  ::close(fd);
  return ok;
}

}  // namespace

std::uint16_t freePort() {
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::uint16_t port = 0;
    if (bindLoopback(SOCK_STREAM, port) && bindLoopback(SOCK_DGRAM, port)) return port;
  }
  return 0;
}

std::string run(const std::string& command, int* status) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  const int code = ::pclose(pipe);
  if (status != nullptr) *status = WIFEXITED(code) ? WEXITSTATUS(code) : -1;
  return output;
}

KnotServer::~KnotServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

std::string KnotServer::start() {
  const std::string dir = dir_.path().string();
  for (const char* sub : {"db", "run", "zones"}) std::filesystem::create_directories(dir_ / sub);
  const std::string key_block = run("keymgr -t " + key_name_ + " hmac-sha256");
  std::istringstream lines(key_block);
  for (std::string line; std::getline(lines, line);) {
    const auto at = line.find("secret:");
    if (at != std::string::npos) {
      secret_ = line.substr(at + 7);
      secret_.erase(0, secret_.find_first_not_of(' '));
    }
  }
  if (secret_.empty()) return "keymgr printed no secret: " + key_block;
  port_ = freePort();
  if (port_ == 0) return "no free port";
  std::ofstream(dir_ / "zones/test.zone") << "$ORIGIN test.\n$TTL 0\n"
                                             "@  SOA ns.test. hostmaster.test. 1 60 60 3600 0\n"
                                             "@  NS  ns.test.\nns A 127.0.0.1\n"
                                             "@  A   127.0.0.1\n*  A   127.0.0.1\n";
  std::ofstream config(dir_ / "knot.conf");
  config << "server:\n    listen: 127.0.0.1@" << port_ << "\n    rundir: " << dir << "/run\n";
  if (::getuid() == 0) config << "    user: root:root\n";
  config << "log:\n  - target: stdout\n    any: info\n"
         << "database:\n    storage: " << dir << "/db\n"
         << key_block << "\n"
         << "acl:\n  - id: certd-update\n    key: " << key_name_
         << "\n    action: update\n    update-type: [TXT]\n"
         << "template:\n  - id: default\n    storage: " << dir << "/zones\n"
         << "    zonefile-sync: -1\n    zonefile-load: difference-no-serial\n"
         << "    journal-content: all\n    semantic-checks: off\n"
         << "zone:\n  - domain: test.\n    file: test.zone\n    acl: certd-update\n";
  config.close();
  const std::string conf = (dir_ / "knot.conf").string();
  const std::string log = (dir_ / "knotd.log").string();
  pid_ = ::fork();
  if (pid_ == 0) {
    std::freopen(log.c_str(), "w", stdout);
    std::freopen(log.c_str(), "a", stderr);
    ::execlp("knotd", "knotd", "-c", conf.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  if (pid_ < 0) return "fork failed";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    auto zone =
        certd::dns::findZone({{"127.0.0.1", port_}}, "test",
                             std::chrono::steady_clock::now() + std::chrono::milliseconds(200));
    if (zone && *zone == "test") return "";
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return "knotd exited: " + run("cat " + log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // poll interval
  }
  return "knotd did not answer within 10s: " + run("cat " + log);
}

}  // namespace certd_test
