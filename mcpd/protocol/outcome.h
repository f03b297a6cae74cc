#pragma once

// Outcome: what a method handler produces, a JSON result or a JSON-RPC error.

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/jsonrpc/message.h"
#include "shared/status.h"

namespace mcpd::protocol {

struct Outcome {
  Poco::Dynamic::Var result;
  std::optional<jsonrpc::Error> error;

  static Outcome ok(Poco::Dynamic::Var result) { return {std::move(result), std::nullopt}; }
  static Outcome fail(int code, std::string message, Poco::Dynamic::Var data = {}) {
    return {{}, jsonrpc::Error{code, std::move(message), std::move(data)}};
  }
  static Outcome invalidParams(const std::string& what) {
    return fail(jsonrpc::kInvalidParams, "Invalid params: " + what);
  }
  // The error a provider's Status becomes: an unknown name or a bad argument is the
  // client's mistake (invalid params); anything else is ours (internal error).
  static Outcome providerError(const shared::Status& status) {
    const auto code = status.code();
    if (code == shared::Status::Code::kNotFound || code == shared::Status::Code::kInvalidArgument) {
      return invalidParams(status.message());
    }
    return fail(jsonrpc::kInternalError, "Internal error");
  }
};

// A new JSON object that keeps keys in insertion order, for readable output.
inline Poco::JSON::Object::Ptr newObject() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

}  // namespace mcpd::protocol
