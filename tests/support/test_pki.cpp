#include "tests/support/test_pki.h"

#include <chrono>

#include "shared/pki/certificate_builder.h"

namespace testing {

using shared::pki::Certificate;
using shared::pki::CertificateBuilder;
using shared::pki::KeyType;
using shared::pki::PrivateKey;

shared::Clock::TimePoint utc(int year, unsigned month, unsigned day, int hour, int minute,
                             int second) {
  using namespace std::chrono;
  return sys_days{year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                 std::chrono::day{day}}} +
         hours{hour} + minutes{minute} + seconds{second};
}

TestPki makeTestPki(KeyType leaf_key_type) {
  PrivateKey root_key = unwrap(PrivateKey::generate(KeyType::kEcP256));
  PrivateKey intermediate_key = unwrap(PrivateKey::generate(KeyType::kEcP256));
  PrivateKey leaf_key = unwrap(PrivateKey::generate(leaf_key_type));
  auto from = utc(2020, 1, 1);
  auto to = utc(2040, 1, 1);
  Certificate root = unwrap(CertificateBuilder()
                                .commonName("Test Root CA")
                                .ca(true)
                                .validity(from, to)
                                .selfSign(root_key));
  Certificate intermediate = unwrap(CertificateBuilder()
                                        .commonName("Test Intermediate CA")
                                        .ca(true)
                                        .validity(from, to)
                                        .signWith(intermediate_key, root, root_key));
  Certificate leaf = unwrap(CertificateBuilder()
                                .commonName("leaf.example.com")
                                .addDnsName("leaf.example.com")
                                .addDnsName("www.example.com")
                                .validity(from, to)
                                .signWith(leaf_key, intermediate, intermediate_key));
  return TestPki{root_key, root, intermediate_key, intermediate, leaf_key, leaf};
}

Certificate selfSignedLeaf(const PrivateKey& key, std::initializer_list<std::string> dns_names) {
  CertificateBuilder builder;
  for (const std::string& name : dns_names) builder.addDnsName(name);
  return unwrap(builder.selfSign(key));
}

}  // namespace testing
