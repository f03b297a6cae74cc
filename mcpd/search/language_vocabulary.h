#pragma once

// LanguageVocabulary: for each term of the index, in how many documents of each language
// it occurs. It is how a query with no language named finds the reader's language: the
// words of "revocar un certificado" occur in Spanish pages, hardly in Portuguese or English
// ones. Built once while the index is written (add() on one thread), then read-only and
// shared by every search thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mcpd::search {

class LanguageVocabulary {
 public:
  // The language's slot, creating it on first sight; at most 255 languages are told apart
  // (more would share the last slot, which no real corpus comes near).
  std::uint8_t slotOf(std::string_view language);

  // The slot of `language`, or nullopt when no document is in it.
  std::optional<std::uint8_t> find(std::string_view language) const;

  // Counts one document of language `slot`; call once per document.
  void addDocument(std::uint8_t slot) { ++documents_[slot]; }
  // Counts `term` once for a document of language `slot`; call once per distinct term.
  void addTerm(std::string_view term, std::uint8_t slot);

  // Languages in slot order, and how many documents each has.
  const std::vector<std::string>& languages() const { return languages_; }
  std::uint32_t documents(std::uint8_t slot) const { return documents_[slot]; }

  // Documents of language `slot` holding `term`.
  std::uint32_t frequency(std::string_view term, std::uint8_t slot) const;

 private:
  struct Count {
    std::uint8_t slot;
    std::uint32_t documents;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> languages_;
  std::vector<std::uint32_t> documents_;
  // Per term, the languages it occurs in (few: most terms belong to one language).
  std::unordered_map<std::string, std::vector<Count>, Hash, std::equal_to<>> terms_;
};

}  // namespace mcpd::search
