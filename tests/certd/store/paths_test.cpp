#include "certd/store/paths.h"

#include <catch2/catch.hpp>

using certd::store::CertsLayout;
using certd::store::PublicFile;
using certd::store::StateLayout;

TEST_CASE("the store names the public files as the certs directory contract says",
          "[certd][store]") {
  CertsLayout layout("/certs");
  CHECK(layout.publicPath("a.example", PublicFile::kCert) == "/certs/a.example.cert.pem");
  CHECK(layout.publicPath("a.example", PublicFile::kKey) == "/certs/a.example.key.pem");
  CHECK(layout.publicPath("a.example", PublicFile::kCombined) == "/certs/a.example.pem");
  CHECK(layout.publicPath("a.example", PublicFile::kMetadata) == "/certs/a.example.json");
  CHECK(layout.liveLink("a.example") == "/certs/.a.example.live");
  CHECK(layout.generationDir("a.example", 7) == "/certs/.a.example.gen/000007");
  CHECK(layout.generationFile("a.example", 7, PublicFile::kCombined) ==
        "/certs/.a.example.gen/000007/pem");
}

TEST_CASE("the store's link targets are relative", "[certd][store]") {
  CHECK(CertsLayout::liveLinkTarget("a.example", 12) == ".a.example.gen/000012");
  CHECK(CertsLayout::publicLinkTarget("a.example", PublicFile::kKey) == ".a.example.live/key.pem");
}

TEST_CASE("generation directory names round-trip and nothing else parses", "[certd][store]") {
  CHECK(CertsLayout::generationDirName(7) == "000007");
  CHECK(CertsLayout::generationDirName(1234567) == "1234567");
  CHECK(CertsLayout::parseGenerationDirName("000007") == 7u);
  CHECK(CertsLayout::parseGenerationDirName("1234567") == 1234567u);
  CHECK_FALSE(CertsLayout::parseGenerationDirName("7"));
  CHECK_FALSE(CertsLayout::parseGenerationDirName("0000007"));
  CHECK_FALSE(CertsLayout::parseGenerationDirName(".tmp-000007"));
  CHECK_FALSE(CertsLayout::parseGenerationDirName("00000x"));
}

TEST_CASE("certificate names that could escape the directory are refused", "[certd][store]") {
  CHECK(certd::store::checkCertificateName("a.example.com"));
  CHECK(certd::store::checkCertificateName("*.example.com"));
  CHECK_FALSE(certd::store::checkCertificateName(""));
  CHECK_FALSE(certd::store::checkCertificateName("../etc"));
  CHECK_FALSE(certd::store::checkCertificateName(".hidden"));
  CHECK_FALSE(certd::store::checkCertificateName("a b"));
}

TEST_CASE("the state directory holds attempts and locks per certificate", "[certd][store]") {
  StateLayout layout("/certs/.certd");
  CHECK(layout.attemptsFile("a.example") == "/certs/.certd/attempts/a.example.json");
  CHECK(layout.lockFile("a.example") == "/certs/.certd/locks/a.example.lock");
}
