#include "certd/acme/problem.h"

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using certd::acme::parseProblem;

// Recorded from RFC 8555 §6.7.1's example (a newOrder with two refused identifiers).
static const char* kCompound = R"({
  "type": "urn:ietf:params:acme:error:malformed",
  "detail": "Some of the identifiers requested were rejected",
  "subproblems": [
    {"type": "urn:ietf:params:acme:error:malformed",
     "detail": "Invalid underscore in DNS name \"_example.org\"",
     "identifier": {"type": "dns", "value": "_example.org"}},
    {"type": "urn:ietf:params:acme:error:rejectedIdentifier",
     "detail": "This CA will not issue for \"example.net\"",
     "identifier": {"type": "dns", "value": "example.net"}}
  ]
})";

TEST_CASE("a problem document parses into its type, detail and subproblems with identifiers",
          "[certd][acme]") {
  auto problem = testing::unwrap(parseProblem(kCompound));
  CHECK(problem.type == "urn:ietf:params:acme:error:malformed");
  CHECK(problem.is(certd::acme::error::kMalformed));
  CHECK(problem.detail == "Some of the identifiers requested were rejected");
  REQUIRE(problem.subproblems.size() == 2);
  CHECK(problem.subproblems[1].type == "urn:ietf:params:acme:error:rejectedIdentifier");
  REQUIRE(problem.subproblems[1].identifier.has_value());
  CHECK(problem.subproblems[1].identifier->value == "example.net");
  CHECK(problem.describe() ==
        "malformed: Some of the identifiers requested were rejected; _example.org: malformed: "
        "Invalid underscore in DNS name \"_example.org\"; example.net: rejectedIdentifier: This "
        "CA will not issue for \"example.net\"");
}

TEST_CASE("a Pebble badNonce problem parses with its HTTP status", "[certd][acme]") {
  // Recorded from Pebble 2.4.0 with PEBBLE_WFE_NONCEREJECT=50.
  auto problem = testing::unwrap(parseProblem(
      R"({"type":"urn:ietf:params:acme:error:badNonce","detail":"JWS has an invalid anti-replay nonce: \"abc\"","status":400})"));
  CHECK(problem.is(certd::acme::error::kBadNonce));
  CHECK(problem.status == 400);
  CHECK(problem.subproblems.empty());
}

TEST_CASE("a problem outside the ACME namespace keeps its type and has no short name",
          "[certd][acme]") {
  auto problem = testing::unwrap(parseProblem(R"({"detail":"oops"})"));
  CHECK(problem.type == "about:blank");
  CHECK(problem.shortType().empty());
  CHECK(problem.describe() == "about:blank: oops");
}

TEST_CASE("a problem body that is not a JSON object is an error, not a throw", "[certd][acme]") {
  CHECK_FALSE(parseProblem("<html>502 Bad Gateway</html>").isOk());
  CHECK_FALSE(parseProblem("[1,2]").isOk());
  CHECK_FALSE(parseProblem("").isOk());
  // Members of the wrong JSON type are treated as absent.
  auto odd = testing::unwrap(parseProblem(R"({"type":5,"detail":[],"subproblems":{}})"));
  CHECK(odd.type == "about:blank");
}
