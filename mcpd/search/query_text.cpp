#include "mcpd/search/query_text.h"

#include <xapian.h>

#include <array>

namespace mcpd::search {
namespace {

constexpr std::array<std::string_view, 6> kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

bool isOperator(std::string_view token) {
  // NEAR/3 and ADJ/3 carry a window size.
  const auto slash = token.find('/');
  if (slash != std::string_view::npos) token = token.substr(0, slash);
  for (std::string_view op : kOperators) {
    if (token == op) return true;
  }
  return false;
}

bool isSeparator(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '(' || c == ')' || c == '"';
}

}  // namespace

std::string prepareQueryText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (isSeparator(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !isSeparator(text[end])) ++end;
    const std::string_view token = text.substr(i, end - i);
    out += isOperator(token) ? std::string(token) : Xapian::Unicode::tolower(std::string(token));
    i = end;
  }
  return out;
}

}  // namespace mcpd::search
