// certd_store_writer: a test-only program that installs freshly generated certificates
// through certd's CertificateStore, for script tests (prepared certs directories) and the
// crash test (SIGKILLed at random instants while it installs in a loop).
//
//   certd_store_writer CERTS_DIR NAME DOMAINS COUNT [NOT_BEFORE_OFFSET NOT_AFTER_OFFSET]
//
// DOMAINS is comma-separated; COUNT 0 installs until killed. The offsets are seconds
// relative to now (default -3600 and 90 days). Prints "ready" once set up, then
// "installed GENERATION" after each install; exits 1 with the store's message on the first
// failure.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "certd/renewal/renewal_time.h"
#include "certd/store/certificate_store.h"
#include "shared/log/logging.h"
#include "shared/pki/certificate_builder.h"

namespace {

using shared::pki::CertificateBuilder;
using shared::pki::KeyType;
using shared::pki::PrivateKey;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "certd_store_writer: %s\n", message.c_str());
  std::exit(1);
}

template <class T>
T need(shared::Result<T> result) {
  if (!result) die(result.status().toString());
  return std::move(result).value();
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, ',');) parts.push_back(part);
  return parts;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 7) {
    die("usage: certd_store_writer CERTS_DIR NAME DOMAINS COUNT [NOT_BEFORE_S NOT_AFTER_S]");
  }
  (void)shared::log::setup({.level = "warn"});
  const std::string name = argv[2];
  const std::vector<std::string> domains = split(argv[3]);
  const long count = std::atol(argv[4]);
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto not_before = now + std::chrono::seconds(argc == 7 ? std::atol(argv[5]) : -3600);
  const auto not_after =
      now + std::chrono::seconds(argc == 7 ? std::atol(argv[6]) : 90L * 24 * 3600);

  const PrivateKey ca_key = need(PrivateKey::generate(KeyType::kEcP256));
  const auto ca =
      need(CertificateBuilder()
               .commonName("certd test CA")
               .ca(true)
               .validity(now - std::chrono::hours(24 * 400), now + std::chrono::hours(24 * 400))
               .selfSign(ca_key));
  certd::store::CertificateStore store(argv[1], {});
  std::printf("ready\n");  // set up; the crash test kills from here on
  std::fflush(stdout);
  for (long i = 0; count == 0 || i < count; ++i) {
    const PrivateKey key = need(PrivateKey::generate(KeyType::kEcP256));
    CertificateBuilder builder;
    for (const auto& domain : domains) builder.addDnsName(domain);
    const auto leaf = need(builder.validity(not_before, not_after).signWith(key, ca, ca_key));
    const shared::pki::CertificateChain chain{{leaf, ca}};
    const certd::store::InstallRequest request{
        domains, certd::renewal::defaultRenewalTime(leaf.notBefore(), leaf.notAfter())};
    const auto metadata = need(store.install(name, key, chain, request));
    std::printf("installed %llu\n", static_cast<unsigned long long>(metadata.generation));
    std::fflush(stdout);
  }
  return 0;
}
