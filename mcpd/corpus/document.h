#pragma once

// Document: one page of the documentation corpus, as the `fetch` tool returns it and as the
// search index reads it. A plain value; a Corpus owns its documents and never changes them.

#include <string>
#include <utility>
#include <vector>

namespace mcpd::corpus {

struct Document {
  // Stable, URL-safe and unique within its corpus: the permalink path or the file's relative
  // path without extension ("guides/install"); see document_id.h.
  std::string id;
  std::string title;
  // The permalink: absolute when the source gives one, else the relative path.
  std::string url;
  // The body: Markdown without its front matter, or an index.json item's "contents".
  std::string text;
  // Lower-case ISO 639-1 code; "en" when the source does not say.
  std::string language = "en";
  // Other string fields of the source (front-matter scalars, index.json extras), in source
  // order.
  std::vector<std::pair<std::string, std::string>> metadata;
};

}  // namespace mcpd::corpus
