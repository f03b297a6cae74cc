#pragma once

// RDATA of the record types the solvers read and write: TXT (RFC 1035 §3.3.14), A
// (§3.4.1) and NS (§3.3.11, names already expanded by parseMessage). Pure; thread-safe.

#include <string>
#include <string_view>

#include "shared/result.h"

namespace certd::dns {

// TXT RDATA holding `value` as one or more <character-string>s of at most 255 bytes.
std::string txtRdata(std::string_view value);

// The <character-string>s of TXT RDATA concatenated (RFC 7208 §3.3 style); kInvalidArgument
// when a length byte runs past the end.
shared::Result<std::string> parseTxtRdata(std::string_view rdata);

// A RDATA as dotted text ("127.0.0.1"); kInvalidArgument unless exactly 4 bytes.
shared::Result<std::string> parseARdata(std::string_view rdata);

// The name in NS (or CNAME) RDATA.
shared::Result<std::string> parseNameRdata(std::string_view rdata);

}  // namespace certd::dns
