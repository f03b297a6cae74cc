// The landing page's routes through mcpd's real HTTP stack (router, guard, handlers).
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include "mcpd/http/router.h"
#include "mcpd/http/server.h"
#include "mcpd/web/site.h"
#include "tests/mcpd/support/http_test_client.h"
#include "tests/mcpd/web/web_fixture.h"

using testing::HttpCall;
using testing::HttpReply;
using testing::sendHttp;

namespace {

struct WebStack {
  testing::WebLibrary docs;
  mcpd::web::Site site{.library = docs.library};
  testing::TestHttpStack stack{testing::StackOptions{.site = &site}};

  HttpReply get(const std::string& path, testing::Headers headers = {}) {
    return sendHttp(stack.port(), {.method = "GET", .path = path, .headers = std::move(headers)});
  }
};

void requireSecurityHeaders(const HttpReply& reply) {
  const std::string csp = reply.header("Content-Security-Policy");
  CHECK(csp.find("default-src 'none'") != std::string::npos);
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(reply.header("X-Content-Type-Options") == "nosniff");
}

}  // namespace

TEST_CASE("the landing page is html with the request's host in its mcp urls") {
  WebStack web;
  const HttpReply reply = web.get("/");
  REQUIRE(reply.status == 200);
  CHECK(reply.mediaType() == "text/html");
  CHECK(reply.header("Cache-Control") == "no-cache");
  requireSecurityHeaders(reply);
  const std::string url = "http://127.0.0.1:" + std::to_string(web.stack.port()) + "/mcp";
  CHECK(reply.body.find("<code id=\"mcp-url\">" + url + "</code>") != std::string::npos);
  CHECK(reply.body.find("plain HTTP (no TLS)") != std::string::npos);
  CHECK(reply.body.find("3 pages") != std::string::npos);
}

TEST_CASE("the landing page answers HEAD with its headers and no body") {
  WebStack web;
  const HttpReply get = web.get("/");
  const HttpReply head = sendHttp(web.stack.port(), {.method = "HEAD", .path = "/"});
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("Content-Length") == std::to_string(get.body.size()));
  CHECK(head.mediaType() == "text/html");
}

TEST_CASE("the landing page refuses other methods with 405 and Allow") {
  WebStack web;
  for (const std::string path : {"/", "/app.js"}) {
    const HttpReply reply =
        sendHttp(web.stack.port(), {.method = "POST", .path = path, .body = "x"});
    CHECK(reply.status == 405);
    CHECK(reply.header("Allow") == "GET, HEAD");
  }
}

TEST_CASE("the landing page searches without javascript and escapes what the corpus holds") {
  WebStack web;
  const HttpReply reply = web.get("/?q=zebra");
  REQUIRE(reply.status == 200);
  CHECK(reply.body.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends") !=
        std::string::npos);
  CHECK(reply.body.find("<script>alert") == std::string::npos);
  CHECK(reply.body.find("<img") == std::string::npos);
  CHECK(reply.body.find("javascript:") == std::string::npos);
  CHECK(reply.body.find("value=\"zebra\"") != std::string::npos);
}

TEST_CASE("the page's script and style carry their types and an etag and revalidate with 304") {
  WebStack web;
  const HttpReply script = web.get("/app.js");
  REQUIRE(script.status == 200);
  CHECK(script.mediaType() == "text/javascript");
  CHECK(script.header("Cache-Control") == "public, max-age=3600");
  requireSecurityHeaders(script);
  REQUIRE_FALSE(script.header("ETag").empty());
  CHECK(script.body.find("/api/search") != std::string::npos);
  const HttpReply again = web.get("/app.js", {{"If-None-Match", script.header("ETag")}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(again.header("ETag") == script.header("ETag"));
  CHECK(again.header("Content-Length") == std::to_string(script.body.size()));
  CHECK(web.get("/app.css").mediaType() == "text/css");
  CHECK(web.get("/index.html").status == 404);
}

TEST_CASE("search api over http answers json that is never cached and json errors") {
  WebStack web;
  const HttpReply ok = web.get("/api/search?q=renewal&limit=5");
  REQUIRE(ok.status == 200);
  CHECK(ok.mediaType() == "application/json");
  CHECK(ok.header("Cache-Control") == "no-store");
  requireSecurityHeaders(ok);
  const auto body = Poco::JSON::Parser().parse(ok.body).extract<Poco::JSON::Object::Ptr>();
  CHECK(body->getArray("results")->getObject(0)->getValue<std::string>("title") ==
        "Certificate Renewal");

  const HttpReply missing = web.get("/api/search");
  CHECK(missing.status == 400);
  CHECK(missing.mediaType() == "application/json");
  const HttpReply post =
      sendHttp(web.stack.port(), {.method = "POST", .path = "/api/search?q=a", .body = "{}"});
  CHECK(post.status == 405);
  CHECK(post.header("Allow") == "GET, HEAD");
}

TEST_CASE("web routes refuse a foreign Host or Origin with 403 as the MCP routes do") {
  WebStack web;
  const HttpReply host = web.get("/api/search?q=renewal", {{"Host", "evil.example"}});
  CHECK(host.status == 403);
  CHECK(host.mediaType() == "application/json");
  const HttpReply origin = web.get("/api/search?q=renewal", {{"Origin", "https://evil.example"}});
  CHECK(origin.status == 403);
  const HttpReply page = web.get("/", {{"Host", "evil.example"}});
  CHECK(page.status == 403);
  CHECK(page.body.find("evil.example") != std::string::npos);
  CHECK(web.get("/", {{"Origin", "http://localhost:1234"}}).status == 200);
}

TEST_CASE("the operations port answers / with where the rest is and has no search") {
  mcpd::http::Server ops({.listen = {"127.0.0.1", 0}, .threads = 2, .queue = 8},
                         new mcpd::http::Router(nullptr, {{}, {}, true}));
  REQUIRE(ops.start());
  const auto port = ops.boundAddress().port;
  const HttpReply index = sendHttp(port, {.path = "/"});
  CHECK(index.status == 200);
  CHECK(index.body.find("/healthz") != std::string::npos);
  CHECK(index.body.find("main listener") != std::string::npos);
  CHECK(sendHttp(port, {.path = "/api/search?q=a"}).status == 404);
  CHECK(sendHttp(port, {.path = "/app.js"}).status == 404);
  ops.stop();
}
