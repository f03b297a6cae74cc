#include "mcpd/web/landing_page.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "mcpd/web/assets.h"
#include "tests/support/test_pki.h"

using mcpd::web::baseUrl;
using mcpd::web::certificateText;
using mcpd::web::LandingPageView;
using mcpd::web::renderLandingPage;
using mcpd::web::resultsHtml;
using mcpd::web::SearchView;

namespace {

std::string page(const LandingPageView& view) {
  const auto asset = mcpd::web::findAsset("index.html");
  REQUIRE(asset);
  return renderLandingPage(asset->contents, view);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("the page's base url follows the connection's scheme and the request's Host") {
  CHECK(baseUrl(false, "127.0.0.1:8080", "") == "http://127.0.0.1:8080");
  CHECK(baseUrl(true, "docs.example.com", "docs.example.com") == "https://docs.example.com");
  CHECK(baseUrl(true, "[::1]:8443", "") == "https://[::1]:8443");
}

TEST_CASE("the page's base url falls back to the domain when the Host is missing or odd") {
  CHECK(baseUrl(true, "", "docs.example.com") == "https://docs.example.com");
  CHECK(baseUrl(true, "a\"><script>", "docs.example.com") == "https://docs.example.com");
  CHECK(baseUrl(false, "x y/z", "") == "http://localhost");
}

TEST_CASE("the certificate line says plain HTTP or the expiry with days left or expired") {
  const auto now = testing::utc(2026, 11, 22, 8, 0, 0);
  CHECK(certificateText(false, std::nullopt, now) == "plain HTTP (no TLS)");
  CHECK(certificateText(true, std::nullopt, now) == "no certificate loaded yet");
  CHECK(certificateText(true, testing::utc(2026, 12, 21, 9, 30, 0), now) ==
        "valid until 2026-12-21 09:30 UTC (29 days left)");
  CHECK(certificateText(true, now + std::chrono::hours(30), now) ==
        "valid until 2026-11-23 14:00 UTC (1 day left)");
  CHECK(certificateText(true, testing::utc(2026, 11, 1, 0, 0, 0), now) ==
        "expired on 2026-11-01 00:00 UTC");
}

TEST_CASE("the page shows both transport urls and the certificate and every client's snippet") {
  LandingPageView view{.base_url = "https://docs.example.com",
                       .certificate = "valid until 2026-12-21 09:30 UTC (29 days left)",
                       .documents = 42,
                       .version = "1.2.3"};
  const std::string html = page(view);
  CHECK(contains(html, "<title>mcpd documentation server</title>"));
  CHECK(contains(html, "<code id=\"mcp-url\">https://docs.example.com/mcp</code>"));
  CHECK(contains(html, "<code id=\"sse-url\">https://docs.example.com/sse</code>"));
  CHECK(contains(html, "valid until 2026-12-21 09:30 UTC (29 days left)"));
  CHECK(contains(html, "42 pages"));
  CHECK(contains(html, "claude mcp add --transport http mcpd https://docs.example.com/mcp"));
  CHECK(contains(html, "\"httpUrl\": \"https://docs.example.com/mcp\""));
  CHECK(contains(html, "\"type\": \"http\",\n      \"url\": \"https://docs.example.com/mcp\""));
  CHECK(contains(html, "npx @modelcontextprotocol/inspector"));
  CHECK_FALSE(contains(html, "{{"));
}

TEST_CASE("the page loads no inline script and nothing from another origin") {
  const std::string html = page({});
  CHECK(contains(html, "<script src=\"/app.js\" defer></script>"));
  CHECK_FALSE(contains(html, "<script>"));
  CHECK_FALSE(contains(html,
                       " on"
                       "click="));
  CHECK_FALSE(contains(html, "src=\"http"));
  CHECK_FALSE(contains(html, "<style"));
  CHECK_FALSE(contains(html, "@import"));
}

TEST_CASE("the page escapes document titles and snippets and urls and the query it shows") {
  SearchView search{.query = "\"><script>q</script>",
                    .results = {{.title = "<script>alert(1)</script> & co",
                                 .url = "https://x.example/?a=1&b=\"2\"",
                                 .snippet = "**<img src=x onerror=alert(2)>** text",
                                 .language = "<en>"}}};
  const std::string html = page({.base_url = "http://h", .search = search});
  CHECK_FALSE(contains(html, "<script>alert(1)"));
  CHECK_FALSE(contains(html, "<img"));
  CHECK_FALSE(contains(html, "<script>q"));
  CHECK(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
  CHECK(contains(html, "<strong>&lt;img src=x onerror=alert(2)&gt;</strong> text"));
  CHECK(contains(html, "href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\""));
  CHECK(contains(html, "value=\"&quot;&gt;&lt;script&gt;q&lt;/script&gt;\""));
  CHECK(contains(html, "&lt;en&gt;"));
}

TEST_CASE("a result whose url is not http or https is shown without a link") {
  const std::string html =
      resultsHtml({.query = "x", .results = {{.title = "T", .url = "javascript:alert(1)"}}});
  CHECK_FALSE(contains(html, "javascript:"));
  CHECK(contains(html, "<span class=\"title\">T</span>"));
}

TEST_CASE("a search without results or with an error says so in escaped text") {
  CHECK(resultsHtml({.query = "<nothing>"}) ==
        "<li class=\"message\">No page matches &lt;nothing&gt;.</li>");
  CHECK(resultsHtml({.query = "q", .error = "bad <limit>"}) ==
        "<li class=\"message error\">bad &lt;limit&gt;</li>");
}

TEST_CASE("the status line counts the results of a search made without javascript") {
  CHECK(mcpd::web::searchStatusText({.query = "q", .results = {{}}}) == "1 page found.");
  CHECK(mcpd::web::searchStatusText({.query = "q", .results = {{}, {}, {}}}) == "3 pages found.");
  CHECK(mcpd::web::searchStatusText({.query = "q"}).empty());
  CHECK(mcpd::web::searchStatusText({.query = "q", .error = "bad"}).empty());
  const auto asset = mcpd::web::findAsset("index.html");
  const std::string html =
      renderLandingPage(asset->contents, {.search = SearchView{.query = "q", .results = {{}, {}}}});
  CHECK(contains(html, "aria-live=\"polite\">2 pages found.</p>"));
}
