#include "mcpd/protocol/params.h"

#include <charconv>

namespace mcpd::protocol {

std::optional<std::string> stringParam(const jsonrpc::Message& request, const std::string& name) {
  if (!request.params || !request.params->has(name)) return std::nullopt;
  const Poco::Dynamic::Var value = request.params->get(name);
  if (!value.isString()) return std::nullopt;
  return value.extract<std::string>();
}

Poco::JSON::Object::Ptr objectParam(const jsonrpc::Message& request, const std::string& name) {
  if (!request.params || !request.params->has(name)) return nullptr;
  const Poco::Dynamic::Var value = request.params->get(name);
  if (value.type() != typeid(Poco::JSON::Object::Ptr)) return nullptr;
  return value.extract<Poco::JSON::Object::Ptr>();
}

// Cursors are opaque to clients (MCP pagination); ours encode the offset as "o<offset>".
std::string encodeCursor(std::size_t offset) {
  return "o" + std::to_string(offset);
}

shared::Result<std::size_t> cursorOffset(const jsonrpc::Message& request) {
  // An absent or null cursor asks for the first page.
  if (!request.params || request.params->get("cursor").isEmpty()) return std::size_t{0};
  const auto cursor = stringParam(request, "cursor");
  if (!cursor || cursor->size() < 2 || (*cursor)[0] != 'o') {
    return shared::Status::invalidArgument("unknown cursor");
  }
  std::size_t offset = 0;
  const char* end = cursor->data() + cursor->size();
  const auto [stop, error] = std::from_chars(cursor->data() + 1, end, offset);
  if (error != std::errc() || stop != end) return shared::Status::invalidArgument("unknown cursor");
  return offset;
}

}  // namespace mcpd::protocol
