#include "mcpd/corpus/corpus.h"

#include <algorithm>
#include <unordered_set>

namespace mcpd::corpus {

Corpus::Corpus(std::vector<Document> documents, std::string source)
    : documents_(std::move(documents)), source_(std::move(source)) {
  // Collisions are resolved in source order, so the first document with an id keeps it
  // whatever the others are called; then the list is sorted for find().
  std::unordered_set<std::string> taken;
  for (Document& document : documents_) {
    if (document.id.empty()) document.id = "index";
    taken.insert(document.id);
  }
  std::unordered_set<std::string> assigned;
  for (Document& document : documents_) {
    if (assigned.insert(document.id).second) continue;
    for (int n = 2;; ++n) {
      std::string candidate = document.id + "-" + std::to_string(n);
      if (taken.count(candidate) == 0) {
        taken.insert(candidate);
        assigned.insert(candidate);
        document.id = std::move(candidate);
        break;
      }
    }
  }
  std::sort(documents_.begin(), documents_.end(),
            [](const Document& a, const Document& b) { return a.id < b.id; });
}

const Document* Corpus::find(std::string_view id) const {
  auto it = std::lower_bound(documents_.begin(), documents_.end(), id,
                             [](const Document& d, std::string_view key) { return d.id < key; });
  if (it == documents_.end() || it->id != id) return nullptr;
  return &*it;
}

}  // namespace mcpd::corpus
