// Fuzzes the documentation loaders that read remote or untrusted input: the JSON syntax
// scanner (with and without limits) and the index.json parser behind it, as an https docs
// URL feeds them, and a Markdown file's front matter (YAML) as a docs repository feeds
// it. Any bytes must give a corpus or an error, never a crash, leak or hang; the scanner
// must agree with itself (a limit only ever stops a scan that would otherwise pass).

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mcpd/corpus/index_json.h"
#include "mcpd/corpus/markdown_document.h"
#include "shared/json_syntax.h"
#include "shared/log/logging.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Broken front matter logs a warning per input: keep the fuzzer's output readable.
  (void)shared::log::setup({.level = "off"});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto syntax = shared::findJsonSyntaxError(text);
  const auto bounded = shared::scanJson(text, {.max_depth = 16, .max_values = 256});
  if (syntax && !bounded.error) std::abort();  // limits can only add errors
  if (bounded.error && !bounded.error->limit && !syntax) std::abort();
  if (syntax && syntax->offset > size) std::abort();

  (void)mcpd::corpus::parseIndexJson(text, "fuzz.json");
  (void)mcpd::corpus::parseMarkdownDocument("de/fuzz.md", text);
  return 0;
}
