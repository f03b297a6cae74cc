// The reader's language without a hint: the index reads a query in the languages its words
// occur in and ranks the best-fitting language first.

#include <catch2/catch.hpp>

#include "mcpd/corpus/builtin.h"
#include "mcpd/search/index.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using mcpd::corpus::Corpus;
using mcpd::corpus::Document;
using mcpd::search::Index;
using mcpd::search::IndexOptions;
using mcpd::search::Query;
using mcpd::search::SearchResult;
using testing::unwrap;

namespace {

Document multilingualPage(std::string id, std::string language, std::string title,
                          std::string text) {
  Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.url = "https://docs.example.com/" + d.id + "/";
  d.text = std::move(text);
  d.language = std::move(language);
  return d;
}

std::vector<Document> translatedPages() {
  return {
      multilingualPage(
          "en/revoke", "en", "Revoking a certificate",
          "To revoke a certificate, send a revocation request signed with the account key."),
      multilingualPage("en/renew", "en", "Renewing certificates",
                       "Certificates are renewed when a third of their lifetime remains."),
      multilingualPage(
          "es/revocar", "es", "Revocar un certificado",
          "Para revocar un certificado, envíe una solicitud de revocación firmada con la clave "
          "de la cuenta."),
      multilingualPage("es/renovar", "es", "Renovar certificados",
                       "Los certificados se renuevan cuando queda un tercio de su vida útil."),
      multilingualPage(
          "pt/revogar", "pt", "Revogar um certificado",
          "Para revogar um certificado, envie um pedido de revogação assinado com a chave da "
          "conta."),
      multilingualPage("pt/renovar", "pt", "Renovar certificados",
                       "Os certificados são renovados quando resta um terço da sua validade."),
      multilingualPage(
          "de/widerrufen", "de", "Ein Zertifikat widerrufen",
          "Um ein Zertifikat zu widerrufen, senden Sie eine mit dem Kontoschlüssel signierte "
          "Widerrufsanfrage."),
      multilingualPage(
          "fr/revoquer", "fr", "Révoquer un certificat",
          "Pour révoquer un certificat, envoyez une demande de révocation signée avec la clé du "
          "compte."),
      multilingualPage(
          "ja/revoke", "ja", "証明書の失効",
          "証明書を失効させるには、アカウントキーで署名した失効リクエストを送信します。"),
      multilingualPage("zh/revoke", "zh", "吊销证书",
                       "要吊销证书，请发送使用账户密钥签名的吊销请求。"),
      multilingualPage("es/solo-es", "es", "Glosario de términos",
                       "Un glosario: autoridad, cadena, huella digital."),
  };
}

struct MultilingualFixture {
  testing::TempDir dir;
  std::shared_ptr<const Index> index;
  MultilingualFixture() {
    auto corpus = std::make_shared<const Corpus>(translatedPages(), "test");
    index = unwrap(Index::build(corpus, IndexOptions{.temp_parent = dir.path()}));
  }
  SearchResult search(std::string text, std::string language = "") {
    return unwrap(index->search(Query{std::move(text), 10, std::move(language)}));
  }
};

std::string first(const SearchResult& result) {
  return result.hits.empty() ? "" : result.hits.front().document->id;
}

}  // namespace

TEST_CASE("a spanish query finds spanish pages first without a language", "[search][languages]") {
  MultilingualFixture f;
  const auto result = f.search("revocar un certificado");
  CHECK(result.language == "es");
  CHECK(first(result) == "es/revocar");
  REQUIRE(result.hits.size() >= 2);
  // The other Spanish page holds "certificado" too, and comes before pages in other languages.
  CHECK(result.hits[1].document->language == "es");
}

TEST_CASE("one spanish word alone finds its spanish page", "[search][languages]") {
  MultilingualFixture f;
  const auto result = f.search("revocar");
  CHECK(result.language == "es");
  CHECK(first(result) == "es/revocar");
}

TEST_CASE("each language's query finds its own page first", "[search][languages]") {
  MultilingualFixture f;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"revoke a certificate", "en/revoke"},
      {"revogar um certificado", "pt/revogar"},
      {"Zertifikat widerrufen", "de/widerrufen"},
      {"révoquer un certificat", "fr/revoquer"},
      {"証明書 失効", "ja/revoke"},
      {"吊销证书", "zh/revoke"},
      {"renovar cuando queda un tercio", "es/renovar"},
  };
  for (const auto& [query, expected] : cases) {
    INFO(query);
    const auto result = f.search(query);
    CHECK(first(result) == expected);
    CHECK(result.language == expected.substr(0, 2));
  }
}

TEST_CASE("a japanese or chinese query matches inside text without spaces", "[search][languages]") {
  MultilingualFixture f;
  CHECK(first(f.search("失効")) == "ja/revoke");
  CHECK(first(f.search("吊销")) == "zh/revoke");
  const auto result = f.search("签名");
  REQUIRE_FALSE(result.hits.empty());
  CHECK_THAT(result.hits.front().snippet, Catch::Contains("**"));
}

TEST_CASE("a page that exists only in another language is still found", "[search][languages]") {
  MultilingualFixture f;
  // English words, but only a Spanish page holds "glosario".
  const auto result = f.search("certificate glosario");
  bool found = false;
  for (const auto& hit : result.hits) found = found || hit.document->id == "es/solo-es";
  CHECK(found);
}

TEST_CASE("a compound word no page holds finds the page holding its parts", "[search][languages]") {
  MultilingualFixture f;
  // No page says "Zertifikatswiderruf"; the German page has "Zertifikat" and "widerrufen".
  const auto result = f.search("Zertifikatswiderruf");
  CHECK(first(result) == "de/widerrufen");
}

TEST_CASE("naming a language restricts the results to it", "[search][languages]") {
  MultilingualFixture f;
  const auto result = f.search("certificado", "pt");
  REQUIRE_FALSE(result.hits.empty());
  for (const auto& hit : result.hits) CHECK(hit.document->language == "pt");
  CHECK(result.language == "pt");
}

TEST_CASE("a query no page holds assumes no language", "[search][languages]") {
  MultilingualFixture f;
  const auto result = f.search("zzyzx");
  CHECK(result.hits.empty());
  CHECK(result.language.empty());
}

// The built-in corpus carries "What mcpd is" in seven languages, so that a change to ranking
// cannot silently trade one language for another on the documentation mcpd ships with.
TEST_CASE("the built-in docs answer each language with its own page first", "[search][languages]") {
  testing::TempDir dir;
  auto corpus = std::make_shared<const Corpus>(mcpd::corpus::builtinCorpus());
  auto index = unwrap(Index::build(corpus, IndexOptions{.temp_parent = dir.path()}));
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"documentation server for AI assistants", "en", "docs/what-is-mcpd"},
      {"servidor de documentación para asistentes", "es", "docs/translations/es"},
      {"Dokumentationsserver für KI-Assistenten", "de", "docs/translations/de"},
      {"serveur de documentation pour les assistants", "fr", "docs/translations/fr"},
      {"servidor de documentação para assistentes", "pt", "docs/translations/pt"},
      {"ドキュメントサーバー", "ja", "docs/translations/ja"},
      {"文档服务器", "zh", "docs/translations/zh"},
      {"renovar el certificado sin cortar conexiones", "es", "docs/translations/es"},
      {"Zertifikat erneuern", "de", "docs/translations/de"},
  };
  for (const auto& [query, language, expected] : cases) {
    INFO(query);
    const auto result = unwrap(index->search(Query{query, 3, ""}));
    CHECK(result.language == language);
    REQUIRE_FALSE(result.hits.empty());
    CHECK(result.hits.front().document->id == expected);
    CHECK(result.hits.front().document->language == language);
  }
}
