#pragma once

// Queries to a named server (a resolver or an authoritative server from config), never the
// system resolver: TXT values, NS names, A addresses, and zone discovery by SOA. Each call
// sends one question and obeys `deadline`; libldns builds and parses the messages. Over UDP
// an answer whose ID or question differs from ours is dropped and the wait goes on (a
// spoofed or stale answer cannot end the query). Thread-safe (no state).

#include <string>
#include <string_view>
#include <vector>

#include "certd/dns/message.h"
#include "certd/dns/transport.h"
#include "shared/net/host_port.h"
#include "shared/result.h"

namespace certd::dns {

// Whether `answer` is a response to `request`'s question: QR set, one question, same name
// (ignoring case), type and class. Pure; exposed for the fuzz target and tests.
bool answersQuestion(const Message& answer, const Message& request);

// The values of the `type` records owned by `name` in the answer section, as text: TXT as
// each record's strings joined, A dotted ("127.0.0.1"), NS the name ("ns.test").
// kInvalidArgument for RDATA that is not what its type says. Pure; exposed for the fuzz
// target and tests.
shared::Result<std::vector<std::string>> answerValues(const Message& answer, std::string_view name,
                                                      std::uint16_t type);

// The answer to `name`/`type` from `server` with RD set. NOERROR and NXDOMAIN answers are
// returned (check header.rcode); any other RCODE is an error naming it:
// "dns: query a.test TXT at 127.0.0.1:53: REFUSED".
shared::Result<Message> query(const shared::net::HostPort& server, std::string_view name,
                              std::uint16_t type, Deadline deadline);

// The TXT values at `name` (each record's strings concatenated); empty when the name or
// the type does not exist.
shared::Result<std::vector<std::string>> queryTxt(const shared::net::HostPort& server,
                                                  std::string_view name, Deadline deadline);

// The NS names of `zone`; kNotFound when it has none.
shared::Result<std::vector<std::string>> queryNs(const shared::net::HostPort& server,
                                                 std::string_view zone, Deadline deadline);

// The IPv4 addresses of `name` (dotted); kNotFound when it has none.
shared::Result<std::vector<std::string>> queryA(const shared::net::HostPort& server,
                                                std::string_view name, Deadline deadline);

// The zone holding `name`: asks the resolvers, in order, for the SOA of `name`, then of
// each parent, until one answers with an SOA owned by the name asked (or names the zone in
// its authority section). kNotFound "dns: no zone found for a.test via 127.0.0.1:53".
shared::Result<std::string> findZone(const std::vector<shared::net::HostPort>& resolvers,
                                     std::string_view name, Deadline deadline);

// A random message ID (RFC 5452 §4.3: unpredictable IDs make spoofing harder).
std::uint16_t randomId();

}  // namespace certd::dns
