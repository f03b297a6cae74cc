#pragma once

// RequestContext: what a tool or resource handler may do besides returning its result:
// report progress (when the client sent a progress token), send log messages (at or
// above the level the client set with logging/setLevel), see whether the client
// cancelled the request, and ask the client something (sampling, elicitation, roots)
// and wait for the answer. One per request, used on the handling thread only.
//
// In the stateless era (2026-07-28) a handler cannot wait for the client: it asks for
// input with requireInput() and returns; the client retries the request with the answers
// (inputResponses()) and the state the handler kept (requestState()), which the protocol
// layer has sealed and verified on the way.

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "mcpd/protocol/message_sink.h"
#include "mcpd/protocol/pending_requests.h"
#include "shared/result.h"

namespace mcpd::protocol {

// MCP logging levels (RFC 5424 severities), least severe first.
enum class LogLevel { kDebug, kInfo, kNotice, kWarning, kError, kCritical, kAlert, kEmergency };
std::optional<LogLevel> parseLogLevel(std::string_view name);
std::string_view logLevelName(LogLevel level);

// The session's side of requests to the client: where answers are awaited, and what the
// client said it can do. Both are shared with the session and outlive the request.
struct ClientLink {
  PendingRequests* pending = nullptr;    // null: requestClient() always fails
  Poco::JSON::Object::Ptr capabilities;  // ClientCapabilities from initialize; may be null
};

// What a handler asks the client for before it can finish (MCP 2026-07-28 MRTR): the
// InputRequests map (key -> {method, params}) and optional state for the retry.
struct InputRequired {
  Poco::JSON::Object::Ptr requests;  // may be null when only state is returned
  std::optional<std::string> state;  // plain; the protocol layer seals it
};

class RequestContext {
 public:
  RequestContext(std::string protocol_version, MessageSink& sink, Poco::Dynamic::Var progress_token,
                 std::optional<LogLevel> client_log_level, const std::atomic<bool>& cancelled,
                 ClientLink client = {})
      : protocol_version_(std::move(protocol_version)),
        sink_(sink),
        progress_token_(std::move(progress_token)),
        client_log_level_(client_log_level),
        cancelled_(cancelled),
        client_(std::move(client)) {}

  const std::string& protocolVersion() const { return protocol_version_; }
  // True in the stateless era, where requestClient() always fails and handlers use
  // requireInput() instead.
  bool stateless() const { return protocol_version_ >= "2026-07-28"; }

  // The stateless era's retry inputs: the client's InputResponses (null on a first
  // attempt) and the verified requestState payload (nullopt when none was sent).
  const Poco::JSON::Object::Ptr& inputResponses() const { return input_responses_; }
  const std::optional<std::string>& requestState() const { return request_state_; }
  void setRetryInputs(Poco::JSON::Object::Ptr responses, std::optional<std::string> state) {
    input_responses_ = std::move(responses);
    request_state_ = std::move(state);
  }

  // Ends the request with an InputRequiredResult instead of the handler's return value
  // (stateless era; tools/call, prompts/get, resources/read only). Include only requests
  // whose capability the client declared (clientSupports()).
  void requireInput(InputRequired input) { input_required_ = std::move(input); }
  const std::optional<InputRequired>& inputRequired() const { return input_required_; }

  // Ends the request with MissingRequiredClientCapabilityError naming `capability`
  // ("sampling", "elicitation", "roots") instead of the handler's return value.
  void requireCapability(std::string capability) { missing_capability_ = std::move(capability); }
  const std::optional<std::string>& missingCapability() const { return missing_capability_; }

  // notifications/progress; a no-op unless the request carried _meta.progressToken.
  // `progress` must increase with every call (MCP progress utility).
  void progress(double progress, std::optional<double> total, const std::string& message);

  // notifications/message when `level` is at or above the client's chosen level; nothing
  // before the client has chosen one.
  void log(LogLevel level, const std::string& logger, const Poco::Dynamic::Var& data);

  // Whether log(level, ...) would send anything: lets a handler skip building a message
  // no client listens for.
  bool logs(LogLevel level) const { return client_log_level_ && level >= *client_log_level_; }

  // Any notification, sent before the reply.
  void notify(const std::string& method, const Poco::JSON::Object::Ptr& params);

  bool cancelled() const { return cancelled_.load(); }

  // True when the client declared `capability` ("sampling", "elicitation", "roots") in
  // its initialize request.
  bool clientSupports(std::string_view capability) const;

  // Sends the request `method` to the client on this request's stream and blocks until
  // the client answers (in another message to the session); returns the answer's result.
  // Fails without sending when the method needs a capability the client did not declare
  // (kPermissionDenied) or the stream is gone (kIoError); fails with kUnavailable when
  // the client answers with an error, when `timeout` passes or this request is cancelled
  // (both also send notifications/cancelled for it), or when the session ends.
  shared::Result<Poco::Dynamic::Var> requestClient(const std::string& method,
                                                   const Poco::JSON::Object::Ptr& params,
                                                   std::chrono::milliseconds timeout);

 private:
  // Sends notifications/cancelled for a request of ours the client still holds.
  void cancelClientRequest(const jsonrpc::Id& id, const std::string& reason);

  std::string protocol_version_;
  MessageSink& sink_;
  Poco::Dynamic::Var progress_token_;
  std::optional<LogLevel> client_log_level_;
  const std::atomic<bool>& cancelled_;
  ClientLink client_;
  bool sink_open_ = true;
  Poco::JSON::Object::Ptr input_responses_;
  std::optional<std::string> request_state_;
  std::optional<InputRequired> input_required_;
  std::optional<std::string> missing_capability_;
};

}  // namespace mcpd::protocol
