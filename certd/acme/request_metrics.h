#pragma once

// Process-wide counters of the ACME traffic, as the HTTP sender sees it: every request sent,
// and every failed one by type (the ACME problem's short name such as "badNonce", "http_503"
// for an error status without a problem document, "network" when no response came). Read
// by certd's /metrics. Thread-safe (a mutex; a handful of requests per certificate).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace certd::acme {

struct RequestCounts {
  std::uint64_t requests = 0;
  std::map<std::string, std::uint64_t> errors;  // by type
};

void countRequest();
void countError(std::string_view type);
RequestCounts requestCounts();

}  // namespace certd::acme
