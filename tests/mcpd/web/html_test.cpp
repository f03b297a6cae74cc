#include "mcpd/web/html.h"

#include <catch2/catch.hpp>

using mcpd::web::escapeHtml;
using mcpd::web::fillTemplate;
using mcpd::web::snippetHtml;

TEST_CASE("html escaping replaces every character that could open markup or end a quote") {
  CHECK(escapeHtml(R"(<script>alert("x")</script> & 'y')") ==
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
  CHECK(escapeHtml("plain text, ünïcode") == "plain text, ünïcode");
  CHECK(escapeHtml("&amp;") == "&amp;amp;");
  CHECK(escapeHtml("") == "");
}

TEST_CASE("a snippet's bold pairs become strong elements and the rest stays text") {
  CHECK(snippetHtml("the **renewal** of **certs**") ==
        "the <strong>renewal</strong> of <strong>certs</strong>");
  CHECK(snippetHtml("**<b>x</b>** <i>") == "<strong>&lt;b&gt;x&lt;/b&gt;</strong> &lt;i&gt;");
  CHECK(snippetHtml("unpaired ** stays") == "unpaired ** stays");
  CHECK(snippetHtml("**a** and ** <x>") == "<strong>a</strong> and ** &lt;x&gt;");
  CHECK(snippetHtml("") == "");
}

TEST_CASE("a template gets its named values spliced in and keeps unknown names visible") {
  CHECK(fillTemplate("<p>{{a}} and {{b}}</p>", {{"a", "1"}, {"b", "<i>2</i>"}}) ==
        "<p>1 and <i>2</i></p>");
  CHECK(fillTemplate("{{a}}{{a}}", {{"a", "x"}}) == "xx");
  CHECK(fillTemplate("{{missing}} {{a", {{"a", "x"}}) == "{{missing}} {{a");
}

TEST_CASE("a template value is not searched for placeholders again") {
  CHECK(fillTemplate("{{a}} {{b}}", {{"a", "{{b}}"}, {"b", "B"}}) == "{{b}} B");
}
