#pragma once

// Small HTTP helpers both transports share: reading a body under a size cap, checking
// media types in Content-Type and Accept, answering with an HTTP status plus a JSON-RPC
// error body, and writing Server-Sent Events. They adapt Poco and never throw: Poco
// exceptions from a broken connection become false / an error Status.

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <ostream>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace mcpd::transport {

// The request body, or an error when it is larger than `max_bytes` (code kUnavailable,
// which callers answer with 413) or the connection broke (kIoError).
shared::Result<std::string> readBody(Poco::Net::HTTPServerRequest& request, std::size_t max_bytes);

// True when the Content-Type's media type is `media_type` (parameters such as charset
// are ignored, case-insensitive).
bool hasContentType(const Poco::Net::HTTPServerRequest& request, std::string_view media_type);

// True when the Accept header admits `media_type`, directly or through a wildcard
// ("*/*", "text/*") with a non-zero q value. A missing Accept header admits nothing.
bool accepts(const Poco::Net::HTTPServerRequest& request, std::string_view media_type);

// Sends `status` with a JSON-RPC error body {"jsonrpc":"2.0","id":null,"error":{...}}
// and closes the connection afterwards, since the request body may be unread.
void sendJsonRpcError(Poco::Net::HTTPServerResponse& response,
                      Poco::Net::HTTPResponse::HTTPStatus status, int code,
                      const std::string& message);

// Sends `status` with a JSON body.
void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const std::string& body);

// Starts an SSE response (200, text/event-stream, chunked, no caching) and returns its stream.
std::ostream& startEventStream(Poco::Net::HTTPServerResponse& response);

// The text of one SSE event: "[id: ID\n]event: NAME\ndata: ...\n\n", with one data line per
// line of `data` (an SSE data field ends at a newline).
std::string formatEvent(std::string_view event, std::string_view data, std::string_view id = {});

// Writes one event (formatEvent) and flushes; false when the client is gone.
bool writeEvent(std::ostream& out, std::string_view event, std::string_view data);

// Writes an SSE comment line, used as a keep-alive; false when the client is gone.
bool writeComment(std::ostream& out, std::string_view text);

// True when the client closed its end of the connection: readable with nothing to read.
// A stream's thread asks this between events, since writes to a gone client may succeed.
bool peerClosed(Poco::Net::HTTPServerRequest& request);

}  // namespace mcpd::transport
