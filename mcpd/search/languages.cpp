#include "mcpd/search/languages.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "shared/text.h"

namespace mcpd::search {
namespace {

// ISO 639-1 code -> Snowball stemmer shipped with Xapian 1.4
// (Xapian::Stem::get_available_languages()). Sorted by code for binary search.
constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kStemmers = {{
    {"ar", "arabic"},     {"ca", "catalan"},  {"da", "danish"},     {"de", "german"},
    {"en", "english"},    {"es", "spanish"},  {"eu", "basque"},     {"fi", "finnish"},
    {"fr", "french"},     {"ga", "irish"},    {"hu", "hungarian"},  {"hy", "armenian"},
    {"id", "indonesian"}, {"it", "italian"},  {"lt", "lithuanian"}, {"nb", "norwegian"},
    {"ne", "nepali"},     {"nl", "dutch"},    {"nn", "norwegian"},  {"no", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},    {"sv", "swedish"},
    {"ta", "tamil"},      {"tr", "turkish"},
}};

bool isTwoLetters(std::string_view text) {
  return text.size() == 2 && std::isalpha(static_cast<unsigned char>(text[0])) &&
         std::isalpha(static_cast<unsigned char>(text[1]));
}

}  // namespace

std::optional<std::string_view> stemmerFor(std::string_view code) {
  if (!isTwoLetters(code)) return std::nullopt;
  const std::string key = shared::asciiLowered(code);
  auto it =
      std::lower_bound(kStemmers.begin(), kStemmers.end(), key,
                       [](const auto& entry, const std::string& k) { return entry.first < k; });
  if (it == kStemmers.end() || it->first != key) return std::nullopt;
  return it->second;
}

std::vector<std::string_view> stemmedLanguages() {
  std::vector<std::string_view> codes;
  for (const auto& entry : kStemmers) codes.push_back(entry.first);
  return codes;
}

}  // namespace mcpd::search
