#include "mcpd/corpus/language_tag.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "shared/text.h"

namespace mcpd::corpus {
namespace {

// ISO 639-1 codes with their English names, sorted by code. Not every ISO 639-1 code: the
// languages documentation sites are translated into. Rare codes that are also common folder
// names ("ts", "os", "io", "go" is none) are left out on purpose, so that "/ts/guide/" is
// not taken for Tsonga.
constexpr std::array<std::pair<std::string_view, std::string_view>, 73> kLanguages = {{
    {"af", "afrikaans"},  {"am", "amharic"},   {"ar", "arabic"},     {"az", "azerbaijani"},
    {"be", "belarusian"}, {"bg", "bulgarian"}, {"bn", "bengali"},    {"bs", "bosnian"},
    {"ca", "catalan"},    {"cs", "czech"},     {"cy", "welsh"},      {"da", "danish"},
    {"de", "german"},     {"el", "greek"},     {"en", "english"},    {"eo", "esperanto"},
    {"es", "spanish"},    {"et", "estonian"},  {"eu", "basque"},     {"fa", "persian"},
    {"fi", "finnish"},    {"fr", "french"},    {"ga", "irish"},      {"gl", "galician"},
    {"gu", "gujarati"},   {"he", "hebrew"},    {"hi", "hindi"},      {"hr", "croatian"},
    {"hu", "hungarian"},  {"hy", "armenian"},  {"id", "indonesian"}, {"is", "icelandic"},
    {"it", "italian"},    {"ja", "japanese"},  {"ka", "georgian"},   {"kk", "kazakh"},
    {"km", "khmer"},      {"kn", "kannada"},   {"ko", "korean"},     {"lo", "lao"},
    {"lt", "lithuanian"}, {"lv", "latvian"},   {"mk", "macedonian"}, {"ml", "malayalam"},
    {"mn", "mongolian"},  {"mr", "marathi"},   {"ms", "malay"},      {"my", "burmese"},
    {"nb", "norwegian"},  {"ne", "nepali"},    {"nl", "dutch"},      {"nn", "nynorsk"},
    {"no", "norwegian"},  {"pa", "punjabi"},   {"pl", "polish"},     {"pt", "portuguese"},
    {"ro", "romanian"},   {"ru", "russian"},   {"si", "sinhala"},    {"sk", "slovak"},
    {"sl", "slovenian"},  {"sq", "albanian"},  {"sr", "serbian"},    {"sv", "swedish"},
    {"sw", "swahili"},    {"ta", "tamil"},     {"te", "telugu"},     {"th", "thai"},
    {"tr", "turkish"},    {"uk", "ukrainian"}, {"ur", "urdu"},       {"vi", "vietnamese"},
    {"zh", "chinese"},
}};

bool allOf(std::string_view text, int (*predicate)(int)) {
  return std::all_of(text.begin(), text.end(),
                     [predicate](char c) { return predicate(static_cast<unsigned char>(c)) != 0; });
}

// BCP 47 subtags after the primary one: script (4 letters), region (2 letters or 3
// digits), variant (5-8 alphanumerics, or 4 starting with a digit).
bool isSubtag(std::string_view subtag) {
  if (subtag.size() == 2 || subtag.size() == 4)
    return allOf(subtag, std::isalpha) ||
           (subtag.size() == 4 && std::isdigit(static_cast<unsigned char>(subtag[0])) &&
            allOf(subtag, std::isalnum));
  if (subtag.size() == 3) return allOf(subtag, std::isdigit);
  return subtag.size() >= 5 && subtag.size() <= 8 && allOf(subtag, std::isalnum);
}

}  // namespace

bool isLanguageCode(std::string_view code) {
  auto it = std::lower_bound(kLanguages.begin(), kLanguages.end(), code,
                             [](const auto& entry, std::string_view k) { return entry.first < k; });
  return it != kLanguages.end() && it->first == code;
}

std::optional<std::string> languageOfTag(std::string_view tag) {
  const std::string text = shared::asciiLowered(tag);
  std::string_view rest = text;
  const std::string_view primary = rest.substr(0, rest.find_first_of("-_"));
  if (isLanguageCode(primary)) {
    rest.remove_prefix(primary.size());
    while (!rest.empty()) {
      rest.remove_prefix(1);  // the separator
      const std::string_view subtag = rest.substr(0, rest.find_first_of("-_"));
      if (!isSubtag(subtag)) return std::nullopt;
      rest.remove_prefix(subtag.size());
    }
    return std::string(primary);
  }
  for (const auto& [code, name] : kLanguages) {
    if (name == text) return std::string(code);
  }
  return std::nullopt;
}

std::optional<std::string> languageOfPath(std::string_view path) {
  if (const auto scheme = path.find("://"); scheme != std::string_view::npos) {
    path.remove_prefix(scheme + 3);
    const auto slash = path.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    path.remove_prefix(slash);
  }
  while (path.starts_with('/')) path.remove_prefix(1);
  const auto slash = path.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view segment = path.substr(0, slash);
  // English names are for tags authors write, not for folders ("/german/" is a topic).
  if (segment.size() < 2 || !std::isalpha(static_cast<unsigned char>(segment[0])) ||
      !isLanguageCode(shared::asciiLowered(
          segment.substr(0, std::min(segment.find_first_of("-_"), segment.size()))))) {
    return std::nullopt;
  }
  return languageOfTag(segment);
}

std::vector<std::string_view> languageCodes() {
  std::vector<std::string_view> codes;
  for (const auto& entry : kLanguages) codes.push_back(entry.first);
  return codes;
}

}  // namespace mcpd::corpus
