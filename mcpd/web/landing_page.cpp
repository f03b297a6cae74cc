#include "mcpd/web/landing_page.h"

#include <chrono>
#include <ctime>

#include "mcpd/web/html.h"

namespace mcpd::web {
namespace {

// Host names, IPv4 and bracketed IPv6 literals, with an optional port (RFC 9110 §7.2 and
// RFC 3986 §3.2.2, narrowed to what a client could use in a URL).
bool looksLikeHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

std::string utcText(shared::Clock::TimePoint t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &parts);
  return text;
}

// Only web links become links: a corpus may hold "javascript:" URLs or paths relative to a
// site that is not this server.
bool linkable(std::string_view url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

std::string titleHtml(const ResultView& result) {
  if (!linkable(result.url)) return "<span class=\"title\">" + escapeHtml(result.title) + "</span>";
  return "<a class=\"title\" href=\"" + escapeHtml(result.url) + "\">" + escapeHtml(result.title) +
         "</a>";
}

std::string languageHtml(const std::string& language) {
  return language.empty() ? "" : " <span class=\"language\">" + escapeHtml(language) + "</span>";
}

}  // namespace

std::string baseUrl(bool secure, std::string_view host_header, std::string_view domain) {
  std::string url = secure ? "https://" : "http://";
  if (looksLikeHost(host_header)) {
    url += host_header;
  } else if (looksLikeHost(domain)) {
    url += domain;
  } else {
    url += "localhost";
  }
  return url;
}

std::string certificateText(bool tls, std::optional<shared::Clock::TimePoint> not_after,
                            shared::Clock::TimePoint now) {
  if (!tls) return "plain HTTP (no TLS)";
  if (!not_after) return "no certificate loaded yet";
  if (*not_after <= now) return "expired on " + utcText(*not_after);
  const auto days = std::chrono::duration_cast<std::chrono::hours>(*not_after - now).count() / 24;
  return "valid until " + utcText(*not_after) + " (" + std::to_string(days) +
         (days == 1 ? " day left)" : " days left)");
}

std::string resultsHtml(const SearchView& search) {
  if (!search.error.empty()) {
    return "<li class=\"message error\">" + escapeHtml(search.error) + "</li>";
  }
  if (search.results.empty()) {
    return "<li class=\"message\">No page matches " + escapeHtml(search.query) + ".</li>";
  }
  std::string html;
  for (const ResultView& result : search.results) {
    html += "<li class=\"result\">" + titleHtml(result) + languageHtml(result.language) +
            "<p class=\"snippet\">" + snippetHtml(result.snippet) + "</p></li>\n";
  }
  return html;
}

std::string searchStatusText(const SearchView& search) {
  if (!search.error.empty() || search.results.empty()) return "";  // said in the list
  const std::size_t n = search.results.size();
  return n == 1 ? "1 page found." : std::to_string(n) + " pages found.";
}

std::string renderLandingPage(std::string_view page_template, const LandingPageView& view) {
  const std::string base = escapeHtml(view.base_url);
  return fillTemplate(
      page_template,
      {
          {"base_url", base},
          {"mcp_url", base + "/mcp"},
          {"sse_url", base + "/sse"},
          {"certificate", escapeHtml(view.certificate)},
          {"documents", std::to_string(view.documents)},
          {"version", escapeHtml(view.version)},
          {"query", view.search ? escapeHtml(view.search->query) : ""},
          {"results", view.search ? resultsHtml(*view.search) : ""},
          {"search_status", view.search ? escapeHtml(searchStatusText(*view.search)) : ""},
      });
}

}  // namespace mcpd::web
