#pragma once

// Domain names on the wire (RFC 1035 §3.1, §4.1.4). Names are held as text without the
// trailing dot ("_acme-challenge.a.test"; the root is ""); a trailing dot in input is
// accepted and dropped. Encoding never compresses; decoding follows compression pointers.
// Pure functions; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace certd::dns {

// "a.test." -> "a.test"; "." -> "". Case is kept (DNS compares names ignoring case).
std::string normalizeName(std::string_view name);

// Whether `a` and `b` are the same name, ignoring ASCII case and a trailing dot.
bool sameName(std::string_view a, std::string_view b);

// The uncompressed wire form: length-prefixed labels, then a zero byte. kInvalidArgument
// for an empty label ("a..b"), a label over 63 bytes or a name over 255 bytes.
shared::Result<std::string> encodeName(std::string_view name);

// The same in canonical form (RFC 4034 §6.2: ASCII letters lowercased), for TSIG digests.
shared::Result<std::string> encodeCanonicalName(std::string_view name);

// Reads a possibly compressed name from `message` at `offset` and moves `offset` past it
// (past the first pointer when there is one). kInvalidArgument for a truncated name, a
// pointer loop, a pointer out of the message or a name over 255 bytes.
shared::Result<std::string> decodeName(std::string_view message, std::size_t& offset);

// The parent of `name` ("a.b.test" -> "b.test", "test" -> ""); "" for the root.
std::string parentName(std::string_view name);

}  // namespace certd::dns
