#pragma once

// Sends a TSIG-signed RFC 2136 UPDATE to a primary server and checks its answer: the RCODE
// (and TSIG error) is turned into a Status naming it and the server, and a NOERROR answer
// must carry a valid TSIG signature. Thread-safe (no state).

#include <cstdint>
#include <string_view>

#include "certd/dns/message.h"
#include "certd/dns/transport.h"
#include "certd/dns/tsig.h"
#include "shared/net/host_port.h"
#include "shared/status.h"

namespace certd::dns {

// Signs `update` with `key` (libldns signs at the system clock's time, with 300 s of
// fudge) and sends it to `server` (UDP, TCP when truncated); `now_seconds` checks the time
// of the signed answer. Errors: "dns: update _acme-challenge.a.test at 127.0.0.1:5353:
// NOTAUTH (TSIG error BADSIG)", transport errors, "dns: update ... at ...: tsig: response
// TSIG MAC does not match".
shared::Status sendUpdate(const shared::net::HostPort& server, const TsigKey& key,
                          const Message& update, std::uint64_t now_seconds, Deadline deadline);

// The same for an update `signed_request` that tsigSign already signed with `key`.
shared::Status sendSignedUpdate(const shared::net::HostPort& server, const TsigKey& key,
                                const Message& update, const SignedRequest& signed_request,
                                std::uint64_t now_seconds, Deadline deadline);

}  // namespace certd::dns
