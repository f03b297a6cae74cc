#include "mcpd/jsonrpc/body_limits.h"

#include <string>

#include "mcpd/jsonrpc/error_codes.h"
#include "shared/json_syntax.h"

namespace mcpd::jsonrpc {

shared::JsonLimits scanLimits(const BodyLimits& limits) {
  return {.max_depth = limits.max_depth, .max_values = limits.max_values};
}

std::optional<BodyProblem> checkBody(std::string_view body, const BodyLimits& limits) {
  return problemOf(shared::scanJson(body, scanLimits(limits)), limits);
}

std::optional<BodyProblem> problemOf(const shared::JsonScan& scan, const BodyLimits& limits) {
  // A batch longer than allowed stops the scan as early as too many values would: one
  // value per element at least, so max_batch elements never need more than this.
  if (scan.shape.array && scan.shape.array_size > limits.max_batch) {
    return BodyProblem{BodyProblem::Kind::kBatchTooLong,
                       {kInvalidRequest,
                        "Invalid Request: a batch may hold at most " +
                            std::to_string(limits.max_batch) + " messages",
                        {}}};
  }
  if (!scan.error) return std::nullopt;
  const shared::JsonSyntaxError& e = *scan.error;
  if (e.limit) {
    return BodyProblem{BodyProblem::Kind::kTooLarge,
                       {kInvalidRequest, "Invalid Request: message too large: " + e.reason, {}}};
  }
  return BodyProblem{BodyProblem::Kind::kMalformed,
                     {kParseError,
                      "Parse error: " + e.reason + " at line " + std::to_string(e.line) +
                          ", column " + std::to_string(e.column),
                      {}}};
}

bool looksLikeBatch(std::string_view body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && body[first] == '[';
}

}  // namespace mcpd::jsonrpc
