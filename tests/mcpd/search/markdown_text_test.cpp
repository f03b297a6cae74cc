#include "mcpd/search/markdown_text.h"

#include <catch2/catch.hpp>

using mcpd::search::markdownText;

TEST_CASE("markdown text drops markup and keeps words", "[search][markdown]") {
  const auto plain = markdownText(
      "# Renewal\n\nCerts are **renewed** _early_, see [the guide](https://example.org/guide) "
      "and ![a diagram](img/flow.png).\n");
  CHECK(plain.text == "Renewal\n\nCerts are renewed early, see the guide and a diagram.");
  REQUIRE(plain.headings.size() == 1);
  CHECK(plain.headings[0] == "Renewal");
}

TEST_CASE("markdown text keeps code and table cells without pipes", "[search][markdown]") {
  const auto plain = markdownText(
      "Run `certd renew`:\n\n```sh\ncertd renew --force\n```\n\n| key | default |\n|---|---|\n"
      "| listen | 127.0.0.1:8080 |\n");
  CHECK_THAT(plain.text, Catch::Contains("Run certd renew:"));
  CHECK_THAT(plain.text, Catch::Contains("certd renew --force"));
  CHECK_THAT(plain.text, Catch::Contains("listen 127.0.0.1:8080"));
  CHECK_THAT(plain.text, !Catch::Contains("|"));
  CHECK_THAT(plain.text, !Catch::Contains("```"));
}

TEST_CASE("markdown text reads HTML as the text between its tags", "[search][markdown]") {
  const auto plain = markdownText("<div class=\"note\">\nKeep the <b>key</b> safe.\n</div>\n");
  CHECK_THAT(plain.text, Catch::Contains("Keep the"));
  CHECK_THAT(plain.text, Catch::Contains("key"));
  CHECK_THAT(plain.text, !Catch::Contains("class"));
  CHECK_THAT(plain.text, !Catch::Contains("<"));
}

TEST_CASE("plain text comes through markdown text unchanged", "[search][markdown]") {
  CHECK(markdownText("Just words, nothing else.").text == "Just words, nothing else.");
  CHECK(markdownText("").text.empty());
}

TEST_CASE("entities become their characters", "[search][markdown]") {
  CHECK(markdownText("a &amp; b &lt;c&gt;").text == "a & b <c>");
}
