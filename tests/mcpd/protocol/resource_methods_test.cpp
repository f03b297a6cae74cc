#include "mcpd/protocol/resource_methods.h"

#include <catch2/catch.hpp>

#include "mcpd/protocol/session.h"
#include "tests/mcpd/support/session_driver.h"
#include "tests/mcpd/support/test_server.h"

using protocol_testing::call;
using protocol_testing::errorCode;
using protocol_testing::initializeRequest;
using protocol_testing::parseObject;
using protocol_testing::RecordingSink;
using protocol_testing::rpcRequest;

namespace {

// The test server's resources (test://item/0..4), made subscribable.
class Subscribable final : public mcpd::protocol::ResourceProvider {
 public:
  explicit Subscribable(const mcpd::protocol::ResourceProvider& inner) : inner_(inner) {}
  mcpd::protocol::ResourcePage list(std::size_t offset, std::size_t limit) const override {
    return inner_.list(offset, limit);
  }
  std::optional<Poco::JSON::Array::Ptr> read(const std::string& uri) const override {
    return inner_.read(uri);
  }
  bool subscribable() const override { return true; }

 private:
  const mcpd::protocol::ResourceProvider& inner_;
};

struct ResourceFixture {
  std::unique_ptr<mcpd::protocol::Server> plain = testing::makeTestServer();
  std::unique_ptr<mcpd::protocol::Server> server = testing::makeTestServer();
  std::unique_ptr<mcpd::protocol::Session> session;
  std::shared_ptr<RecordingSink> outbound = std::make_shared<RecordingSink>();
  ResourceFixture() {
    server->setResources(std::make_shared<Subscribable>(*plain->resources()));
    session = server->newSession();
    call(*session, initializeRequest());
  }
  Poco::JSON::Object::Ptr subscribe(int id, const std::string& uri) {
    return call(*session, rpcRequest(id, "resources/subscribe", R"({"uri":")" + uri + R"("})"));
  }
};

}  // namespace

TEST_CASE("resources declare subscribe only when the provider is subscribable", "[protocol]") {
  auto plain = testing::makeTestServer();
  auto resources = call(*plain->newSession(), initializeRequest())
                       ->getObject("result")
                       ->getObject("capabilities")
                       ->getObject("resources");
  CHECK_FALSE(resources->getValue<bool>("subscribe"));
  CHECK_FALSE(plain->sendsUnprompted());
  ResourceFixture f;
  auto capabilities = call(*f.server->newSession(), initializeRequest())
                          ->getObject("result")
                          ->getObject("capabilities");
  CHECK(capabilities->getObject("resources")->getValue<bool>("subscribe"));
  CHECK(f.server->sendsUnprompted());
}

TEST_CASE("a subscribed session gets resources/updated on its outbound stream", "[protocol]") {
  ResourceFixture f;
  REQUIRE(f.session->attachOutbound(f.outbound));
  CHECK(f.subscribe(1, "test://item/2")->getObject("result")->size() == 0);
  CHECK(f.server->resourceUpdated("test://item/2") == 1);
  CHECK(f.server->resourceUpdated("test://item/3") == 0);
  REQUIRE(f.outbound->messages().size() == 1);
  auto update = parseObject(f.outbound->messages()[0]);
  CHECK(update->getValue<std::string>("method") == "notifications/resources/updated");
  CHECK(update->getObject("params")->getValue<std::string>("uri") == "test://item/2");
}

TEST_CASE("an unsubscribed or closed session gets no more updates", "[protocol]") {
  ResourceFixture f;
  REQUIRE(f.session->attachOutbound(f.outbound));
  f.subscribe(1, "test://item/1");
  f.subscribe(2, "test://item/2");
  CHECK(call(*f.session, rpcRequest(3, "resources/unsubscribe", R"({"uri":"test://item/1"})"))
            ->has("result"));
  CHECK(f.server->resourceUpdated("test://item/1") == 0);
  // Unsubscribing from something never subscribed is fine.
  CHECK(call(*f.session, rpcRequest(4, "resources/unsubscribe", R"({"uri":"test://item/4"})"))
            ->has("result"));
  f.session->close();
  CHECK(f.server->subscriptions().count("test://item/2") == 0);
  CHECK_FALSE(f.session->attachOutbound(f.outbound));
}

TEST_CASE("a session that ends drops its subscriptions", "[protocol]") {
  ResourceFixture f;
  f.subscribe(1, "test://item/0");
  CHECK(f.server->subscriptions().count("test://item/0") == 1);
  f.session.reset();
  CHECK(f.server->subscriptions().count("test://item/0") == 0);
}

TEST_CASE("updates without an attached stream are dropped, and a second stream is refused",
          "[protocol]") {
  ResourceFixture f;
  f.subscribe(1, "test://item/0");
  CHECK(f.server->resourceUpdated("test://item/0") == 0);
  REQUIRE(f.session->attachOutbound(f.outbound));
  CHECK_FALSE(f.session->attachOutbound(std::make_shared<RecordingSink>()));
  f.session->detachOutbound(f.outbound.get());
  CHECK(f.session->attachOutbound(std::make_shared<RecordingSink>()));
}

TEST_CASE("subscribing to an unknown resource is -32002 and a missing uri invalid params",
          "[protocol]") {
  ResourceFixture f;
  auto missing = f.subscribe(1, "test://item/99");
  CHECK(errorCode(missing) == -32002);
  CHECK(missing->getObject("error")->getObject("data")->getValue<std::string>("uri") ==
        "test://item/99");
  CHECK(errorCode(call(*f.session, rpcRequest(2, "resources/subscribe", "{}"))) == -32602);
  CHECK(errorCode(call(*f.session, rpcRequest(3, "resources/unsubscribe", R"({"uri":4})"))) ==
        -32602);
}

TEST_CASE("subscribe and unsubscribe are method-not-found when the resources are not subscribable",
          "[protocol]") {
  auto server = testing::makeTestServer();
  auto session = server->newSession();
  call(*session, initializeRequest());
  CHECK(errorCode(call(*session, rpcRequest(1, "resources/subscribe",
                                            R"({"uri":"test://item/0"})"))) == -32601);
  CHECK(errorCode(call(*session, rpcRequest(2, "resources/unsubscribe",
                                            R"({"uri":"test://item/0"})"))) == -32601);
}
