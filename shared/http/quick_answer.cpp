#include "shared/http/quick_answer.h"

#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "shared/http/http_date.h"
#include "shared/http/request_checks.h"

namespace shared::http {
namespace {

using Poco::Net::HTTPRequest;

// The path of "GET /path?query HTTP/1.1" without parsing: most heads are not quick ones,
// and this look costs next to nothing.
std::optional<std::string_view> quickCandidatePath(std::string_view head) {
  std::size_t start;
  if (head.starts_with("GET /")) {
    start = 4;
  } else if (head.starts_with("HEAD /")) {
    start = 5;
  } else {
    return std::nullopt;
  }
  const std::size_t end = head.find_first_of(" ?\r\n", start);
  if (end == std::string_view::npos) return std::nullopt;
  return head.substr(start, end - start);
}

}  // namespace

std::optional<QuickResponse> quickResponse(std::string_view head, const QuickAnswers& answers) {
  if (!answers) return std::nullopt;
  const auto path = quickCandidatePath(head);
  if (!path) return std::nullopt;
  const std::optional<QuickAnswer> answer = answers(*path);
  if (!answer) return std::nullopt;

  HTTPRequest request;
  try {
    Poco::MemoryInputStream in(head.data(), head.size());
    request.read(in);
  } catch (const Poco::Exception&) {
    return std::nullopt;  // malformed: a worker's parser answers it
  }
  if (checkRequest(request)) return std::nullopt;
  if (request.getChunkedTransferEncoding() || request.getContentLength64() > 0 ||
      request.has("Expect"))
    return std::nullopt;

  const bool head_only = request.getMethod() == HTTPRequest::HTTP_HEAD;
  QuickResponse out;
  out.keep_alive = request.getKeepAlive();
  const auto status = static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer->status);
  std::string& bytes = out.bytes;
  bytes.reserve(160 + answer->content_type.size() + answer->body.size());
  bytes.append(request.getVersion())
      .append(" ")
      .append(std::to_string(answer->status))
      .append(" ")
      .append(Poco::Net::HTTPResponse::getReasonForStatus(status))
      .append("\r\nDate: ")
      .append(httpDateNow())
      .append(out.keep_alive ? "\r\nConnection: Keep-Alive" : "\r\nConnection: Close")
      .append("\r\nContent-Type: ")
      .append(answer->content_type)
      .append("\r\nContent-Length: ")
      .append(std::to_string(answer->body.size()))
      .append("\r\n\r\n");
  if (!head_only) bytes.append(answer->body);
  return out;
}

}  // namespace shared::http
