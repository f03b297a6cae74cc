#pragma once

// The test_* tools of the MCP conformance suite's server scenarios, on mcpd's protocol
// layer. Content tools return fixed results (text, image, audio, embedded resource, a
// mix, an error, a JSON Schema 2020-12 input schema); interactive tools use the
// RequestContext (log messages, progress, sampling and elicitation requests to the
// client) or tell subscribers that the watched resource changed. Tools are immutable and
// may run on many threads at once.

#include <memory>

#include "mcpd/protocol/server.h"
#include "tests/mcp/conformance_server/fixture_resources.h"

namespace conformance {

// test_simple_text, test_image_content, test_audio_content, test_embedded_resource,
// test_multiple_content_types, test_error_handling, json_schema_2020_12_tool.
void addContentTools(mcpd::protocol::Server& server);

// test_tool_with_logging, test_tool_with_progress, test_sampling, test_elicitation,
// test_elicitation_sep1034_defaults, test_elicitation_sep1330_enums, and
// test_touch_watched_resource, which changes the watched resource of `resources` and
// notifies its subscribers through `server` (the server the tools are added to).
void addInteractiveTools(mcpd::protocol::Server& server,
                         std::shared_ptr<const FixtureResources> resources);

// The 2026-07-28 tools: test_input_required_result_* (multi round-trip requests), the
// stateless scenario's diagnostics (test_missing_capability, test_streaming_elicitation,
// test_logging_tool) and test_header_param (an x-mcp-header parameter, SEP-2243).
void addRoundTripTools(mcpd::protocol::Server& server);

}  // namespace conformance
