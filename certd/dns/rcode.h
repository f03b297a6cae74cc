#pragma once

// Response codes (RFC 1035 §4.1.1, RFC 2136 §2.2, RFC 8945 §3 TSIG errors) and the Status
// that names them, so an operator reads "NOTAUTH" rather than a number. Pure; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/status.h"

namespace certd::dns {

enum class Rcode : std::uint16_t {
  kNoError = 0,
  kFormErr = 1,
  kServFail = 2,
  kNxDomain = 3,
  kNotImp = 4,
  kRefused = 5,
  kYxDomain = 6,
  kYxRrset = 7,
  kNxRrset = 8,
  kNotAuth = 9,
  kNotZone = 10,
  kBadSig = 16,  // TSIG error field only (RFC 8945 §3)
  kBadKey = 17,
  kBadTime = 18,
  kBadTrunc = 22,
};

// "NOERROR", "NOTAUTH", "BADSIG", ... or "RCODE42" for a code without a name.
std::string rcodeName(std::uint16_t code);

// Ok for NOERROR; otherwise an error "dns: <what> at <server>: <NAME>" plus
// " (TSIG error <NAME>)" when `tsig_error` is not 0. NOTAUTH/REFUSED/BADKEY/BADSIG map to
// kPermissionDenied, SERVFAIL/BADTIME to kUnavailable, NXDOMAIN to kNotFound, others to
// kIoError.
shared::Status rcodeStatus(std::uint16_t rcode, std::uint16_t tsig_error, std::string_view what,
                           std::string_view server);

}  // namespace certd::dns
