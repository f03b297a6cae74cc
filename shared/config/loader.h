#pragma once

// The configuration loader: applies the sources to a Schema in precedence order
// (file < environment < flags), then runs the schema's cross-key checks. The first
// problem stops the load and is returned as an invalid-argument Status whose message
// names where the value came from and its key path:
//   mcpd.yaml:7: log.level: expected one of trace, debug, info, warn, error, off; got "loud"
//   mcpd.yaml:3: unknown key "log.levle" (did you mean "log.level"?)
//   environment MCPD_LISTEN: listen: missing ":PORT" in "localhost"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/config/schema.h"
#include "shared/status.h"

namespace shared::config {

// One flag from the command line: "--listen" with its value; nullopt for a bare switch.
struct FlagValue {
  std::string flag;
  std::optional<std::string> value;
};

// Reads an environment variable; nullptr when unset. Injectable for tests.
using EnvLookup = std::function<const char*(const char*)>;

struct Sources {
  std::optional<std::filesystem::path> file;
  EnvLookup getenv;  // empty: the process environment
  std::vector<FlagValue> flags;
};

// Applies every source, then the checks.
Status load(Schema& schema, const Sources& sources);

// The steps of load(), exposed for tests and for SIGHUP reloads.
Status applyYamlFile(Schema& schema, const std::filesystem::path& file);
Status applyYamlText(Schema& schema, std::string_view yaml, const std::string& name);
// An empty variable counts as unset, so compose's "KEY=" lines change nothing.
Status applyEnvironment(Schema& schema, const EnvLookup& getenv);
Status applyFlags(Schema& schema, const std::vector<FlagValue>& flags);
Status runChecks(Schema& schema);

}  // namespace shared::config
