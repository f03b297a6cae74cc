#pragma once

// Constants the conformance fixtures share: tiny media payloads and the URIs the MCP
// conformance suite (@modelcontextprotocol/conformance, server scenarios) asks for.

namespace conformance {

// A 1x1 red PNG, base64.
inline constexpr const char* kPngBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg"
    "==";

// A minimal WAV file (one silent 16-bit sample at 8 kHz), base64.
inline constexpr const char* kWavBase64 =
    "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

inline constexpr const char* kStaticTextUri = "test://static-text";
inline constexpr const char* kStaticBinaryUri = "test://static-binary";
inline constexpr const char* kWatchedUri = "test://watched-resource";
inline constexpr const char* kTemplateUri = "test://template/{id}/data";

}  // namespace conformance
