#pragma once

// The server side of mcpd's TLS: one Poco Context whose SSL_CTX is configured as Mozilla's
// "intermediate" profile (TLS 1.2 and 1.3 only, AEAD ciphers with forward secrecy, X25519
// and the NIST curves), ALPN http/1.1, rotated session ticket keys, no compression and no
// renegotiation; and whose certificate is chosen per handshake by a callback that reads the
// reloader's current material, so a renewal takes effect at the next handshake without
// touching the live SSL_CTX.
//
// Control plane: makeServerContext() throws Poco::Exception when OpenSSL refuses a setting.

#include <Poco/Net/Context.h>

#include "mcpd/tls/certificate_reloader.h"
#include "mcpd/tls/ticket_keys.h"

namespace mcpd::tls {

// Mozilla's intermediate TLS 1.2 suites (TLS 1.3 suites stay at OpenSSL's defaults, which
// are the same three AEAD suites Mozilla lists).
inline constexpr const char* kIntermediateCiphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";
inline constexpr const char* kGroups = "X25519:P-256:P-384";

// `reloader` and `tickets` must outlive the context and every connection made with it.
Poco::Net::Context::Ptr makeServerContext(const CertificateReloader& reloader, TicketKeys& tickets);

}  // namespace mcpd::tls
