#pragma once

// RawValue: one configuration value before it is typed. From a file it is a YAML node;
// from the environment or a flag it is text, where a list is written comma-separated.
// Parsers (parsers.h) turn it into typed values and report type errors.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "shared/config/origin.h"
#include "shared/result.h"

namespace shared::config {

class RawValue {
 public:
  static RawValue fromYaml(YAML::Node node, Origin origin);
  static RawValue fromText(std::string text, Origin origin);

  const Origin& origin() const { return origin_; }

  // The value as one piece of text. A YAML null reads as "". Fails for a YAML list or map
  // with "expected a single value, got a list".
  Result<std::string> scalar() const;

  // The value as a list of texts: a YAML sequence of scalars, a single YAML scalar, or
  // comma-separated text (items trimmed, empty items dropped).
  Result<std::vector<std::string>> list() const;

  // The YAML node for parsers of structured values; nullopt for text values.
  const std::optional<YAML::Node>& yaml() const { return yaml_; }

 private:
  RawValue(std::optional<YAML::Node> yaml, std::string text, Origin origin)
      : yaml_(std::move(yaml)), text_(std::move(text)), origin_(std::move(origin)) {}

  std::optional<YAML::Node> yaml_;
  std::string text_;
  Origin origin_;
};

// "a list", "a map", "a value": for type errors.
std::string describeYamlKind(const YAML::Node& node);

}  // namespace shared::config
