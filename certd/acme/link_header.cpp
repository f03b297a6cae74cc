#include "certd/acme/link_header.h"

#include <algorithm>
#include <cctype>

namespace certd::acme {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Whether the parameters after `>` name `rel` among their (space-separated) relations.
bool hasRel(std::string_view params, std::string_view rel) {
  const std::string text = lower(params);
  auto at = text.find("rel=");
  if (at == std::string::npos) return false;
  std::string_view value = std::string_view(text).substr(at + 4);
  if (!value.empty() && value.front() == '"') {
    value.remove_prefix(1);
    value = value.substr(0, value.find('"'));
  } else {
    value = value.substr(0, value.find_first_of("; "));
  }
  const std::string wanted = lower(rel);
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t end = std::min(value.find(' ', start), value.size());
    if (value.substr(start, end - start) == wanted) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

std::vector<std::string> linksWithRel(const std::vector<std::string>& header_values,
                                      std::string_view rel) {
  std::vector<std::string> urls;
  for (const std::string& header : header_values) {
    std::string_view rest = header;
    while (true) {
      const auto open = rest.find('<');
      if (open == std::string_view::npos) break;
      const auto close = rest.find('>', open);
      if (close == std::string_view::npos) break;
      const std::string_view url = rest.substr(open + 1, close - open - 1);
      rest.remove_prefix(close + 1);
      const auto next = rest.find('<');  // URLs cannot hold '<', so this ends the params
      if (hasRel(rest.substr(0, next), rel)) urls.emplace_back(url);
    }
  }
  return urls;
}

}  // namespace certd::acme
