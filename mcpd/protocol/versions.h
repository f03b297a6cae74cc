#pragma once

// The MCP protocol revisions mcpd speaks, and what each one allows. Revisions are dates,
// so later ones compare greater as strings. Two eras: the legacy revisions (2024-11-05 to
// 2025-11-25) open a session with initialize; the modern one (2026-07-28) is stateless and
// every request carries its revision in _meta.

#include <array>
#include <string>
#include <string_view>

namespace mcpd::protocol {

inline constexpr std::array<std::string_view, 4> kSupportedVersions = {"2025-11-25", "2025-06-18",
                                                                       "2025-03-26", "2024-11-05"};
inline constexpr std::string_view kLatestVersion = kSupportedVersions.front();

// The stateless revision, served without a session.
inline constexpr std::string_view kModernVersion = "2026-07-28";

// Every revision mcpd speaks, newest first: what server/discover and
// UnsupportedProtocolVersionError list.
inline constexpr std::array<std::string_view, 5> kAllVersions = {
    kModernVersion, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"};

// The version a Streamable HTTP server assumes when a request has no
// MCP-Protocol-Version header (2025-06-18 transports spec).
inline constexpr std::string_view kDefaultHttpVersion = "2025-03-26";

// A legacy (initialize-based) revision mcpd speaks.
bool isSupportedVersion(std::string_view version);

// Lifecycle, version negotiation: echo the client's version when supported, else offer
// the newest one and let the client decide whether to disconnect.
std::string negotiateVersion(std::string_view requested);

// JSON-RPC batches exist only in 2025-03-26 (added there, removed in 2025-06-18).
bool allowsBatches(std::string_view version);

// Tool output schemas, structuredContent and top-level titles arrived in 2025-06-18.
bool hasStructuredOutput(std::string_view version);

// Tool annotations arrived in 2025-03-26.
bool hasToolAnnotations(std::string_view version);

}  // namespace mcpd::protocol
