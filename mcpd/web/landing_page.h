#pragma once

// LandingPage: what mcpd's "/" shows a person: what the server is, its MCP URLs for each
// transport, copy-paste configuration for the common clients, the served certificate's
// expiry, and a search box (with the results of a search made without JavaScript). The
// HTML lives in mcpd/web/index.html; this fills its {{placeholders}}, escaping every
// value (html.h). Pure functions; any thread.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/clock.h"

namespace mcpd::web {

struct ResultView {
  std::string title;
  std::string url;
  std::string snippet;  // matched words in "**"
  std::string language;
};

// A search made through the page itself (GET /?q=...), for browsers without JavaScript.
struct SearchView {
  std::string query;
  std::vector<ResultView> results;
  std::string error;  // non-empty: the search was refused or failed, and why
};

struct LandingPageView {
  std::string base_url;     // "https://docs.example.com" (baseUrl())
  std::string certificate;  // one line (certificateText())
  std::size_t documents = 0;
  std::string version;
  std::optional<SearchView> search;
};

// The URL clients reach this server at: "https://" when the connection is TLS, then the
// request's Host header when it looks like a host[:port], else the configured domain, else
// "localhost". A Host with anything else in it (quotes, spaces, a path) is not trusted.
std::string baseUrl(bool secure, std::string_view host_header, std::string_view domain);

// "plain HTTP (no TLS)" when `tls` is false; otherwise the certificate's expiry in UTC and
// the days left ("valid until 2026-12-21 08:00 UTC (29 days left)"), "expired on ..." past
// it, or "no certificate loaded yet" without one.
std::string certificateText(bool tls, std::optional<shared::Clock::TimePoint> not_after,
                            shared::Clock::TimePoint now);

// The results list as HTML: one <li> per result with its title (a link when the URL is http or
// https), snippet and language, or a line saying why there is none.
std::string resultsHtml(const SearchView& search);

// The line above the results: "1 page found.", "3 pages found."; empty when the list itself
// says there is nothing (no match, an error). app.js words it the same way.
std::string searchStatusText(const SearchView& search);

// `page_template` (index.html) filled in for `view`.
std::string renderLandingPage(std::string_view page_template, const LandingPageView& view);

}  // namespace mcpd::web
