#include <catch2/catch.hpp>

#include "mcpd/corpus/markdown_document.h"

using mcpd::corpus::parseMarkdownDocument;

TEST_CASE("a markdown page's language: front matter, then folder, then default",
          "[corpus][markdown][languages]") {
  CHECK(parseMarkdownDocument("pt-br/guia.md", "# Guia\n").language == "pt");
  CHECK(parseMarkdownDocument("zh-cn/x.md", "# X\n").language == "zh");
  CHECK(parseMarkdownDocument("de/x.md", "---\nlang: zh-TW\n---\n# X\n").language == "zh");
  CHECK(parseMarkdownDocument("x.md", "---\nlanguage: Japanese\n---\n").language == "ja");
  CHECK(parseMarkdownDocument("guides/x.md", "# X\n", {}, "pt-BR").language == "pt");
  CHECK(parseMarkdownDocument("x.md", "# X\n", {}, "ja").language == "ja");
  // Not a language tag: the folder or the default decides.
  CHECK(parseMarkdownDocument("es/x.md", "---\nlang: klingon\n---\n").language == "es");
}
