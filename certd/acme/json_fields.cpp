#include "certd/acme/json_fields.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

namespace certd::acme {

shared::Result<Poco::JSON::Object::Ptr> parseJsonObject(std::string_view text,
                                                        std::string_view what) {
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var value = parser.parse(std::string(text));
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
      return shared::Status::invalidArgument(std::string(what) + ": expected a JSON object");
    }
    auto object = value.extract<Poco::JSON::Object::Ptr>();
    if (object.isNull()) {
      return shared::Status::invalidArgument(std::string(what) + ": expected a JSON object");
    }
    return object;
  } catch (const Poco::Exception& e) {
    return shared::Status::invalidArgument(std::string(what) + ": " + e.displayText());
  } catch (const std::exception& e) {
    return shared::Status::invalidArgument(std::string(what) + ": " + e.what());
  }
}

std::string stringField(const Poco::JSON::Object& object, const std::string& key) {
  const Poco::Dynamic::Var value = object.get(key);
  if (value.isEmpty() || !value.isString()) return "";
  return value.extract<std::string>();
}

std::optional<bool> boolField(const Poco::JSON::Object& object, const std::string& key) {
  const Poco::Dynamic::Var value = object.get(key);
  if (value.isEmpty() || !value.isBoolean()) return std::nullopt;
  return value.extract<bool>();
}

std::optional<long long> intField(const Poco::JSON::Object& object, const std::string& key) {
  const Poco::Dynamic::Var value = object.get(key);
  if (value.isEmpty() || !value.isInteger()) return std::nullopt;
  try {
    return value.convert<long long>();
  } catch (const Poco::Exception&) {
    return std::nullopt;  // out of range
  }
}

std::vector<std::string> stringArrayField(const Poco::JSON::Object& object,
                                          const std::string& key) {
  std::vector<std::string> items;
  Poco::JSON::Array::Ptr array = object.getArray(key);
  if (array.isNull()) return items;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Poco::Dynamic::Var item = array->get(static_cast<unsigned>(i));
    if (!item.isEmpty() && item.isString()) items.push_back(item.extract<std::string>());
  }
  return items;
}

std::vector<Poco::JSON::Object::Ptr> objectArrayField(const Poco::JSON::Object& object,
                                                      const std::string& key) {
  std::vector<Poco::JSON::Object::Ptr> items;
  Poco::JSON::Array::Ptr array = object.getArray(key);
  if (array.isNull()) return items;
  for (std::size_t i = 0; i < array->size(); ++i) {
    Poco::JSON::Object::Ptr item = array->getObject(static_cast<unsigned>(i));
    if (!item.isNull()) items.push_back(item);
  }
  return items;
}

}  // namespace certd::acme
