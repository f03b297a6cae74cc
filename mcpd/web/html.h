#pragma once

// HTML text for the landing page: escaping and the few pieces of markup made from corpus
// text. Everything that reaches the page from outside the binary (document titles and
// snippets, the Host header, the configured domain) passes through escapeHtml() first.
// Pure functions; any thread.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpd::web {

// `text` with & < > " ' replaced by character references, safe inside element content and
// inside quoted attribute values.
std::string escapeHtml(std::string_view text);

// A search snippet as HTML: escaped, with each "**matched words**" pair (search/snippet.h)
// as <strong>; an unpaired "**" stays literal text.
std::string snippetHtml(std::string_view snippet);

// `page` with every "{{name}}" replaced by the HTML of the pair named so. The values must
// already be HTML (escapeHtml for text): this only splices. An unknown name is left as is,
// so a typo in the template shows up on the page instead of vanishing.
std::string fillTemplate(std::string_view page,
                         const std::vector<std::pair<std::string, std::string>>& html_values);

}  // namespace mcpd::web
