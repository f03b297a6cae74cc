#include "certd/dns/transport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "certd/dns/ldns_handles.h"
#include "certd/dns/message.h"
#include "certd/dns/query.h"
#include "certd/dns/update.h"
#include "certd/dns/update_client.h"

using namespace certd::dns;

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

const char kServerSecret[] = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXh5eg==";

// How the fake server answers over UDP.
enum class UdpMode {
  kTruncated,   // an empty answer with TC set (the client must ask again over TCP)
  kSilent,      // never
  kSpoofFirst,  // first answers that must be ignored (another ID; our ID but another
                // question; for an UPDATE unsigned and wrongly signed NOERROR), then the
                // real one
};

// A fake server on one loopback port: over UDP as `mode` says; over TCP it answers one query
// with a TXT record "via-tcp".
class FakeServer {
 public:
  explicit FakeServer(UdpMode mode) : mode_(mode) {
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
  // The answer to `query`: for a query its question with a TXT record `text` (none when
  // `truncated`) under `id`/`name` when given; for an UPDATE a NOERROR signed with `secret`
  // (unsigned when null) over the request's MAC.
  static std::string answer(std::string_view query, bool truncated, const char* text, int id = -1,
                            const char* name = nullptr, const char* secret = kServerSecret) {
    auto request = certd::dns::parseMessage(query);
    ldns_pkt* reply = ldns_pkt_new();
    const certd::dns::Message owner(reply);
    ldns_pkt_set_id(reply,
                    id >= 0 ? static_cast<std::uint16_t>(id) : ldns_pkt_id(request->packet()));
    ldns_pkt_set_qr(reply, true);
    ldns_pkt_set_opcode(reply, ldns_pkt_get_opcode(request->packet()));
    ldns_pkt_set_tc(reply, truncated);
    ldns_rr* asked = ldns_rr_clone(ldns_rr_list_rr(ldns_pkt_question(request->packet()), 0));
    if (name != nullptr) {
      ldns_rdf_deep_free(ldns_rr_owner(asked));
      ldns_rr_set_owner(asked, ldns_dname_new_frm_str(name));
    }
    if (!truncated && ldns_pkt_get_opcode(request->packet()) == LDNS_PACKET_QUERY) {
      ldns_rr* txt = nullptr;
      char* owner_text = ldns_rdf2str(ldns_rr_owner(asked));
      ldns_rr_new_frm_str(&txt, (std::string(owner_text) + " 0 IN TXT " + text).c_str(), 0, nullptr,
                          nullptr);
      std::free(owner_text);
      ldns_pkt_push_rr(reply, LDNS_SECTION_ANSWER, txt);
    }
    ldns_pkt_push_rr(reply, LDNS_SECTION_QUESTION, asked);
    if (ldns_pkt_get_opcode(request->packet()) == LDNS_PACKET_UPDATE && secret != nullptr) {
      const ldns_rdf* mac = ldns_rr_rdf(ldns_pkt_tsig(request->packet()), 3);
      ldns_pkt_tsig_sign(reply, "certd-key", secret, 300, "hmac-sha256.", mac);
    }
    return *certd::dns::encodeMessage(owner);
  }

  void reply(const std::string& datagram, const sockaddr_in& to) {
    ::sendto(udp_, datagram.data(), datagram.size(), 0, reinterpret_cast<const sockaddr*>(&to),
             sizeof to);
  }

  void answerUdp(std::string_view query, const sockaddr_in& from) {
    if (mode_ == UdpMode::kSilent) return;
    if (mode_ == UdpMode::kTruncated) return reply(answer(query, true, "x"), from);
    auto request = certd::dns::parseMessage(query);
    reply(answer(query, false, "spoofed-id", (ldns_pkt_id(request->packet()) + 1) & 0xFFFF), from);
    if (ldns_pkt_get_opcode(request->packet()) == LDNS_PACKET_UPDATE) {
      reply(answer(query, false, "", -1, nullptr, nullptr), from);
      reply(answer(query, false, "", -1, nullptr, "b3RoZXItc2VjcmV0"), from);
    } else {
      reply(answer(query, false, "spoofed-question", -1, "evil.test."), from);
    }
    reply(answer(query, false, "via-udp"), from);
  }

  void serve() {
    const auto deadline = steady_clock::now() + std::chrono::seconds(10);
    while (!stop_ && steady_clock::now() < deadline) {
      pollfd fds[2] = {{udp_, POLLIN, 0}, {tcp_, POLLIN, 0}};
      if (::poll(fds, 2, 50) <= 0) continue;
      if (fds[0].revents & POLLIN) {
        char buffer[1024];
        sockaddr_in from{};
        socklen_t length = sizeof from;
        const ssize_t got =
            ::recvfrom(udp_, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &length);
        ++udp_queries_;
        if (got > 0) answerUdp(std::string_view(buffer, got), from);
      }
      if (fds[1].revents & POLLIN) {
        const int client = ::accept(tcp_, nullptr, nullptr);
        unsigned char prefix[2];
        if (::recv(client, prefix, 2, MSG_WAITALL) == 2) {
          std::string query((prefix[0] << 8) | prefix[1], '\0');
          ::recv(client, query.data(), query.size(), MSG_WAITALL);
          const std::string reply = answer(query, false, "via-tcp");
          std::string framed = {static_cast<char>(reply.size() >> 8),
                                static_cast<char>(reply.size() & 0xFF)};
          framed += reply;
          ::send(client, framed.data(), framed.size(), 0);
        }
        ::close(client);
      }
    }
  }

  UdpMode mode_;
  int tcp_ = -1;
  int udp_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> udp_queries_{0};
  std::thread thread_;
};

}  // namespace

TEST_CASE("a truncated UDP answer is asked again over TCP", "[certd][dns]") {
  FakeServer server(UdpMode::kTruncated);
  auto values = queryTxt({"127.0.0.1", server.port()}, "_acme-challenge.a.test",
                         steady_clock::now() + std::chrono::seconds(5));
  REQUIRE(values.status().message().empty());
  CHECK(*values == std::vector<std::string>{"via-tcp"});
  CHECK(server.udpQueries() == 1);
}

TEST_CASE("a silent server fails the exchange at the deadline, naming the server", "[certd][dns]") {
  FakeServer server(UdpMode::kSilent);
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

TEST_CASE("UDP answers with another ID or another question are ignored until the real one",
          "[certd][dns]") {
  FakeServer server(UdpMode::kSpoofFirst);
  auto values = queryTxt({"127.0.0.1", server.port()}, "_acme-challenge.a.test",
                         steady_clock::now() + std::chrono::seconds(5));
  REQUIRE(values.status().message().empty());
  CHECK(*values == std::vector<std::string>{"via-udp"});
}

TEST_CASE("an UPDATE's NOERROR answers that are unsigned or wrongly signed are ignored",
          "[certd][dns]") {
  FakeServer server(UdpMode::kSpoofFirst);
  auto key = makeTsigKey("certd-key", "hmac-sha256", kServerSecret);
  REQUIRE(key);
  const auto update = addTxtUpdate("test", "_acme-challenge.a.test", "v", 0, randomId());
  const std::uint64_t now =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  CHECK(sendUpdate({"127.0.0.1", server.port()}, *key, update, now,
                   steady_clock::now() + std::chrono::seconds(5))
            .message()
            .empty());
  // With a key the server does not hold, no answer verifies: the deadline ends the wait.
  auto other = makeTsigKey("certd-key", "hmac-sha256", "dGhpcmQtc2VjcmV0");
  const auto refused = sendUpdate({"127.0.0.1", server.port()}, *other, update, now,
                                  steady_clock::now() + milliseconds(300));
  CHECK(refused.code() == shared::Status::Code::kUnavailable);
}
