#include "mcpd/search/language_vocabulary.h"

#include <limits>

namespace mcpd::search {

std::uint8_t LanguageVocabulary::slotOf(std::string_view language) {
  for (std::size_t i = 0; i < languages_.size(); ++i) {
    if (languages_[i] == language) return static_cast<std::uint8_t>(i);
  }
  if (languages_.size() > std::numeric_limits<std::uint8_t>::max()) {
    return std::numeric_limits<std::uint8_t>::max();
  }
  languages_.emplace_back(language);
  documents_.push_back(0);
  return static_cast<std::uint8_t>(languages_.size() - 1);
}

std::optional<std::uint8_t> LanguageVocabulary::find(std::string_view language) const {
  for (std::size_t i = 0; i < languages_.size(); ++i) {
    if (languages_[i] == language) return static_cast<std::uint8_t>(i);
  }
  return std::nullopt;
}

void LanguageVocabulary::addTerm(std::string_view term, std::uint8_t slot) {
  auto it = terms_.find(term);
  if (it == terms_.end()) it = terms_.emplace(std::string(term), std::vector<Count>{}).first;
  for (Count& count : it->second) {
    if (count.slot == slot) {
      ++count.documents;
      return;
    }
  }
  it->second.push_back(Count{slot, 1});
}

std::uint32_t LanguageVocabulary::frequency(std::string_view term, std::uint8_t slot) const {
  const auto it = terms_.find(term);
  if (it == terms_.end()) return 0;
  for (const Count& count : it->second) {
    if (count.slot == slot) return count.documents;
  }
  return 0;
}

}  // namespace mcpd::search
