#pragma once

// Markdown text: what of a Markdown page a reader sees, for the index and for snippets.
// Parsed with md4c (CommonMark plus GitHub tables, strikethrough and task lists): the words
// of paragraphs, lists, tables, headings and code (inline and blocks) are kept; the markup
// (#, **, `, table pipes), link and image targets and HTML tags are dropped. An image's alt
// text and a link's text stay. Plain text that is not Markdown comes out nearly as it went
// in. Pure; any thread.

#include <string>
#include <string_view>
#include <vector>

namespace mcpd::search {

struct MarkdownText {
  // Blocks separated by a blank line ("\n\n"), table cells by " ", rows and list items by
  // "\n"; headings are part of the text too, in their place.
  std::string text;
  // Each heading's text, in order, for weighting them above the body.
  std::vector<std::string> headings;
};

MarkdownText markdownText(std::string_view markdown);

}  // namespace mcpd::search
