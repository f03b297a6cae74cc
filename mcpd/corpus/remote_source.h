#pragma once

// Remote source: downloads a Hugo-style index.json over HTTPS (MCPD_DOCS=https://...), with
// conditional requests so that a periodic refresh costs a 304 when nothing changed. The peer
// certificate is verified against the system CAs plus an optional extra CA file, and its
// name must match the URL's host. Each call uses its own TLS context and connection, so any
// thread may call fetchIndex(); it blocks for at most about the timeout per step.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

#include "shared/result.h"

namespace mcpd::corpus {

struct RemoteOptions {
  std::string url;                                     // https://host[:port]/path
  std::filesystem::path ca_file;                       // extra trusted CAs (PEM); empty: none
  std::chrono::milliseconds timeout{30'000};           // connect, and each send or receive
  std::size_t max_body_bytes = std::size_t{64} << 20;  // a larger body is refused
  int max_redirects = 5;                               // https-to-https only
};

struct FetchResult {
  bool unchanged = false;     // the server answered 304 Not Modified; body is empty
  std::string body;           // the index.json text (200 only)
  std::string etag;           // ETag to send next time ("" when the server sent none)
  std::string last_modified;  // Last-Modified to send next time ("" when none)
};

// GETs `options.url`, sending If-None-Match: `etag` and If-Modified-Since: `last_modified`
// when they are not empty. 200 gives the body and the new validators; 304 gives
// unchanged = true and keeps the validators passed in unless the server sent new ones.
// Redirects (301, 302, 303, 307, 308) to https URLs are followed up to max_redirects.
// Errors name the URL: "fetch https://x/index.json: HTTP 404 Not Found" (kNotFound for
// 404/410, kPermissionDenied for 401/403, kUnavailable for 429/5xx, kIoError otherwise);
// a non-https URL (kInvalidArgument); a body over max_body_bytes (kIoError); a TLS, DNS,
// connection or timeout failure (kUnavailable, with Poco's text).
shared::Result<FetchResult> fetchIndex(const RemoteOptions& options, const std::string& etag,
                                       const std::string& last_modified);

}  // namespace mcpd::corpus
