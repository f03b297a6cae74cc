#pragma once

// ClientConnection: one accepted client connection as it moves between the front thread
// (while it completes a TLS handshake, sends a request, or sits idle between requests)
// and a worker thread (while a request is served). Exactly one thread owns it at a time;
// it is handed over by moving the unique_ptr.

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <string>

#include "shared/http/client_limit.h"

namespace shared::http {

struct ClientConnection {
  enum class Phase {
    kProxyHeader,  // waiting for the PROXY protocol header (before TLS)
    kHandshake,    // TLS handshake under way
    kHead,         // waiting for the rest of a request the client started
    kIdle,         // between requests: nothing received yet
    kClosing,      // answered with an error and shut for writing: input is read and dropped
  };

  Poco::Net::StreamSocket socket;  // non-blocking; a SecureStreamSocket for TLS
  int fd = -1;
  Poco::Net::SocketAddress peer;  // the client: the TCP peer, or what its PROXY header says
  bool proxied_tls = false;       // the PROXY header says the client spoke TLS to the proxy
  ClientLimit::Slot slot;         // this connection's place in its client's cap
  Phase phase = Phase::kIdle;
  std::string unread;  // received, not yet served
  std::chrono::steady_clock::time_point deadline;
  std::chrono::steady_clock::time_point body_since{};  // the head was whole; a body follows
  bool waits_for_write = false;                        // TLS wants to write before it can read on
  int served = 0;                                      // requests answered on this connection
};

}  // namespace shared::http
