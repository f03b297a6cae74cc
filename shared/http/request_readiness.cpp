#include "shared/http/request_readiness.h"

#include <charconv>
#include <optional>

namespace shared::http {
namespace {

bool equalsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Header value whitespace (RFC 9110 §5.5), and a CR left by a line that ended in CRLF.
std::string_view trimHeaderValue(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

// The offset just past the blank line that ends the head, searching from `from` (RFC 9112
// §2.2: a bare LF may end a line too).
std::optional<std::size_t> headEnd(std::string_view bytes, std::size_t from) {
  for (std::size_t i = bytes.find('\n', from); i != std::string_view::npos;
       i = bytes.find('\n', i + 1)) {
    if (i + 1 < bytes.size() && bytes[i + 1] == '\n') return i + 2;
    if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') return i + 3;
  }
  return std::nullopt;
}

}  // namespace

Readiness requestReadiness(std::string_view bytes, const ReadinessLimits& limits) {
  // RFC 9112 §2.2: empty lines before the request line are ignored.
  std::size_t start = 0;
  while (start < bytes.size() && (bytes[start] == '\r' || bytes[start] == '\n')) ++start;
  const auto end = headEnd(bytes, start);
  if (!end) {
    if (bytes.size() - start > limits.max_head_bytes) return {Readiness::State::kHeadTooLarge, 0};
    return {};
  }
  if (*end - start > limits.max_head_bytes) return {Readiness::State::kHeadTooLarge, 0};
  const Readiness ready{Readiness::State::kReady, *end};

  // The body, from the framing headers; anything unusual is the worker's to judge.
  std::optional<std::size_t> content_length;
  bool chunked = false;
  std::string_view head = bytes.substr(start, *end - start);
  std::size_t line_start = head.find('\n');
  while (line_start != std::string_view::npos && line_start + 1 < head.size()) {
    const std::size_t next = head.find('\n', line_start + 1);
    const std::string_view line =
        head.substr(line_start + 1, next == std::string_view::npos ? std::string_view::npos
                                                                   : next - line_start - 1);
    line_start = next;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trimHeaderValue(line.substr(colon + 1));
    if (equalsNoCase(name, "expect")) return ready;  // the client waits for "100 Continue"
    if (equalsNoCase(name, "transfer-encoding")) {
      if (!equalsNoCase(value, "chunked") || chunked) return ready;  // 501 or 400 to come
      chunked = true;
    } else if (equalsNoCase(name, "content-length")) {
      std::size_t length = 0;
      const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
      if (ec != std::errc() || ptr != value.data() + value.size() || content_length) return ready;
      content_length = length;
    }
  }
  const std::string_view body = bytes.substr(*end);
  if (body.size() >= limits.buffer_body_bytes) return ready;
  if (chunked) {
    // The last chunk and an empty trailer; a false match only hands over early.
    const bool last = body.starts_with("0\r\n\r\n") || body.find("\r\n0\r\n\r\n") != body.npos;
    return last ? ready : Readiness{Readiness::State::kNeedMore, *end};
  }
  if (content_length && body.size() < *content_length) return {Readiness::State::kNeedMore, *end};
  return ready;
}

}  // namespace shared::http
