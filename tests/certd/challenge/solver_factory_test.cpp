#include "certd/challenge/solver_factory.h"

#include <catch2/catch.hpp>

using namespace certd::challenge;

TEST_CASE("the solver factory builds the solver of each configured kind", "[certd][challenge]") {
  SolverSettings settings;
  settings.http01_listen = {"127.0.0.1", 0};
  settings.tls_alpn01_listen = {"127.0.0.1", 0};
  CHECK(makeSolver({SolverKind::kStandalone}, settings)->challengeType() == "http-01");
  CHECK(makeSolver({SolverKind::kWebroot, "/srv/www"}, settings)->challengeType() == "http-01");
  CHECK(makeSolver({SolverKind::kDns01}, settings)->challengeType() == "dns-01");
  CHECK(makeSolver({SolverKind::kTlsAlpn01}, settings)->challengeType() == "tls-alpn-01");
}

TEST_CASE("solver kinds read and print as the config names them", "[certd][challenge]") {
  for (SolverKind kind : {SolverKind::kStandalone, SolverKind::kWebroot, SolverKind::kDns01,
                          SolverKind::kTlsAlpn01}) {
    CHECK(parseSolverKind(solverKindName(kind)) == kind);
  }
  CHECK_FALSE(parseSolverKind("http-01"));
  CHECK(SolverChoice{SolverKind::kWebroot, "/a"}.sharingKey() !=
        SolverChoice{SolverKind::kWebroot, "/b"}.sharingKey());
}
