#pragma once

// PendingRequests: the requests a session has sent to its client (sampling/createMessage,
// elicitation/create, roots/list) that still wait for an answer. A handler thread opens
// one, sends it, and blocks in wait(); the thread that handles the client's next POST
// delivers the response with resolve(). Ids come from a per-session counter, so they are
// unique within the session. Thread-safe; owned by the Session.

#include <Poco/Dynamic/Var.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "mcpd/jsonrpc/message.h"

namespace mcpd::protocol {

class PendingRequests {
 public:
  // How a wait ended. Only kResult and kError carry an answer from the client.
  struct Reply {
    enum class Kind { kResult, kError, kTimeout, kCancelled, kClosed };
    Kind kind = Kind::kClosed;
    Poco::Dynamic::Var result;  // kResult
    jsonrpc::Error error;       // kError
  };

  // Registers a new request and returns its id. After close() the id is still returned,
  // and the wait for it ends at once with kClosed.
  jsonrpc::Id open();

  // Hands a client's response (result or error) to the waiter for its id. False when no
  // request with that id is open (a late answer after a timeout, or a bogus id).
  bool resolve(const jsonrpc::Message& response);

  // Blocks until the response for `id` arrives, `cancelled` turns true (checked whenever
  // wakeAll() runs), close() is called, or `timeout` passes. Forgets `id` in every case.
  Reply wait(const jsonrpc::Id& id, std::chrono::milliseconds timeout,
             const std::atomic<bool>& cancelled);

  // Forgets an open request without waiting, e.g. one that could not be sent.
  void abandon(const jsonrpc::Id& id);

  // Wakes every waiter so it re-checks its cancellation flag.
  void wakeAll();

  // Ends every current and future wait with kClosed; for the end of the session.
  void close();
  bool closed() const;

  // Requests sent and not yet answered or abandoned.
  std::size_t size() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::int64_t next_id_ = 1;                          // guarded by mu_
  std::map<std::string, std::optional<Reply>> open_;  // by Id::key(); guarded by mu_
  bool closed_ = false;                               // guarded by mu_
};

}  // namespace mcpd::protocol
