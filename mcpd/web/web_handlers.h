#pragma once

// Web handlers: the Poco side of the landing page. "/" (the page, filled in per request),
// "/app.js" and "/app.css" (embedded files with an ETag), and "/api/search" (search_api.h).
// Every answer carries a Content-Security-Policy that allows only this origin's script and
// style files (no inline script, no external resources), and X-Content-Type-Options:
// nosniff. The router checks Host and Origin first (refusal() answers a refused request).
// Handlers live for one request on one worker thread; the Site outlives them.

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

#include "mcpd/web/site.h"

namespace mcpd::web {

// Whether `path` is one of the paths above.
bool isWebPath(const std::string& path);

// The handler for a web path (isWebPath(path) must hold).
Poco::Net::HTTPRequestHandler* createWebHandler(const std::string& path, const Site& site);

// A 403 for a request the RequestGuard refused: JSON {"error"} on the API, text elsewhere.
Poco::Net::HTTPRequestHandler* refusal(const std::string& path, std::string reason);

}  // namespace mcpd::web
