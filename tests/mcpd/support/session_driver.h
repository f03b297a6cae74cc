#pragma once

// Helpers for tests that drive a protocol::Session directly with JSON-RPC text: a sink
// that records what the session sends, builders for request bodies, and a call() that
// returns the parsed reply. RecordingSink is thread-safe (a test may read it while a
// handler thread sends); the rest are pure functions.

#include <Poco/JSON/Object.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "mcpd/protocol/message_sink.h"
#include "mcpd/protocol/session.h"

namespace protocol_testing {

class RecordingSink final : public mcpd::protocol::MessageSink {
 public:
  // Records `message`; returns false (records nothing) once failWrites() was called.
  bool send(const std::string& message) override;
  void failWrites();
  std::vector<std::string> messages() const;
  // The first recorded message whose "method" is `method`, waiting up to `within` for it;
  // null when none arrives.
  Poco::JSON::Object::Ptr waitFor(const std::string& method,
                                  std::chrono::milliseconds within = std::chrono::seconds(5)) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable added_;
  std::vector<std::string> messages_;  // guarded by mu_
  bool failing_ = false;               // guarded by mu_
};

Poco::JSON::Object::Ptr parseObject(const std::string& text);

// {"jsonrpc":"2.0","id":<id>,"method":...,"params":<params>}
std::string rpcRequest(int id, const std::string& method, const std::string& params = "{}");
// {"jsonrpc":"2.0","method":...,"params":<params>}
std::string rpcNotification(const std::string& method, const std::string& params = "{}");
// An initialize request declaring `capabilities` (JSON).
std::string initializeRequest(const std::string& version = "2025-11-25",
                              const std::string& capabilities = "{}");

// Sends one body and returns the reply parsed; fails the test when there is none.
Poco::JSON::Object::Ptr call(mcpd::protocol::Session& session, const std::string& body,
                             mcpd::protocol::MessageSink* sink = nullptr);

// The error code of a JSON-RPC error reply; fails the test when it is not one.
int errorCode(const Poco::JSON::Object::Ptr& reply);

}  // namespace protocol_testing
