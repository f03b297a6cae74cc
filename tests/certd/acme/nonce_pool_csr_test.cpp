#include <catch2/catch.hpp>

#include "certd/acme/csr.h"
#include "certd/acme/nonce_pool.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using namespace certd::acme;

TEST_CASE("the nonce pool hands out each nonce once, newest first", "[certd][acme]") {
  NoncePool pool;
  CHECK_FALSE(pool.take().has_value());
  pool.put("a");
  pool.put("");
  pool.put("b");
  CHECK(pool.take() == "b");
  CHECK(pool.take() == "a");
  CHECK_FALSE(pool.take().has_value());
  for (int i = 0; i < 40; ++i) pool.put(std::to_string(i));
  CHECK(pool.size() == NoncePool::kCapacity);
}

TEST_CASE("the CSR names every domain as a SAN and is signed by the certificate key",
          "[certd][acme]") {
  auto key = testing::unwrap(shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP384));
  const std::string der = testing::unwrap(buildCsr({"a.test", "b.test", "192.0.2.1"}, key));
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  X509_REQ* req = d2i_X509_REQ(nullptr, &bytes, static_cast<long>(der.size()));
  REQUIRE(req != nullptr);
  CHECK(X509_REQ_verify(req, key.get()) == 1);
  STACK_OF(X509_EXTENSION)* extensions = X509_REQ_get_extensions(req);
  REQUIRE(extensions != nullptr);
  auto* names = static_cast<GENERAL_NAMES*>(
      X509V3_get_d2i(extensions, NID_subject_alt_name, nullptr, nullptr));
  REQUIRE(names != nullptr);
  CHECK(sk_GENERAL_NAME_num(names) == 3);
  CHECK(sk_GENERAL_NAME_value(names, 2)->type == GEN_IPADD);
  GENERAL_NAMES_free(names);
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  X509_REQ_free(req);
  CHECK_FALSE(buildCsr({}, key).isOk());
}
