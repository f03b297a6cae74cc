#pragma once

// Waiting for the server (RFC 8555 §7.5.1, §7.4): after one short back-off step, re-fetch an
// authorization or order with POST-as-GET until it leaves its transient state. Between fetches it
// waits the response's Retry-After when present, else the client's capped exponential back-off with
// jitter; it gives up after options().poll_timeout. Not thread-safe (the client is not).

#include <chrono>
#include <optional>
#include <string>

#include "certd/acme/client.h"
#include "certd/acme/resources.h"

namespace certd::acme {

// Until the authorization is no longer "pending" (valid, invalid, expired, ...).
// kUnavailable "acme: authorization URL still pending after 120 s" at the deadline.
// `first_wait`: the Retry-After of the request that started the wait (challenge response),
// used instead of the first back-off step.
shared::Result<Authorization> pollAuthorization(
    AcmeClient& client, const std::string& url,
    std::optional<std::chrono::milliseconds> first_wait = std::nullopt);

// Until the order is neither "pending" nor "processing" (ready, valid, invalid).
shared::Result<Order> pollOrder(AcmeClient& client, const std::string& url,
                                std::optional<std::chrono::milliseconds> first_wait = std::nullopt);

}  // namespace certd::acme
