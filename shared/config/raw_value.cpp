#include "shared/config/raw_value.h"

#include "shared/text.h"

namespace shared::config {

RawValue RawValue::fromYaml(YAML::Node node, Origin origin) {
  return RawValue(std::move(node), "", std::move(origin));
}

RawValue RawValue::fromText(std::string text, Origin origin) {
  return RawValue(std::nullopt, std::move(text), std::move(origin));
}

Result<std::string> RawValue::scalar() const {
  if (!yaml_) return text_;
  if (yaml_->IsNull()) return std::string();
  if (!yaml_->IsScalar()) {
    return Status::invalidArgument("expected a single value, got " + describeYamlKind(*yaml_));
  }
  return yaml_->Scalar();
}

Result<std::vector<std::string>> RawValue::list() const {
  std::vector<std::string> items;
  if (!yaml_) {
    std::string_view rest = text_;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string item(trimmed(rest.substr(0, comma)));
      if (!item.empty()) items.push_back(std::move(item));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    return items;
  }
  if (yaml_->IsNull()) return items;
  if (yaml_->IsScalar()) return std::vector<std::string>{yaml_->Scalar()};
  if (!yaml_->IsSequence()) {
    return Status::invalidArgument("expected a list, got " + describeYamlKind(*yaml_));
  }
  for (std::size_t i = 0; i < yaml_->size(); ++i) {
    const YAML::Node item = (*yaml_)[i];
    if (!item.IsScalar()) {
      return Status::invalidArgument("item " + std::to_string(i) +
                                     ": expected a single value, got " + describeYamlKind(item));
    }
    items.push_back(item.Scalar());
  }
  return items;
}

std::string describeYamlKind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "a value";
  }
}

}  // namespace shared::config
