#pragma once

// A protocol::Server with small fixtures for protocol and transport tests, independent
// of the documentation corpus: tools "echo" (structured output), "fail" (isError),
// "progress" (sends progress and a log message), "throws" (a bug), "wait_cancel" (runs
// until cancelled or 5 s pass) and `resource_count` resources "test://item/{i}".

#include <memory>

#include "mcpd/protocol/server.h"

namespace testing {

std::unique_ptr<mcpd::protocol::Server> makeTestServer(std::size_t resource_count = 5,
                                                       std::size_t page_size = 2);

}  // namespace testing
