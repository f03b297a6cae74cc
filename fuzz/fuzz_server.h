#pragma once

// The MCP server both fuzz targets exercise: mcpd's own (search and fetch over the
// built-in corpus), with logging off. Built once per process; aborts if it cannot be.

#include <cstdlib>
#include <memory>

#include "mcpd/app/mcp_server.h"
#include "mcpd/corpus/builtin.h"
#include "mcpd/search/index.h"
#include "shared/log/logging.h"

namespace fuzz {

inline std::unique_ptr<mcpd::protocol::Server> buildFuzzServer() {
  (void)shared::log::setup({.level = "off"});
  auto corpus = std::make_shared<mcpd::corpus::Corpus>(mcpd::corpus::builtinCorpus());
  auto index = mcpd::search::Index::build(corpus);
  if (!index) std::abort();
  return mcpd::app::buildMcpServer(std::make_shared<mcpd::docs::Library>(*index));
}

}  // namespace fuzz
