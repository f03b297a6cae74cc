// libFuzzer target: arbitrary bytes from an ACME server, as every parser of certd's ACME
// client sees them (directory, account, order, authorization, challenge, renewalInfo and
// problem documents, the PEM chain of a certificate download, Link and Retry-After headers).
// None may crash, leak, throw or trip a sanitizer; errors must come back as Status.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "certd/acme/directory.h"
#include "certd/acme/link_header.h"
#include "certd/acme/problem.h"
#include "certd/acme/resources.h"
#include "certd/acme/retry_after.h"
#include "certd/renewal/renewal_info.h"
#include "shared/pki/certificate_chain.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)certd::acme::parseDirectory(body);
  (void)certd::acme::parseAccount(body);
  (void)certd::acme::parseOrder(body);
  (void)certd::acme::parseAuthorization(body);
  (void)certd::acme::parseChallenge(body);
  (void)certd::renewal::parseRenewalInfo(body);
  if (auto problem = certd::acme::parseProblem(body)) (void)problem->describe();
  if (auto chain = shared::pki::parseChainPem(body)) (void)shared::pki::toPem(*chain);
  (void)certd::acme::linksWithRel({std::string(body)}, "alternate");
  (void)certd::acme::parseRetryAfter(body, shared::Clock::TimePoint{});
  return 0;
}
