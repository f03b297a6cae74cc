// Test-only driver: obtains one certificate from an ACME CA with the dns-01 (RFC 2136) or
// tls-alpn-01 solver through certd/issue, without certd's app layer. Prints the issued
// leaf's subjectAltNames, one per line. Used by solver_issuance_test.sh against Pebble.
//
//   certd_solver_issue DIRECTORY_URL CA_BUNDLE STATE_DIR dns-01|tls-alpn-01 DOMAIN...
//   dns-01 reads DNS_SERVER (host:port), DNS_KEY_NAME, DNS_SECRET (base64) from the
//   environment; tls-alpn-01 reads TLS_LISTEN (host:port).

#include <Poco/Exception.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "certd/acme/client.h"
#include "certd/acme/jws.h"
#include "certd/challenge/dns01_rfc2136.h"
#include "certd/challenge/tls_alpn01.h"
#include "certd/issue/account_setup.h"
#include "certd/issue/issuer.h"
#include "certd/state/account_store.h"
#include "shared/log/logging.h"
#include "shared/net/host_port.h"

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

int failWith(const shared::Status& status) {
  std::cerr << "certd_solver_issue: " << status.message() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: certd_solver_issue DIRECTORY CA_BUNDLE STATE_DIR SOLVER DOMAIN...\n";
    return 64;
  }
  if (shared::Status logging = shared::log::setup({"debug", "text"}); !logging) {
    std::cerr << logging.message() << "\n";
    return 70;
  }
  const std::string directory = argv[1];
  const std::string solver_name = argv[4];
  std::unique_ptr<certd::challenge::Solver> solver;
  if (solver_name == "dns-01") {
    auto server = shared::net::parseHostPort(env("DNS_SERVER"));
    if (!server) return failWith(server.status());
    certd::challenge::Dns01Rfc2136Options options;
    options.server = *server;
    options.tsig_key_name = env("DNS_KEY_NAME");
    options.tsig_secret = env("DNS_SECRET");
    options.ttl = 0;
    options.propagation.resolvers = {*server};
    options.propagation.authoritative_servers = {*server};
    options.propagation.timeout = std::chrono::seconds(20);
    options.propagation.poll_interval = std::chrono::milliseconds(200);
    solver = std::make_unique<certd::challenge::Dns01Rfc2136>(options);
  } else if (solver_name == "tls-alpn-01") {
    auto listen = shared::net::parseHostPort(env("TLS_LISTEN"));
    if (!listen) return failWith(listen.status());
    solver = std::make_unique<certd::challenge::TlsAlpn01>(*listen);
  } else {
    std::cerr << "certd_solver_issue: unknown solver " << solver_name << "\n";
    return 64;
  }

  certd::state::AccountStore store(argv[3], directory);
  bool fresh_key = false;
  auto key = store.loadOrCreateKey(shared::pki::KeyType::kEcP256, fresh_key);
  if (!key) return failWith(key.status());
  auto signer = certd::acme::JwsSigner::create(std::move(key).value());
  if (!signer) return failWith(signer.status());
  std::unique_ptr<certd::acme::AcmeClient> client;
  try {
    certd::acme::ClientOptions options;
    options.directory_url = directory;
    options.http.ca_bundle = argv[2];
    client = std::make_unique<certd::acme::AcmeClient>(options, std::move(signer).value());
  } catch (const Poco::Exception& e) {
    return failWith(shared::Status::invalidArgument(e.displayText()));
  }
  if (auto status = client->loadDirectory(); !status) return failWith(status);
  if (auto status = certd::issue::ensureAccount(*client, store, {{"a@foo.test"}, {}}, fresh_key);
      !status) {
    return failWith(status);
  }
  certd::issue::IssueRequest request;
  for (int i = 5; i < argc; ++i) request.domains.emplace_back(argv[i]);
  auto issued = certd::issue::issueCertificate(*client, *solver, request);
  if (!issued) return failWith(issued.status());
  for (const std::string& name : issued->chain.leaf().subjectAltNames()) std::cout << name << "\n";
  return 0;
}
