#include "shared/pki/key_type.h"

#include <catch2/catch.hpp>

using shared::Status;
using shared::pki::KeyType;
using shared::pki::keyTypeDescription;
using shared::pki::keyTypeName;
using shared::pki::parseKeyType;

namespace {
constexpr KeyType kAllTypes[] = {KeyType::kEcP256, KeyType::kEcP384, KeyType::kRsa2048,
                                 KeyType::kRsa3072, KeyType::kRsa4096};
}

TEST_CASE("parseKeyType accepts lego's five key type names") {
  CHECK(parseKeyType("ec256").value() == KeyType::kEcP256);
  CHECK(parseKeyType("ec384").value() == KeyType::kEcP384);
  CHECK(parseKeyType("rsa2048").value() == KeyType::kRsa2048);
  CHECK(parseKeyType("rsa3072").value() == KeyType::kRsa3072);
  CHECK(parseKeyType("rsa4096").value() == KeyType::kRsa4096);
}

TEST_CASE("parseKeyType ignores case") {
  CHECK(parseKeyType("EC256").value() == KeyType::kEcP256);
  CHECK(parseKeyType("Rsa4096").value() == KeyType::kRsa4096);
}

TEST_CASE("parseKeyType refuses an unknown name and lists the accepted ones") {
  for (const char* bad : {"", "ec521", "rsa", "rsa1024", "ec256 ", " ec256", "P-256", "ecdsa"}) {
    auto result = parseKeyType(bad);
    REQUIRE_FALSE(result.isOk());
    CHECK(result.status().code() == Status::Code::kInvalidArgument);
    CHECK(result.status().message() ==
          "unknown key type \"" + std::string(bad) +
              "\" (accepted: ec256, ec384, rsa2048, rsa3072, rsa4096)");
  }
}

TEST_CASE("keyTypeName round-trips through parseKeyType") {
  for (KeyType type : kAllTypes) CHECK(parseKeyType(keyTypeName(type)).value() == type);
}

TEST_CASE("keyTypeDescription names the algorithm and size") {
  CHECK(keyTypeDescription(KeyType::kEcP256) == "ECDSA P-256");
  CHECK(keyTypeDescription(KeyType::kEcP384) == "ECDSA P-384");
  CHECK(keyTypeDescription(KeyType::kRsa2048) == "RSA 2048");
  CHECK(keyTypeDescription(KeyType::kRsa3072) == "RSA 3072");
  CHECK(keyTypeDescription(KeyType::kRsa4096) == "RSA 4096");
}
