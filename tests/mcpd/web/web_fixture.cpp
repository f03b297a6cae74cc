#include "tests/mcpd/web/web_fixture.h"

#include "mcpd/search/index.h"
#include "tests/support/test_pki.h"

namespace testing {
namespace {

mcpd::corpus::Document doc(std::string id, std::string title, std::string url, std::string text,
                           std::string language = "en") {
  mcpd::corpus::Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.url = std::move(url);
  d.text = std::move(text);
  d.language = std::move(language);
  return d;
}

}  // namespace

WebLibrary::WebLibrary() {
  auto corpus = std::make_shared<const mcpd::corpus::Corpus>(
      std::vector<mcpd::corpus::Document>{
          doc("renewal", "Certificate Renewal", "https://docs.example.com/renewal/",
              "Renewal starts thirty days before a certificate expires."),
          doc("hostile", "<script>alert(1)</script> & friends", "javascript:alert(2)",
              "The word <img src=x onerror=alert(3)> zebra hides in markup."),
          doc("german", "Zertifikate erneuern", "https://docs.example.com/de/erneuern/",
              "Die Erneuerung beginnt dreißig Tage vor dem Ablauf.", "de"),
      },
      "test");
  auto index = unwrap(mcpd::search::Index::build(corpus, {.temp_parent = dir.path()}));
  library = std::make_shared<mcpd::docs::Library>(index);
}

}  // namespace testing
