#include "certd/app/config.h"

#include <grp.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>

#include "shared/config/loader.h"

using certd::app::CertdConfig;

namespace {
const shared::config::EnvLookup kNoEnv = [](const char*) -> const char* { return nullptr; };

CertdConfig withDomains(std::vector<std::string> domains) {
  CertdConfig c;
  c.domains = std::move(domains);
  return c;
}
}  // namespace

TEST_CASE("certd needs at least one domain", "[certd][config]") {
  auto problem = certd::app::checkDomains(withDomains({}));
  REQUIRE(problem);
  CHECK(problem->path == "domain");
}

TEST_CASE("certd accepts host names and IP addresses as domains", "[certd][config]") {
  CHECK_FALSE(certd::app::checkDomains(
      withDomains({"example.com", "www.example.com", "192.0.2.1", "2001:db8::1"})));
}

TEST_CASE("certd refuses malformed or repeated domains and names the item", "[certd][config]") {
  auto bad = certd::app::checkDomains(withDomains({"example.com", "exa mple.com"}));
  REQUIRE(bad);
  CHECK(bad->path == "domain[1]");
  CHECK(bad->message == "\"exa mple.com\" has the character ' ', which a host name cannot hold");
  CHECK(certd::app::checkDomains(withDomains({"localhost"}))->message ==
        "\"localhost\" needs at least two labels, as in example.com");
  CHECK(certd::app::checkDomains(withDomains({"-a.example.com"})));
  CHECK(certd::app::checkDomains(withDomains({"a.example.com", "a.example.com"}))->message ==
        "\"a.example.com\" is listed twice");
}

TEST_CASE("certd explains that a wildcard needs dns-01", "[certd][config]") {
  auto problem = certd::app::checkDomains(withDomains({"*.example.com"}));
  REQUIRE(problem);
  CHECK(problem->message ==
        "\"*.example.com\" is a wildcard, which needs the dns-01 or dns-persist-01 challenge");
}

TEST_CASE("with dns-01 a wildcard is accepted and an IP address is refused", "[certd][config]") {
  auto c = withDomains({"example.com", "*.example.com"});
  c.solver = "dns-01";
  CHECK_FALSE(certd::app::checkDomains(c));
  c.domains = {"192.0.2.1"};
  auto problem = certd::app::checkDomains(c);
  REQUIRE(problem);
  CHECK(problem->message == "\"192.0.2.1\" is an IP address, which dns-01 cannot prove");
  c.domains = {"*.exa mple.com"};
  CHECK(certd::app::checkDomains(c));
}

TEST_CASE("the dns-01 solver needs its server, TSIG key and resolvers", "[certd][config]") {
  auto c = withDomains({"example.com"});
  CHECK_FALSE(certd::app::checkDns01(c));  // not used: nothing needed
  c.solver = "dns-01";
  CHECK(certd::app::checkDns01(c)->path == "dns.server");
  c.dns_server = "127.0.0.1:5353";
  CHECK(certd::app::checkDns01(c)->path == "dns.tsig_key");
  c.dns_tsig_key = "certd-key";
  c.dns_tsig_secret = "c2VjcmV0";
  auto problem = certd::app::checkDns01(c);
  REQUIRE(problem);
  CHECK(problem->path == "dns.resolvers");
  CHECK_THAT(problem->message, Catch::Contains("never asks the system resolver"));
  c.dns_resolvers = {"127.0.0.1"};
  CHECK(certd::app::checkDns01(c)->path == "dns.resolvers[0]");
  c.dns_resolvers = {"127.0.0.1:5353"};
  CHECK_FALSE(certd::app::checkDns01(c));
}

TEST_CASE("certd checks the contact e-mail", "[certd][config]") {
  CertdConfig c;
  CHECK_FALSE(certd::app::checkEmail(c));  // none is fine
  c.email = "ops@example.com";
  CHECK_FALSE(certd::app::checkEmail(c));
  c.email = "ops.example.com";
  CHECK(certd::app::checkEmail(c)->message == "\"ops.example.com\" is not an e-mail address");
  c.email = "a@b@example.com";
  CHECK(certd::app::checkEmail(c));
}

TEST_CASE("certd resolves directory names and refuses plain http", "[certd][config]") {
  CertdConfig c;
  CHECK(c.directoryUrl() == certd::app::kLetsEncrypt);
  c.directory = "letsencrypt-staging";
  CHECK(c.directoryUrl() == certd::app::kLetsEncryptStaging);
  CHECK_FALSE(certd::app::checkDirectory(c));
  c.directory = "http://127.0.0.1:14000/dir";
  CHECK(certd::app::checkDirectory(c));
  c.directory = "https://127.0.0.1:14000/dir";
  CHECK_FALSE(certd::app::checkDirectory(c));
}

TEST_CASE("the one-certificate case is environment only", "[certd][config]") {
  CertdConfig c;
  auto schema = certd::app::buildSchema(c);
  const std::map<std::string, std::string> env{{"CERTD_DOMAIN", "a.example.com, b.example.com"},
                                               {"CERTD_EMAIL", "ops@example.com"},
                                               {"CERTD_KEY_TYPE", "rsa3072"}};
  const shared::config::EnvLookup lookup = [&env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  REQUIRE(shared::config::load(schema, {.getenv = lookup}).isOk());
  CHECK(c.domains == std::vector<std::string>{"a.example.com", "b.example.com"});
  CHECK(c.key_type == shared::pki::KeyType::kRsa3072);
  CHECK(c.stateDir() == "./certs/.certd");
}

TEST_CASE("an unknown key type in the file names the key and line", "[certd][config]") {
  CertdConfig c;
  auto schema = certd::app::buildSchema(c);
  const auto status = shared::config::applyYamlText(
      schema, "domain: [a.example.com]\nkey_type: ec512\n", "certd.yaml");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(),
             Catch::StartsWith("certd.yaml:2: key_type: ") && Catch::Contains("ec256"));
}

namespace {
// Loads `yaml` (file "certd.yaml") and then `env` into `c`; the status of the load.
shared::Status loadInto(CertdConfig& c, const std::string& yaml,
                        const std::map<std::string, std::string>& env = {}) {
  auto schema = certd::app::buildSchema(c);
  if (auto status = shared::config::applyYamlText(schema, yaml, "certd.yaml"); !status) {
    return status;
  }
  const shared::config::EnvLookup lookup = [&env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  return shared::config::load(schema, {.getenv = lookup});
}

std::string primaryGroupName() {
  const group* entry = ::getgrgid(::getgid());
  return entry == nullptr ? std::string() : entry->gr_name;
}
}  // namespace

TEST_CASE("account keys default to ES256 and take the key_type names", "[certd][config]") {
  CertdConfig defaults;
  CHECK(defaults.account_key_type == shared::pki::KeyType::kEcP256);
  CertdConfig c;
  REQUIRE(loadInto(c, "domain: [a.example.com]\naccount_key_type: rsa2048\n").isOk());
  CHECK(c.account_key_type == shared::pki::KeyType::kRsa2048);
  CertdConfig from_env;
  REQUIRE(loadInto(from_env, "domain: [a.example.com]\naccount_key_type: rsa2048\n",
                   {{"CERTD_ACCOUNT_KEY_TYPE", "ec384"}})
              .isOk());
  CHECK(from_env.account_key_type == shared::pki::KeyType::kEcP384);
}

TEST_CASE("an unknown account key type names the key and line", "[certd][config]") {
  CertdConfig c;
  const auto status = loadInto(c, "domain: [a.example.com]\n\naccount_key_type: es256\n");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(),
             Catch::StartsWith("certd.yaml:3: account_key_type: ") && Catch::Contains("rsa2048"));
}

TEST_CASE("keep_generations defaults to 3 and refuses 0 and words", "[certd][config]") {
  CertdConfig defaults;
  CHECK(defaults.keep_generations == 3);
  CertdConfig c;
  REQUIRE(loadInto(c, "domain: [a.example.com]\nkeep_generations: 1\n").isOk());
  CHECK(c.keep_generations == 1);
  CertdConfig from_env;
  REQUIRE(
      loadInto(from_env, "domain: [a.example.com]\n", {{"CERTD_KEEP_GENERATIONS", "7"}}).isOk());
  CHECK(from_env.keep_generations == 7);
  CertdConfig zero;
  auto status = loadInto(zero, "domain: [a.example.com]\nkeep_generations: 0\n");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(), Catch::StartsWith("certd.yaml:2: keep_generations: "));
  CertdConfig word;
  status = loadInto(word, "domain: [a.example.com]\nkeep_generations: all\n");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(), Catch::StartsWith("certd.yaml:2: keep_generations: "));
}

TEST_CASE("key_group takes a group name or a number", "[certd][config]") {
  CertdConfig defaults;
  CHECK_FALSE(defaults.key_group);
  const std::string name = primaryGroupName();
  REQUIRE_FALSE(name.empty());
  CertdConfig by_name;
  REQUIRE(loadInto(by_name, "domain: [a.example.com]\nkey_group: " + name + "\n").isOk());
  REQUIRE(by_name.key_group);
  CHECK(by_name.key_group->gid == ::getgid());
  CertdConfig by_number;
  REQUIRE(loadInto(by_number, "domain: [a.example.com]\n", {{"CERTD_KEY_GROUP", "4242"}}).isOk());
  REQUIRE(by_number.key_group);
  CHECK(by_number.key_group->gid == 4242);
}

TEST_CASE("an unknown key_group or a bad gid names the key and line", "[certd][config]") {
  CertdConfig unknown;
  auto status = loadInto(unknown, "domain: [a.example.com]\nkey_group: no-such-group-certd\n");
  REQUIRE_FALSE(status.isOk());
  CHECK(status.message() ==
        "certd.yaml:2: key_group: no group named \"no-such-group-certd\" on this system");
  CertdConfig huge;
  status = loadInto(huge, "domain: [a.example.com]\n\nkey_group: 99999999999\n");
  REQUIRE_FALSE(status.isOk());
  CHECK(status.message() ==
        "certd.yaml:3: key_group: group number \"99999999999\" is out of range");
  CertdConfig from_env;
  status = loadInto(from_env, "domain: [a.example.com]\n", {{"CERTD_KEY_GROUP", "4294967295"}});
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(), Catch::StartsWith("environment CERTD_KEY_GROUP: key_group: "));
}

TEST_CASE("max_concurrent_orders defaults to 4 and stays between 1 and 32", "[certd][config]") {
  CertdConfig defaults;
  CHECK(defaults.max_concurrent_orders == 4);
  CertdConfig c;
  REQUIRE(loadInto(c, "domain: [a.example.com]\n", {{"CERTD_MAX_CONCURRENT_ORDERS", "1"}}).isOk());
  CHECK(c.max_concurrent_orders == 1);
  CertdConfig zero;
  const auto status = loadInto(zero, "domain: [a.example.com]\nmax_concurrent_orders: 0\n");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(), Catch::StartsWith("certd.yaml:2: max_concurrent_orders: "));
  CertdConfig many;
  CHECK_FALSE(loadInto(many, "domain: [a.example.com]\nmax_concurrent_orders: 33\n").isOk());
}
