#include "mcpd/web/html.h"

namespace mcpd::web {

std::string escapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string snippetHtml(std::string_view snippet) {
  std::string out;
  std::size_t position = 0;
  while (position < snippet.size()) {
    const auto open = snippet.find("**", position);
    const auto close = open == std::string_view::npos ? open : snippet.find("**", open + 2);
    if (close == std::string_view::npos) break;
    out += escapeHtml(snippet.substr(position, open - position));
    out += "<strong>";
    out += escapeHtml(snippet.substr(open + 2, close - open - 2));
    out += "</strong>";
    position = close + 2;
  }
  out += escapeHtml(snippet.substr(std::min(position, snippet.size())));
  return out;
}

std::string fillTemplate(std::string_view page,
                         const std::vector<std::pair<std::string, std::string>>& html_values) {
  std::string out;
  out.reserve(page.size() * 2);
  std::size_t position = 0;
  while (true) {
    const auto open = page.find("{{", position);
    const auto close = open == std::string_view::npos ? open : page.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    const std::string_view name = page.substr(open + 2, close - open - 2);
    const std::pair<std::string, std::string>* value = nullptr;
    for (const auto& pair : html_values) {
      if (pair.first == name) value = &pair;
    }
    out += page.substr(position, open - position);
    if (value) {
      out += value->second;
    } else {
      out += page.substr(open, close + 2 - open);
    }
    position = close + 2;
  }
  out += page.substr(position);
  return out;
}

}  // namespace mcpd::web
