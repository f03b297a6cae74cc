#pragma once

// Link header values (RFC 8288) as ACME uses them: `<url>;rel="alternate"` for alternate
// certificate chains (RFC 8555 §7.4.2), `rel="up"` and `rel="index"`. Pure; thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace certd::acme {

// The URLs among `header_values` (one or more Link header lines, each possibly holding
// several comma-separated links) whose rel parameter contains `rel`.
std::vector<std::string> linksWithRel(const std::vector<std::string>& header_values,
                                      std::string_view rel);

}  // namespace certd::acme
