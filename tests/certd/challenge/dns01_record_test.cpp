#include "certd/challenge/dns01_record.h"

#include <catch2/catch.hpp>

using certd::challenge::dns01RecordName;
using certd::challenge::dns01TxtValue;

TEST_CASE("the dns-01 record name drops a wildcard label", "[certd][challenge]") {
  CHECK(dns01RecordName("a.test") == "_acme-challenge.a.test");
  CHECK(dns01RecordName("*.a.test") == "_acme-challenge.a.test");
  CHECK(dns01RecordName("a.test.") == "_acme-challenge.a.test");
}

TEST_CASE("the dns-01 TXT value is base64url of SHA-256 of the key authorization",
          "[certd][challenge]") {
  // Computed with: printf '<keyauth>' | openssl dgst -sha256 -binary | basenc --base64url
  CHECK(dns01TxtValue("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA."
                      "9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI") ==
        "lCM7cZyQXcVHK2nnW3jjAhNT3Fvm18UN-kWZZknKoYM");
  CHECK(dns01TxtValue("x").size() == 43);
}
