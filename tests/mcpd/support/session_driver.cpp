#include "tests/mcpd/support/session_driver.h"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

namespace protocol_testing {

bool RecordingSink::send(const std::string& message) {
  {
    std::lock_guard lock(mu_);
    if (failing_) return false;
    messages_.push_back(message);
  }
  added_.notify_all();
  return true;
}

void RecordingSink::failWrites() {
  std::lock_guard lock(mu_);
  failing_ = true;
}

std::vector<std::string> RecordingSink::messages() const {
  std::lock_guard lock(mu_);
  return messages_;
}

Poco::JSON::Object::Ptr RecordingSink::waitFor(const std::string& method,
                                               std::chrono::milliseconds within) const {
  std::unique_lock lock(mu_);
  Poco::JSON::Object::Ptr found;
  added_.wait_for(lock, within, [&] {
    for (const std::string& message : messages_) {
      auto object = parseObject(message);
      if (object->optValue<std::string>("method", "") == method) {
        found = object;
        return true;
      }
    }
    return false;
  });
  return found;
}

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

std::string rpcRequest(int id, const std::string& method, const std::string& params) {
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":")" + method +
         R"(","params":)" + params + "}";
}

std::string rpcNotification(const std::string& method, const std::string& params) {
  return R"({"jsonrpc":"2.0","method":")" + method + R"(","params":)" + params + "}";
}

std::string initializeRequest(const std::string& version, const std::string& capabilities) {
  return rpcRequest(0, "initialize",
                    R"({"protocolVersion":")" + version + R"(","capabilities":)" + capabilities +
                        R"(,"clientInfo":{"name":"t","version":"1"}})");
}

Poco::JSON::Object::Ptr call(mcpd::protocol::Session& session, const std::string& body,
                             mcpd::protocol::MessageSink* sink) {
  RecordingSink ignored;
  auto reply = session.handle(body, sink != nullptr ? *sink : ignored);
  REQUIRE(reply.has_value());
  return parseObject(*reply);
}

int errorCode(const Poco::JSON::Object::Ptr& reply) {
  REQUIRE(reply->has("error"));
  return reply->getObject("error")->getValue<int>("code");
}

}  // namespace protocol_testing
