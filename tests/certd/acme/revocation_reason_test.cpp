#include "certd/acme/revocation_reason.h"

#include <catch2/catch.hpp>

using namespace certd::acme;

TEST_CASE("revocation reasons are accepted by RFC 5280 name or code", "[certd][acme]") {
  CHECK(parseRevocationReason("keyCompromise") == 1);
  CHECK(parseRevocationReason("keycompromise") == 1);
  CHECK(parseRevocationReason("1") == 1);
  CHECK(parseRevocationReason("unspecified") == 0);
  CHECK(parseRevocationReason("0") == 0);
  CHECK(parseRevocationReason("affiliationChanged") == 3);
  CHECK(parseRevocationReason("superseded") == 4);
  CHECK(parseRevocationReason("cessationOfOperation") == 5);
  CHECK(revocationReasonName(4) == "superseded");
}

TEST_CASE("reasons only a CA may give, and unused codes, are refused", "[certd][acme]") {
  for (const char* text : {"cACompromise", "2", "certificateHold", "6", "7", "removeFromCRL", "8",
                           "privilegeWithdrawn", "9", "aACompromise", "10", "", "01", " 1"}) {
    INFO(text);
    CHECK_FALSE(parseRevocationReason(text).has_value());
  }
  CHECK(revocationReasonName(2).empty());
  CHECK(revocationReasonList() ==
        "unspecified (0), keyCompromise (1), affiliationChanged (3), superseded (4), "
        "cessationOfOperation (5)");
}
