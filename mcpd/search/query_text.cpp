#include "mcpd/search/query_text.h"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <vector>

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

// Code points Xapian 1.4 splits into n-grams (CJK::codepoint_is_cjk): CJK radicals,
// punctuation and symbols, kana, Bopomofo, Hangul, ideographs and their extensions.
bool isCjk(unsigned ch) {
  return (ch >= 0x2E80 && ch <= 0x9FFF) || (ch >= 0xA700 && ch <= 0xA71F) ||
         (ch >= 0xAC00 && ch <= 0xD7AF) || (ch >= 0xF900 && ch <= 0xFAFF) ||
         (ch >= 0xFE30 && ch <= 0xFE4F) || (ch >= 0xFF00 && ch <= 0xFFEF) ||
         (ch >= 0x20000 && ch <= 0x2A6DF) || (ch >= 0x2F800 && ch <= 0x2FA1F);
}

// Xapian's parser makes one run of CJK text into an AND of all its n-grams, so a sentence
// typed without spaces finds only pages holding every character of it. Written as its
// overlapping pairs of characters instead ("多次执行" -> "多次 次执 执行"), each pair is a
// word of its own and pages rank by how many they hold.
std::string splitCjkRuns(const std::string& token) {
  std::string out;
  std::vector<std::string> run;  // the characters of the current CJK run
  const auto flush = [&] {
    if (run.size() == 1) out += run.front();
    for (std::size_t k = 0; k + 1 < run.size(); ++k) {
      if (k > 0) out += ' ';
      out += run[k];
      out += run[k + 1];
    }
    run.clear();
  };
  for (Xapian::Utf8Iterator it(token); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (isCjk(ch) && Xapian::Unicode::is_wordchar(ch)) {
      if (run.empty() && !out.empty() && out.back() != ' ') out += ' ';
      std::string utf8;
      Xapian::Unicode::append_utf8(utf8, ch);
      run.push_back(std::move(utf8));
      continue;
    }
    if (!run.empty()) {
      flush();
      if (!Xapian::Unicode::is_whitespace(ch)) out += ' ';
    }
    Xapian::Unicode::append_utf8(out, ch);
  }
  flush();
  return out;
}

bool isSeparator(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '(' || c == ')' || c == '"';
}

}  // namespace

std::string prepareQueryText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  bool quoted = false;  // inside "a phrase", whose words must stay as typed
  while (i < text.size()) {
    if (isSeparator(text[i])) {
      if (text[i] == '"') quoted = !quoted;
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !isSeparator(text[end])) ++end;
    const std::string_view token = text.substr(i, end - i);
    if (isOperator(token)) {
      out += token;
    } else {
      std::string lower = Xapian::Unicode::tolower(std::string(token));
      const bool ascii = std::all_of(lower.begin(), lower.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      out += ascii || quoted ? lower : splitCjkRuns(lower);
    }
    i = end;
  }
  return out;
}

std::optional<std::vector<std::string_view>> plainWords(std::string_view prepared) {
  constexpr std::size_t kMaxPlainWord = 64;
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < prepared.size()) {
    if (prepared[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < prepared.size() && prepared[end] >= 'a' && prepared[end] <= 'z') ++end;
    if (end == i || end - i > kMaxPlainWord) return std::nullopt;
    if (end < prepared.size() && prepared[end] != ' ') return std::nullopt;
    words.push_back(prepared.substr(i, end - i));
    i = end;
  }
  if (words.empty()) return std::nullopt;
  return words;
}

}  // namespace mcpd::search
