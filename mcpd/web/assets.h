#pragma once

// Assets: the landing page's files (mcpd/web/index.html, app.js, app.css), compiled into
// the binary at build time by corpus/embed_docs.cmake, so mcpd needs no files at run time
// and the page cannot drift from the server that fills it in. Static read-only data; any
// thread.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mcpd::web {

struct EmbeddedAsset {
  std::string_view path;      // relative to mcpd/web: "app.js"
  std::string_view contents;  // the file's bytes
};

// Every embedded file, sorted by path (generated).
std::span<const EmbeddedAsset> embeddedAssets();

struct Asset {
  std::string_view contents;
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string etag;               // a strong validator of the bytes: "\"0123abcd...\""
};

// The embedded file at `path` ("app.js"), or nullopt when there is none.
std::optional<Asset> findAsset(std::string_view path);

}  // namespace mcpd::web
