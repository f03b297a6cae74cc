#pragma once

// Text for --help and check-config, generated from the commands and the config schema so
// that every option shows its flag, environment variable, YAML key and default.

#include <string>
#include <vector>

#include "shared/cli/program.h"
#include "shared/config/schema.h"

namespace shared::cli {

std::string formatHelp(const Identity& identity, const std::vector<Command>& commands,
                       const config::Schema& schema);

// One line per option: "log.level = debug  (flag --log-level)"; secrets print "(set)".
std::string formatEffectiveConfig(const config::Schema& schema);

}  // namespace shared::cli
