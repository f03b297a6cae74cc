#include "shared/config/loader.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "shared/config/suggest.h"

namespace shared::config {
namespace {

Status problemAt(const Origin& origin, std::string_view path, const std::string& message) {
  const std::string where =
      origin.source == Origin::Source::kDefault ? "" : origin.describe() + ": ";
  return Status::invalidArgument(where + std::string(path) + ": " + message);
}

Status assign(Option& option, const RawValue& raw) {
  if (Status s = option.assign(raw); !s) return problemAt(raw.origin(), option.path, s.message());
  option.origin = raw.origin();
  return Status::ok();
}

std::vector<std::string> allPaths(const Schema& schema) {
  std::vector<std::string> paths;
  for (const auto& option : schema.options()) paths.push_back(option.path);
  return paths;
}

// Records the line of every item inside a structured value ("domain[1]", "a.b").
void recordItemLocations(Schema& schema, const std::string& path, const YAML::Node& node,
                         const std::string& file) {
  if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string item = path + "[" + std::to_string(i) + "]";
      schema.recordLocation(item, Origin::file(file, node[i].Mark().line + 1));
      recordItemLocations(schema, item, node[i], file);
    }
  } else if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) continue;
      const std::string item = path + "." + it->first.Scalar();
      schema.recordLocation(item, Origin::file(file, it->first.Mark().line + 1));
      recordItemLocations(schema, item, it->second, file);
    }
  }
}

// Walks one YAML mapping; `prefix` is the dotted path of the mapping ("" at the top).
Status applyMapping(Schema& schema, const YAML::Node& map, const std::string& prefix,
                    const std::string& file, std::set<std::string>& seen) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    const int line = it->first.Mark().line + 1;
    const Origin origin = Origin::file(file, line);
    if (!it->first.IsScalar()) {
      return Status::invalidArgument(origin.describe() + ": a key must be a plain name");
    }
    const std::string path =
        prefix.empty() ? it->first.Scalar() : prefix + "." + it->first.Scalar();
    if (!seen.insert(path).second) {
      return Status::invalidArgument(origin.describe() + ": duplicate key \"" + path + "\"");
    }
    if (Option* option = schema.findByPath(path)) {
      if (Status s = assign(*option, RawValue::fromYaml(it->second, origin)); !s) return s;
      recordItemLocations(schema, path, it->second, file);
      continue;
    }
    if (schema.isSection(path)) {
      if (it->second.IsNull()) continue;  // an empty section such as "log:" sets nothing
      if (!it->second.IsMap()) {
        return problemAt(origin, path,
                         "expected a map of keys, got " + describeYamlKind(it->second));
      }
      if (Status s = applyMapping(schema, it->second, path, file, seen); !s) return s;
      continue;
    }
    std::string message = origin.describe() + ": unknown key \"" + path + "\"";
    if (auto guess = closestMatch(path, allPaths(schema)))
      message += " (did you mean \"" + *guess + "\"?)";
    return Status::invalidArgument(message);
  }
  return Status::ok();
}

}  // namespace

Status applyYamlText(Schema& schema, std::string_view yaml, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return Status::invalidArgument(name + ":" + std::to_string(e.mark.line + 1) + ":" +
                                   std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
  if (root.IsNull()) return Status::ok();  // an empty file keeps every default
  if (!root.IsMap()) {
    return Status::invalidArgument(name + ":" + std::to_string(root.Mark().line + 1) +
                                   ": expected keys at the top level, got " +
                                   describeYamlKind(root));
  }
  std::set<std::string> seen;
  try {
    return applyMapping(schema, root, "", name, seen);
  } catch (const YAML::Exception& e) {
    return Status::invalidArgument(name + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

Status applyYamlFile(Schema& schema, const std::filesystem::path& file) {
  // An ifstream opens a directory and reads it as an empty file: every default, silently.
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) {
    return Status::invalidArgument(file.string() + ": is a directory, not a configuration file");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::fromErrno(file.string() + ": cannot read", errno);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::fromErrno(file.string() + ": cannot read", errno);
  return applyYamlText(schema, text.str(), file.string());
}

Status applyEnvironment(Schema& schema, const EnvLookup& getenv) {
  for (Option& option : schema.options()) {
    const char* value = getenv ? getenv(option.env.c_str()) : std::getenv(option.env.c_str());
    if (value == nullptr || *value == '\0') continue;
    if (Status s = assign(option, RawValue::fromText(value, Origin::environment(option.env))); !s) {
      return s;
    }
  }
  return Status::ok();
}

Status applyFlags(Schema& schema, const std::vector<FlagValue>& flags) {
  for (const FlagValue& flag : flags) {
    Option* option = schema.findByFlag(flag.flag);
    if (option == nullptr) return Status::invalidArgument("unknown flag " + flag.flag);
    const Origin origin = Origin::flag(flag.flag);
    if (!flag.value && !option->is_switch) {
      return problemAt(origin, option->path, "needs a value");
    }
    if (Status s = assign(*option, RawValue::fromText(flag.value.value_or("true"), origin)); !s) {
      return s;
    }
  }
  return Status::ok();
}

Status runChecks(Schema& schema) {
  for (const auto& check : schema.checks()) {
    const std::optional<Problem> problem = check();
    if (!problem) continue;
    // Point at the source of the key the problem is about: the item's own line when it
    // came from the file, else wherever its option was set.
    Origin origin;
    for (const Option& option : schema.options()) {
      if (problem->path == option.path || problem->path.starts_with(option.path + "[") ||
          problem->path.starts_with(option.path + ".")) {
        origin = option.origin;
      }
    }
    if (const Origin* item = schema.locationOf(problem->path);
        item != nullptr && origin.source == Origin::Source::kFile) {
      origin = *item;
    }
    std::string message = problem->message;
    if (origin.source == Origin::Source::kDefault) {
      // Nothing set this key: say how to set it.
      for (const Option& option : schema.options()) {
        if (option.path == problem->path) {
          message +=
              " (set " + option.flag + ", " + option.env + " or the key " + option.path + ")";
        }
      }
    }
    return problemAt(origin, problem->path, message);
  }
  return Status::ok();
}

Status load(Schema& schema, const Sources& sources) {
  if (sources.file) {
    if (Status s = applyYamlFile(schema, *sources.file); !s) return s;
  }
  if (Status s = applyEnvironment(schema, sources.getenv); !s) return s;
  if (Status s = applyFlags(schema, sources.flags); !s) return s;
  return runChecks(schema);
}

}  // namespace shared::config
