#pragma once

// Reading ACME JSON bodies with Poco::JSON without exceptions: a parse that returns a
// Result, and field readers that treat a missing member or one of the wrong JSON type as
// absent. The wire parsers (problem.h, resources.h, directory.h) are built on these, so
// arbitrary server bytes can never throw out of them. Thread-safe (no shared state).

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"

namespace certd::acme {

// The JSON object in `text`; kInvalidArgument "<what>: ..." when it is not valid JSON or
// not an object.
shared::Result<Poco::JSON::Object::Ptr> parseJsonObject(std::string_view text,
                                                        std::string_view what);

// The string member `key`, or "" when it is absent or not a string.
std::string stringField(const Poco::JSON::Object& object, const std::string& key);

// The boolean member `key`, or nullopt.
std::optional<bool> boolField(const Poco::JSON::Object& object, const std::string& key);

// The integer member `key`, or nullopt.
std::optional<long long> intField(const Poco::JSON::Object& object, const std::string& key);

// The string items of array member `key` (other items skipped); empty when absent.
std::vector<std::string> stringArrayField(const Poco::JSON::Object& object, const std::string& key);

// The object items of array member `key` (other items skipped); empty when absent.
std::vector<Poco::JSON::Object::Ptr> objectArrayField(const Poco::JSON::Object& object,
                                                      const std::string& key);

}  // namespace certd::acme
