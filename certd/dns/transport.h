#pragma once

// Sends one DNS message to a server and returns the raw answer: UDP first, and TCP
// (RFC 1035 §4.2.2, two-byte length prefix) when the UDP answer has TC set or the message
// is too big for UDP. Plain POSIX sockets; the server is an IP literal, never a name, so no
// system resolver is ever consulted. Every step obeys one deadline. Thread-safe (no state).

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "shared/net/host_port.h"
#include "shared/result.h"

namespace certd::dns {

using Deadline = std::chrono::steady_clock::time_point;

// Whether an answer with the right ID is the one we wait for (for a query: it echoes our
// question). An empty filter accepts every answer with the right ID.
using AnswerFilter = std::function<bool(std::string_view answer)>;

// The answer to `query` (whose first two bytes are its ID) from `server`. UDP answers with
// another ID, or that `accept` refuses, are ignored and the wait goes on. Errors name the server:
// "dns: 127.0.0.1:5353: no answer within 2000ms" (kUnavailable), "dns: server \"ns.test\" is not an
// IP address" (kInvalidArgument), connection and socket errors from errno (kIoError/kUnavailable).
shared::Result<std::string> exchange(const shared::net::HostPort& server, std::string_view query,
                                     Deadline deadline, const AnswerFilter& accept = {});

// The same over TCP only.
shared::Result<std::string> exchangeTcp(const shared::net::HostPort& server, std::string_view query,
                                        Deadline deadline);

}  // namespace certd::dns
