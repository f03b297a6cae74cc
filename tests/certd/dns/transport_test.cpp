#include "certd/dns/transport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "certd/dns/message.h"
#include "certd/dns/query.h"
#include "certd/dns/rdata.h"

using namespace certd::dns;

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A fake server on one loopback port: over UDP it answers every query with an empty
// truncated (TC) response, or not at all when `udp_silent`; over TCP it answers one query
// with a TXT record "via-tcp".
class FakeServer {
 public:
  explicit FakeServer(bool udp_silent) : udp_silent_(udp_silent) {
    tcp_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(tcp_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(tcp_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    ::listen(tcp_, 4);
    udp_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    ::bind(udp_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeServer() {
    stop_ = true;
    thread_.join();
    ::close(tcp_);
    ::close(udp_);
  }
  std::uint16_t port() const { return port_; }
  int udpQueries() const { return udp_queries_; }

 private:
  static std::string answer(std::string_view query, bool truncated) {
    auto parsed = parseMessage(query);
    Message reply;
    reply.header.id = parsed->message.header.id;
    reply.header.qr = true;
    reply.header.tc = truncated;
    reply.questions = parsed->message.questions;
    if (!truncated) {
      reply.answers.push_back(
          {reply.questions[0].name, rrtype::kTxt, rrclass::kIn, 0, txtRdata("via-tcp")});
    }
    return *encodeMessage(reply);
  }

  void serve() {
    const auto deadline = steady_clock::now() + std::chrono::seconds(10);
    while (!stop_ && steady_clock::now() < deadline) {
      pollfd fds[2] = {{udp_, POLLIN, 0}, {tcp_, POLLIN, 0}};
      if (::poll(fds, 2, 50) <= 0) continue;
      if (fds[0].revents & POLLIN) {
        char buffer[512];
        sockaddr_in from{};
        socklen_t length = sizeof from;
        const ssize_t got =
            ::recvfrom(udp_, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &length);
        ++udp_queries_;
        if (got > 0 && !udp_silent_) {
          const std::string reply = answer(std::string_view(buffer, got), true);
          ::sendto(udp_, reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from), length);
        }
      }
      if (fds[1].revents & POLLIN) {
        const int client = ::accept(tcp_, nullptr, nullptr);
        unsigned char prefix[2];
        if (::recv(client, prefix, 2, MSG_WAITALL) == 2) {
          std::string query((prefix[0] << 8) | prefix[1], '\0');
          ::recv(client, query.data(), query.size(), MSG_WAITALL);
          const std::string reply = answer(query, false);
          std::string framed = {static_cast<char>(reply.size() >> 8),
                                static_cast<char>(reply.size() & 0xFF)};
          framed += reply;
          ::send(client, framed.data(), framed.size(), 0);
        }
        ::close(client);
      }
    }
  }

  bool udp_silent_;
  int tcp_ = -1;
  int udp_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> udp_queries_{0};
  std::thread thread_;
};

}  // namespace

TEST_CASE("a truncated UDP answer is asked again over TCP", "[certd][dns]") {
  FakeServer server(false);
  auto values = queryTxt({"127.0.0.1", server.port()}, "_acme-challenge.a.test",
                         steady_clock::now() + std::chrono::seconds(5));
  REQUIRE(values.status().message().empty());
  CHECK(*values == std::vector<std::string>{"via-tcp"});
  CHECK(server.udpQueries() == 1);
}

TEST_CASE("a silent server fails the exchange at the deadline, naming the server", "[certd][dns]") {
  FakeServer server(true);
  const auto started = steady_clock::now();
  auto values = queryTxt({"127.0.0.1", server.port()}, "a.test", started + milliseconds(300));
  const auto elapsed = steady_clock::now() - started;
  REQUIRE_FALSE(values);
  CHECK(values.status().code() == shared::Status::Code::kUnavailable);
  CHECK_THAT(values.status().message(),
             Catch::Contains("127.0.0.1:" + std::to_string(server.port())));
  CHECK(elapsed >= milliseconds(300));
  CHECK(elapsed < milliseconds(2000));
}

TEST_CASE("a server name is refused: no resolver is ever used", "[certd][dns]") {
  auto answer =
      exchange({"localhost", 53}, std::string(12, '\0'), steady_clock::now() + milliseconds(100));
  REQUIRE_FALSE(answer);
  CHECK(answer.status().message() == "dns: server \"localhost\" is not an IP address");
}
