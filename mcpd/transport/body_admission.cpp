#include "mcpd/transport/body_admission.h"

#include <malloc.h>

#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/transport/http_io.h"

namespace mcpd::transport {
namespace {

using Poco::Net::HTTPResponse;

// Bodies at least this large are followed by a trim; smaller ones come and go in the
// allocator's free lists and cost nothing to keep.
constexpr std::size_t kTrimAfterBytes = 256 * 1024;

}  // namespace

std::optional<std::string> admitBody(Poco::Net::HTTPServerRequest& request,
                                     Poco::Net::HTTPServerResponse& response,
                                     const BodyRules& rules, MemoryReturn& memory) {
  auto body = readBody(request, rules.max_bytes);
  if (body) memory.noteBody(body->size());
  if (!body) {
    if (body.status().code() == shared::Status::Code::kUnavailable) {
      sendJsonRpcError(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                       jsonrpc::kInvalidRequest, "Payload Too Large: " + body.status().message());
    }
    return std::nullopt;  // or the connection broke while reading; nobody to answer
  }
  if (!rules.batch_allowed && jsonrpc::looksLikeBatch(*body)) {
    sendJsonRpcError(response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kInvalidRequest,
                     "Invalid Request: a request without a session cannot be a batch");
    return std::nullopt;
  }
  if (rules.check_json && !admitJson(*body, rules.limits, response)) return std::nullopt;
  return std::move(body).value();
}

bool admitJson(std::string_view body, const jsonrpc::BodyLimits& limits,
               Poco::Net::HTTPServerResponse& response) {
  const auto problem = jsonrpc::checkBody(body, limits);
  if (!problem) return true;
  const bool malformed = problem->kind == jsonrpc::BodyProblem::Kind::kMalformed;
  sendJsonRpcError(
      response,
      malformed ? HTTPResponse::HTTP_BAD_REQUEST : HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
      problem->error.code, problem->error.message);
  return false;
}

bool configureAllocatorForLargeBodies() {
  // A fixed threshold also stops glibc's dynamic adjustment (mallopt(3)).
  return mallopt(M_MMAP_THRESHOLD, static_cast<int>(kTrimAfterBytes)) == 1;
}

MemoryReturn::~MemoryReturn() {
  // glibc: returns free pages of every arena, not only the top of the main heap.
  if (bytes_ >= kTrimAfterBytes) malloc_trim(0);
}

}  // namespace mcpd::transport
