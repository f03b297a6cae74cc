#include "mcpd/app/mcp_server.h"

#include "mcpd/docs/docs_prompts.h"
#include "mcpd/docs/document_resources.h"
#include "mcpd/docs/fetch_tool.h"
#include "mcpd/docs/search_tool.h"
#include "shared/version.h"

namespace mcpd::app {
namespace {

constexpr const char* kInstructions =
    "This server gives access to a documentation collection. To answer a question from it, "
    "call `search` with a few distinctive keywords (not a whole sentence); each result has an "
    "id, a title, a URL and a snippet with the matched words in bold. Then call `fetch` with the "
    "id of the most promising results to read those pages in full (Markdown), and cite their "
    "URLs. Search understands \"exact phrases\", AND, OR, NOT, -excluded words and trailing* "
    "wildcards; pass `language` (an ISO 639-1 code such as de) to search pages in one "
    "language only. The same pages are resources at mcpd://docs/{id}.";

}  // namespace

std::unique_ptr<protocol::Server> buildMcpServer(std::shared_ptr<const docs::Library> library) {
  auto server = std::make_unique<protocol::Server>(protocol::ServerInfo{
      .name = "mcpd",
      .title = "mcpd documentation server",
      .version = shared::kVersion,
      .instructions = kInstructions,
  });
  server->addTool(std::make_shared<docs::SearchTool>(library));
  server->addTool(std::make_shared<docs::FetchTool>(library));
  server->setResources(std::make_shared<docs::DocumentResources>(library));
  server->setPrompts(std::make_shared<docs::DocsPrompts>());
  return server;
}

}  // namespace mcpd::app
