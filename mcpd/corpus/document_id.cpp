#include "mcpd/corpus/document_id.h"

#include <array>
#include <cctype>
#include <vector>

namespace mcpd::corpus {
namespace {

constexpr std::array<std::string_view, 4> kExtensions = {".markdown", ".md", ".html", ".htm"};

// Drops "scheme://host" from an absolute URL, and any query or fragment.
std::string_view pathPart(std::string_view path) {
  if (const auto scheme = path.find("://"); scheme != std::string_view::npos) {
    const auto slash = path.find('/', scheme + 3);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return path.substr(0, path.find_first_of("?#"));
}

bool isIdByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '~' ||
         c == '-';
}

// One segment cleaned: lower case, other bytes (UTF-8 included) as one "-" per run.
std::string cleanSegment(std::string_view segment) {
  std::string out;
  for (char c : segment) {
    if (isIdByte(c)) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (out.empty() || out.back() != '-') {
      out += '-';
    }
  }
  return out;
}

}  // namespace

std::string documentIdFromPath(std::string_view path) {
  path = pathPart(path);
  std::string lower;
  for (char c : path) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = lower;
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  for (std::string_view extension : kExtensions) {
    if (rest.size() > extension.size() && rest.ends_with(extension)) {
      rest.remove_suffix(extension.size());
      break;
    }
  }

  std::string id;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == "." || segment == "..") continue;
    if (!id.empty()) id += '/';
    id += cleanSegment(segment);
  }
  return id.empty() ? "index" : id;
}

}  // namespace mcpd::corpus
