#pragma once

// admitBody: reads a POST's JSON-RPC body and vets it before anything parses it, cheapest
// check first: the declared length against the cap (refused unread), the bytes read
// against the cap, then (admitJson) one pass over the bytes for syntax, values, nesting and
// batch length (jsonrpc/body_limits.h). A refusal is answered here, with an HTTP status and
// one JSON-RPC error:
//   413 + -32600  larger than the cap, or more values, nesting or batch than allowed
//   400 + -32700  not JSON (the transport spec: input the server cannot accept gets an
//                 HTTP error status, and the body may carry the JSON-RPC error)
//   400 + -32600  a batch where none may come (a request that carries no session)
// A path whose own parse checks the body under the same limits (the stateless era's)
// skips the separate pass: one scan per body, not two.
// Used by both transports on their worker threads.

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <cstddef>
#include <optional>
#include <string>

#include "mcpd/jsonrpc/body_limits.h"

namespace mcpd::transport {

struct BodyRules {
  std::size_t max_bytes = 0;
  jsonrpc::BodyLimits limits;
  bool batch_allowed = true;
  bool check_json = true;  // false: the caller calls admitJson() or parses under `limits`
};

class MemoryReturn;

// The body when it passes `rules`; nullopt when it was refused (and answered) or the
// connection broke while reading it (nobody left to answer). `memory` learns how much
// was read, refused or not.
std::optional<std::string> admitBody(Poco::Net::HTTPServerRequest& request,
                                     Poco::Net::HTTPServerResponse& response,
                                     const BodyRules& rules, MemoryReturn& memory);

// Gives freed heap memory back to the system when it goes out of scope after a large body
// was handled: an allocator keeps what a burst of large requests freed, and a server that
// faces hostile clients should not stay at its worst moment's size. Declare it before the
// body so that it runs after the body and its parsed tree are gone.
// admitBody's JSON pass on its own: true when `body` is JSON within `limits`; otherwise
// answers 400 or 413 and returns false.
bool admitJson(std::string_view body, const jsonrpc::BodyLimits& limits,
               Poco::Net::HTTPServerResponse& response);

class MemoryReturn {
 public:
  MemoryReturn() = default;
  ~MemoryReturn();
  MemoryReturn(const MemoryReturn&) = delete;
  MemoryReturn& operator=(const MemoryReturn&) = delete;

  void noteBody(std::size_t bytes) { bytes_ = bytes; }

 private:
  std::size_t bytes_ = 0;
};

// Makes every allocation of 256 KiB or more a mapping of its own, returned to the system
// the moment it is freed (glibc otherwise raises that threshold as large blocks come and
// go, and keeps them). Call once at start-up, before threads start; false when the
// allocator refused.
bool configureAllocatorForLargeBodies();

}  // namespace mcpd::transport
