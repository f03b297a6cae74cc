#include "mcpd/protocol/pending_requests.h"

#include <catch2/catch.hpp>
#include <future>

using mcpd::jsonrpc::Id;
using mcpd::jsonrpc::Message;
using mcpd::protocol::PendingRequests;
using Kind = mcpd::protocol::PendingRequests::Reply::Kind;

namespace {

Message response(const Id& id, Poco::Dynamic::Var result) {
  Message m;
  m.kind = Message::Kind::kResponse;
  m.id = id;
  m.result = std::move(result);
  return m;
}

// Waits on another thread, as a tool handler does while the client answers.
std::future<PendingRequests::Reply> waitAsync(
    PendingRequests& pending, const Id& id, const std::atomic<bool>& cancelled,
    std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  return std::async(std::launch::async, [&pending, id, &cancelled, timeout] {
    return pending.wait(id, timeout, cancelled);
  });
}

}  // namespace

TEST_CASE("pending requests get distinct ids and hand each waiter its own answer", "[protocol]") {
  PendingRequests pending;
  std::atomic<bool> cancelled{false};
  const Id first = pending.open();
  const Id second = pending.open();
  CHECK(first.key() != second.key());
  CHECK(pending.size() == 2);

  auto waiting = waitAsync(pending, first, cancelled);
  CHECK(pending.resolve(response(second, "two")));
  CHECK(pending.resolve(response(first, "one")));
  const auto reply = waiting.get();
  CHECK(reply.kind == Kind::kResult);
  CHECK(reply.result.convert<std::string>() == "one");
  // The second answer arrived before anyone waited; it is kept until then.
  const auto later = pending.wait(second, std::chrono::milliseconds(0), cancelled);
  CHECK(later.kind == Kind::kResult);
  CHECK(later.result.convert<std::string>() == "two");
  CHECK(pending.size() == 0);
}

TEST_CASE("pending requests pass a client's error answer to the waiter", "[protocol]") {
  PendingRequests pending;
  std::atomic<bool> cancelled{false};
  const Id id = pending.open();
  Message error = response(id, {});
  error.error = mcpd::jsonrpc::Error{-1, "User rejected sampling request", {}};
  CHECK(pending.resolve(error));
  const auto reply = pending.wait(id, std::chrono::seconds(1), cancelled);
  CHECK(reply.kind == Kind::kError);
  CHECK(reply.error.code == -1);
  CHECK(reply.error.message == "User rejected sampling request");
}

TEST_CASE("pending requests refuse answers to unknown, answered or timed-out ids", "[protocol]") {
  PendingRequests pending;
  std::atomic<bool> cancelled{false};
  CHECK_FALSE(pending.resolve(response(Id(Poco::Dynamic::Var(99)), 1)));

  const Id id = pending.open();
  CHECK(pending.resolve(response(id, 1)));
  CHECK_FALSE(pending.resolve(response(id, 2)));  // a duplicate answer
  pending.wait(id, std::chrono::seconds(1), cancelled);

  const Id slow = pending.open();
  CHECK(pending.wait(slow, std::chrono::milliseconds(10), cancelled).kind == Kind::kTimeout);
  CHECK_FALSE(pending.resolve(response(slow, 3)));  // too late: forgotten at the timeout
  CHECK(pending.size() == 0);
}

TEST_CASE("pending requests match a string answer id to a string request id only", "[protocol]") {
  PendingRequests pending;
  const Id id = pending.open();
  CHECK_FALSE(
      pending.resolve(response(Id(Poco::Dynamic::Var(id.value().convert<std::string>())), 1)));
  CHECK(pending.resolve(response(id, 1)));
}

TEST_CASE("pending requests wake a waiter whose request was cancelled", "[protocol]") {
  PendingRequests pending;
  std::atomic<bool> cancelled{false};
  const Id id = pending.open();
  auto waiting = waitAsync(pending, id, cancelled, std::chrono::seconds(30));
  cancelled = true;
  pending.wakeAll();
  CHECK(waiting.get().kind == Kind::kCancelled);
  CHECK(pending.size() == 0);
}

TEST_CASE("pending requests end every wait when closed, and later ones at once", "[protocol]") {
  PendingRequests pending;
  std::atomic<bool> cancelled{false};
  const Id id = pending.open();
  auto waiting = waitAsync(pending, id, cancelled, std::chrono::seconds(30));
  pending.close();
  CHECK(waiting.get().kind == Kind::kClosed);
  CHECK(pending.closed());
  const Id after = pending.open();
  CHECK(pending.wait(after, std::chrono::seconds(30), cancelled).kind == Kind::kClosed);
}

TEST_CASE("pending requests forget an abandoned request", "[protocol]") {
  PendingRequests pending;
  const Id id = pending.open();
  pending.abandon(id);
  CHECK(pending.size() == 0);
  CHECK_FALSE(pending.resolve(response(id, 1)));
}
