#include "mcpd/jsonrpc/json_writer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <charconv>
#include <cmath>

#include "shared/json_string.h"

namespace mcpd::jsonrpc {
namespace {

void appendNumber(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";  // JSON has no NaN or infinity
    return;
  }
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, error == std::errc() ? end : buffer);
}

}  // namespace

void appendJson(std::string& out, const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) {
    out += "null";
    return;
  }
  const std::type_info& type = value.type();
  if (type == typeid(RawJson)) {
    out += *value.extract<RawJson>().text;
    return;
  }
  if (type == typeid(Poco::JSON::Object::Ptr)) {
    const auto& object = value.extract<Poco::JSON::Object::Ptr>();
    if (!object) {
      out += "null";
      return;
    }
    out += '{';
    bool first = true;
    for (const auto& [key, item] : *object) {
      if (!first) out += ',';
      first = false;
      shared::appendJsonString(out, key);
      out += ':';
      appendJson(out, item);
    }
    out += '}';
    return;
  }
  if (type == typeid(Poco::JSON::Array::Ptr)) {
    const auto& array = value.extract<Poco::JSON::Array::Ptr>();
    if (!array) {
      out += "null";
      return;
    }
    out += '[';
    for (std::size_t i = 0; i < array->size(); ++i) {
      if (i > 0) out += ',';
      appendJson(out, array->get(i));
    }
    out += ']';
    return;
  }
  if (type == typeid(std::string))
    return shared::appendJsonString(out, value.extract<std::string>());
  if (value.isBoolean()) {
    out += value.extract<bool>() ? "true" : "false";
    return;
  }
  if (value.isInteger()) {
    out += value.isSigned() ? std::to_string(value.convert<Poco::Int64>())
                            : std::to_string(value.convert<Poco::UInt64>());
    return;
  }
  if (value.isNumeric()) return appendNumber(out, value.convert<double>());
  if (type == typeid(const char*))
    return shared::appendJsonString(out, value.extract<const char*>());
  shared::appendJsonString(out, value.convert<std::string>());
}

}  // namespace mcpd::jsonrpc
