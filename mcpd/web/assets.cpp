#include "mcpd/web/assets.h"

#include <cstdint>
#include <cstdio>

namespace mcpd::web {
namespace {

std::string_view contentTypeOf(std::string_view path) {
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

// FNV-1a: an ETag only has to change when the bytes do, not resist an adversary.
std::string etagOf(std::string_view bytes) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char text[24];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace

std::optional<Asset> findAsset(std::string_view path) {
  for (const EmbeddedAsset& asset : embeddedAssets()) {
    if (asset.path == path) {
      return Asset{asset.contents, contentTypeOf(path), etagOf(asset.contents)};
    }
  }
  return std::nullopt;
}

}  // namespace mcpd::web
