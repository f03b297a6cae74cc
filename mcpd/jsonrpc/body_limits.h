#pragma once

// BodyLimits and checkBody: the cheap first look at an untrusted JSON-RPC body, before any
// parser builds a tree from it. One pass over the bytes validates the JSON syntax and
// counts values, nesting and batch length; a body past a limit is refused with a single
// error, whatever it holds, so neither the parsed tree nor the reply can grow with what a
// client sends (a 4 MiB "[{},{},...]" is 1.4 million values: about 1.3 GB as a Poco tree,
// and as many "Invalid Request" replies). Knows nothing of MCP or HTTP. Pure; any thread.

#include <cstddef>
#include <optional>
#include <string_view>

#include "mcpd/jsonrpc/message.h"
#include "shared/json_syntax.h"

namespace mcpd::jsonrpc {

struct BodyLimits {
  std::size_t max_values = 10000;  // JSON values in one body, every level counted
  std::size_t max_depth = 64;      // nested objects and arrays
  std::size_t max_batch = 100;     // messages in one batch array
};

// What parse() enforces by itself, for callers that did not check a body first: the
// highest limits a transport may be configured with.
inline constexpr BodyLimits kBodyCeiling{.max_values = 100000, .max_depth = 64, .max_batch = 1000};

struct BodyProblem {
  enum class Kind {
    kMalformed,  // not JSON: answered -32700
    kTooLarge,   // more values or deeper nesting than allowed: -32600
    kBatchTooLong,
  };
  Kind kind;
  Error error;  // the one error the whole body earns (no id: none can be trusted)
};

// Nothing when `body` is JSON within `limits`; otherwise what is wrong with it.
std::optional<BodyProblem> checkBody(std::string_view body, const BodyLimits& limits);

// The same judgement of a scan already made under scanLimits(limits) (a tree builder's,
// which scans as it builds): nothing when it found no error and the batch is short enough.
std::optional<BodyProblem> problemOf(const shared::JsonScan& scan, const BodyLimits& limits);

// The JsonLimits that `limits` imposes on a scan.
shared::JsonLimits scanLimits(const BodyLimits& limits);

// True when the body's first non-space byte opens an array (a batch); no parsing.
bool looksLikeBatch(std::string_view body);

}  // namespace mcpd::jsonrpc
