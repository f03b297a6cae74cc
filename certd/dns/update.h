#pragma once

// RFC 2136 UPDATE messages for one TXT record, built with libldns (ldns_update_pkt_new):
// the zone section names the zone, there are no prerequisites, and the update section adds
// one RR or deletes exactly one RR by its value (class NONE, §2.5.4), so other TXT values
// at the same name (a name and its wildcard share `_acme-challenge.x`) are left alone. A bad
// name gives a Message holding the error (see message.h). Pure; thread-safe.

#include <cstdint>
#include <string_view>

#include "certd/dns/message.h"

namespace certd::dns {

// Adds `name` TXT `value` with `ttl` in `zone` (RFC 2136 §2.5.1). Values over 255 bytes
// are split into several <character-string>s.
Message addTxtUpdate(std::string_view zone, std::string_view name, std::string_view value,
                     std::uint32_t ttl, std::uint16_t id);

// Deletes the one RR `name` TXT `value` from `zone` (RFC 2136 §2.5.4: class NONE, TTL 0).
Message deleteTxtUpdate(std::string_view zone, std::string_view name, std::string_view value,
                        std::uint16_t id);

}  // namespace certd::dns
