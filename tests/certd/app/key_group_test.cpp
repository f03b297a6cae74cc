#include "certd/app/key_group.h"

#include <grp.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "certd/app/config.h"
#include "shared/config/loader.h"

using certd::app::resolveKeyGroup;

namespace {

// The name of this process's group, which the group database always knows on a sane system.
std::string ownGroupName() {
  const group* own = ::getgrgid(::getgid());
  REQUIRE(own != nullptr);
  return own->gr_name;
}

}  // namespace

TEST_CASE("key_group resolves a group name to its gid", "[certd][config]") {
  auto group = resolveKeyGroup(ownGroupName());
  REQUIRE(group.isOk());
  REQUIRE(group.value().has_value());
  CHECK(group.value()->gid == ::getgid());
  CHECK(group.value()->name == ownGroupName());
}

TEST_CASE("key_group takes a number as a gid, named or not", "[certd][config]") {
  auto group = resolveKeyGroup("4242");
  REQUIRE(group.isOk());
  REQUIRE(group.value().has_value());
  CHECK(group.value()->gid == 4242);
  CHECK_FALSE(resolveKeyGroup("4294967295").isOk());  // (gid_t)-1: "no change" to fchown
}

TEST_CASE("an empty key_group means no group", "[certd][config]") {
  auto group = resolveKeyGroup("");
  REQUIRE(group.isOk());
  CHECK_FALSE(group.value().has_value());
}

TEST_CASE("an unknown key_group is a configuration error naming the key and the line",
          "[certd][config]") {
  certd::app::CertdConfig config;
  auto schema = certd::app::buildSchema(config);
  const auto status = shared::config::applyYamlText(
      schema, "domain: [a.example.com]\nkey_group: no-such-group-certd\n", "certd.yaml");
  REQUIRE_FALSE(status.isOk());
  CHECK(status.message() ==
        "certd.yaml:2: key_group: no group named \"no-such-group-certd\" on this system");
}

TEST_CASE("key_group from YAML reaches the configuration with its gid", "[certd][config]") {
  certd::app::CertdConfig config;
  auto schema = certd::app::buildSchema(config);
  REQUIRE(shared::config::applyYamlText(schema, "key_group: " + ownGroupName() + "\n", "certd.yaml")
              .isOk());
  REQUIRE(config.key_group.has_value());
  CHECK(certd::app::keyGroupId(config.key_group) == std::optional<gid_t>(::getgid()));
}
