#include "mcpd/web/web_handlers.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <sstream>

#include "mcpd/docs/search_request.h"
#include "mcpd/web/assets.h"
#include "mcpd/web/landing_page.h"
#include "mcpd/web/search_api.h"
#include "shared/http/request_origin.h"
#include "shared/version.h"

namespace mcpd::web {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// 'self' only: app.js and app.css come from here; fetch() goes to /api/search only.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

void setSecurityHeaders(HTTPServerResponse& response) {
  response.set("Content-Security-Policy", kContentSecurityPolicy);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
}

// Sends headers and body in one write; HEAD gets the headers only (Poco leaves out the
// body for HEAD but keeps its Content-Length).
void send(HTTPServerResponse& response, int status, std::string_view content_type,
          std::string_view body) {
  try {
    response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(status));
    response.setContentType(std::string(content_type));
    response.sendBuffer(body.data(), body.size());
  } catch (const Poco::Exception&) {
    // The client went away; nothing is left to tell it.
  }
}

bool readOnlyMethod(const HTTPServerRequest& request) {
  return request.getMethod() == "GET" || request.getMethod() == "HEAD";
}

// 405 for anything but GET and HEAD. The connection closes: a body may follow unread.
void refuseMethod(HTTPServerResponse& response) {
  setSecurityHeaders(response);
  response.set("Allow", "GET, HEAD");
  response.setKeepAlive(false);
  send(response, 405, "text/plain; charset=utf-8", "method not allowed: use GET\n");
}

std::string rawQueryOf(const std::string& target) {
  const auto mark = target.find('?');
  return mark == std::string::npos ? std::string() : target.substr(mark + 1);
}

// The no-script search: "/?q=words" runs the same search the API runs.
SearchView searchFromPage(const std::string& raw_query, const docs::Library& library) {
  SearchView view;
  auto arguments = parseSearchParameters(raw_query);
  if (!arguments) {
    view.error = arguments.status().message();
    return view;
  }
  view.query = arguments->query;
  auto query = docs::makeSearchQuery(*arguments, "q");
  if (!query) {
    view.error = query.status().message();
    return view;
  }
  auto results = docs::runSearch(library, *query);
  if (!results) {
    view.error = "search failed: " + results.status().message();
    return view;
  }
  for (std::size_t i = 0; i < (*results)->size(); ++i) {
    const auto result = (*results)->getObject(static_cast<unsigned>(i));
    view.results.push_back(
        {result->getValue<std::string>("title"), result->getValue<std::string>("url"),
         result->getValue<std::string>("snippet"), result->getValue<std::string>("language")});
  }
  return view;
}

bool hasParameter(const std::string& raw_query, const std::string& name) {
  return raw_query == name || raw_query.starts_with(name + "=") ||
         raw_query.find("&" + name + "=") != std::string::npos;
}

class PageHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit PageHandler(const Site& site) : site_(site) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    if (!readOnlyMethod(request)) return refuseMethod(response);
    const auto page_template = findAsset("index.html");
    LandingPageView view;
    // Behind a trusted proxy, the scheme and host the client used (a TLS-terminating proxy
    // in front of plain HTTP still means https:// links).
    const shared::http::RequestOrigin origin = shared::http::originOf(request);
    view.base_url = baseUrl(origin.scheme == "https", origin.host, site_.domain);
    const auto material = site_.tls ? site_.tls->current() : nullptr;
    view.certificate = certificateText(
        site_.tls != nullptr, material ? std::optional(material->leaf().notAfter()) : std::nullopt,
        site_.clock->now());
    view.documents = site_.library->current()->corpus().size();
    view.version = shared::kVersion;
    const std::string raw_query = rawQueryOf(request.getURI());
    if (hasParameter(raw_query, "q")) view.search = searchFromPage(raw_query, *site_.library);

    setSecurityHeaders(response);
    // Filled in per request (Host, certificate, documents): caches must ask every time.
    response.set("Cache-Control", "no-cache");
    send(response, 200, page_template->content_type,
         renderLandingPage(page_template->contents, view));
  }

 private:
  const Site& site_;
};

class AssetHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit AssetHandler(std::string name) : name_(std::move(name)) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    if (!readOnlyMethod(request)) return refuseMethod(response);
    const auto asset = findAsset(name_);
    setSecurityHeaders(response);
    // Fixed for the life of the binary: an hour's caching, then a cheap revalidation.
    response.set("Cache-Control", "public, max-age=3600");
    response.set("ETag", asset->etag);
    if (request.get("If-None-Match", "") == asset->etag) {
      // RFC 9110 §15.4.5: no body; a Content-Length, if any, is the one a 200 would carry.
      try {
        response.setStatusAndReason(HTTPResponse::HTTP_NOT_MODIFIED);
        response.setContentLength(static_cast<std::streamsize>(asset->contents.size()));
        response.send().flush();
      } catch (const Poco::Exception&) {
        // The client went away.
      }
      return;
    }
    send(response, 200, asset->content_type, asset->contents);
  }

 private:
  std::string name_;
};

class SearchApiHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit SearchApiHandler(const Site& site) : site_(site) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const ApiReply reply =
        answerSearchApi(request.getMethod(), rawQueryOf(request.getURI()), *site_.library);
    setSecurityHeaders(response);
    // Results follow the documentation, which reloads: never serve them from a cache.
    response.set("Cache-Control", "no-store");
    if (!reply.allow.empty()) {
      response.set("Allow", reply.allow);
      response.setKeepAlive(false);
    }
    send(response, reply.status, "application/json", reply.body);
  }

 private:
  const Site& site_;
};

class RefusalHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  RefusalHandler(bool json, std::string reason) : json_(json), reason_(std::move(reason)) {}

  void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override {
    setSecurityHeaders(response);
    response.setKeepAlive(false);
    if (json_) {
      Poco::JSON::Object body;
      body.set("error", reason_);
      std::ostringstream out;
      body.stringify(out);
      send(response, 403, "application/json", out.str());
    } else {
      send(response, 403, "text/plain; charset=utf-8", reason_ + "\n");
    }
  }

 private:
  bool json_;
  std::string reason_;
};

}  // namespace

bool isWebPath(const std::string& path) {
  return path == "/" || path == "/app.js" || path == "/app.css" || path == kSearchApiPath;
}

Poco::Net::HTTPRequestHandler* createWebHandler(const std::string& path, const Site& site) {
  if (path == kSearchApiPath) return new SearchApiHandler(site);
  if (path == "/") return new PageHandler(site);
  return new AssetHandler(path.substr(1));
}

Poco::Net::HTTPRequestHandler* refusal(const std::string& path, std::string reason) {
  return new RefusalHandler(path == kSearchApiPath, std::move(reason));
}

}  // namespace mcpd::web
