#pragma once

// Document ids: the stable, URL-safe name of a document, derived from where it came from
// ("guides/Install.md" -> "guides/install", "https://x.dev/de/setup/" -> "de/setup"). Pure
// functions; any thread.

#include <string>
#include <string_view>

namespace mcpd::corpus {

// The id for a relative file path or a permalink (absolute URL or path): scheme, host, query
// and fragment dropped; lower-cased; a trailing ".md", ".markdown", ".html" or ".htm" and
// "/" removed; "." and ".." segments and empty segments dropped; any byte other than
// [a-z0-9._~-] inside a segment becomes "-" (runs collapse). Empty results become "index".
std::string documentIdFromPath(std::string_view path);

}  // namespace mcpd::corpus
