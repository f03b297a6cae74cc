#include "mcpd/protocol/listen_subscription.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "mcpd/protocol/modern_meta.h"
#include "mcpd/protocol/outcome.h"
#include "mcpd/protocol/server.h"

namespace mcpd::protocol {
namespace {

using Poco::JSON::Object;

Object::Ptr subscriptionMeta(const jsonrpc::Id& id) {
  auto meta = newObject();
  meta->set(std::string(kMetaSubscriptionId), id.value());
  return meta;
}

// Adds the subscription id to every message on its way to the stream. Notifications
// come pre-serialized from the shared resource registry, so each is re-read once; they
// are rare (a resource changed), unlike requests.
class TaggingSink final : public MessageSink {
 public:
  TaggingSink(std::shared_ptr<MessageSink> next, jsonrpc::Id id)
      : next_(std::move(next)), id_(std::move(id)) {}
  bool send(const std::string& message) override {
    try {
      Poco::JSON::Parser parser;
      Object::Ptr object = parser.parse(message).extract<Object::Ptr>();
      Object::Ptr params = object->getObject("params");
      if (!params) {
        params = newObject();
        object->set("params", params);
      }
      Object::Ptr meta = params->getObject("_meta");
      if (!meta) {
        meta = newObject();
        params->set("_meta", meta);
      }
      meta->set(std::string(kMetaSubscriptionId), id_.value());
      return next_->send(jsonrpc::toJson(object));
    } catch (const Poco::Exception&) {
      return next_->send(message);  // our own serializer's output; never expected
    }
  }

 private:
  std::shared_ptr<MessageSink> next_;
  jsonrpc::Id id_;
};

}  // namespace

ListenSubscription::ListenSubscription(const Server& server, jsonrpc::Id id,
                                       std::vector<std::string> uris)
    : server_(server),
      id_(std::move(id)),
      uris_(std::move(uris)),
      channel_(std::make_shared<OutboundChannel>()) {
  for (const std::string& uri : uris_) server_.subscriptions().subscribe(uri, channel_);
}

ListenSubscription::~ListenSubscription() {
  channel_->close();
  server_.subscriptions().unsubscribeAll(channel_.get());
}

std::string ListenSubscription::acknowledgement() const {
  // Only what the server honours: lists never change here, so no *ListChanged flags.
  auto notifications = newObject();
  if (!uris_.empty()) {
    Poco::JSON::Array::Ptr uris = new Poco::JSON::Array;
    for (const std::string& uri : uris_) uris->add(uri);
    notifications->set("resourceSubscriptions", uris);
  }
  auto params = newObject();
  params->set("_meta", subscriptionMeta(id_));
  params->set("notifications", notifications);
  return jsonrpc::serializeNotification("notifications/subscriptions/acknowledged", params);
}

std::string ListenSubscription::closing() const {
  auto result = newObject();
  result->set("resultType", std::string("complete"));
  result->set("_meta", subscriptionMeta(id_));
  return jsonrpc::serializeResult(id_, result);
}

bool ListenSubscription::attach(std::shared_ptr<MessageSink> sink) {
  auto tagger = std::make_shared<TaggingSink>(std::move(sink), id_);
  if (!channel_->attach(tagger)) return false;
  tagger_ = std::move(tagger);
  return true;
}

void ListenSubscription::detach() {
  if (tagger_) channel_->detach(tagger_.get());
  tagger_.reset();
}

}  // namespace mcpd::protocol
