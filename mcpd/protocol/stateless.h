#pragma once

// The stateless era (MCP 2026-07-28): one request in, one reply out, no session. Each
// request carries its revision and the client's capabilities in params._meta; the
// transport hands over what it saw outside the body (RequestMetadata) and gets back the
// reply with what kind of answer it is, which the transport maps to its own status codes.
// Methods are served by the same code as in a legacy Session (tools, resources, prompts,
// completions); results gain resultType, the server's identity and caching hints; handlers
// that need the client's input end in an InputRequiredResult with sealed requestState.
// Thread-safe: nothing here outlives a call but a subscriptions/listen stream.

#include <memory>
#include <string>
#include <string_view>

#include "mcpd/jsonrpc/body_limits.h"
#include "mcpd/protocol/listen_subscription.h"
#include "mcpd/protocol/message_sink.h"
#include "mcpd/protocol/request_metadata.h"

namespace mcpd::protocol {

class Server;

struct StatelessReply {
  enum class Kind {
    kReply,          // a JSON-RPC response (result, or an error about the request itself)
    kAccepted,       // the body was a notification: nothing to answer
    kRejected,       // malformed: not JSON, bad _meta, unsupported revision, header
                     // mismatch, missing client capability (HTTP: 400)
    kTooLarge,       // more values, nesting or batch than `limits` allow (HTTP: 413)
    kUnknownMethod,  // the method is not served in this era (HTTP: 404)
    kListen,         // subscriptions/listen: keep the stream open for `listen`
  };
  Kind kind = Kind::kReply;
  std::string body;                            // the response; empty for kAccepted, kListen
  std::unique_ptr<ListenSubscription> listen;  // kListen only
};

// Serves one stateless request. `body` has not been parsed or checked before: the one
// parse here checks its JSON under `limits`. Messages sent before the reply (progress, logs
// the request asked for) go to `sink`.
StatelessReply handleStateless(const Server& server, const RequestMetadata& metadata,
                               std::string_view body, const jsonrpc::BodyLimits& limits,
                               MessageSink& sink);

}  // namespace mcpd::protocol
