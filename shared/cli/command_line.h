#pragma once

// Command-line parsing for both daemons: `prog [COMMAND] [--flag VALUE | --flag=VALUE |
// --switch] [ARG...]`. Flags may come before or after the command; "--" ends flags.
// Besides the flags it is given it knows --help/-h, --version and --config FILE.
// It only splits and checks the words; the config loader gives flag values meaning.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/config/loader.h"
#include "shared/result.h"

namespace shared::cli {

struct FlagSpec {
  std::string flag;  // with dashes: "--listen"
  bool takes_value = true;
};

struct CommandLine {
  std::string command;  // empty when no command was given
  std::vector<std::string> positionals;
  std::vector<config::FlagValue> flags;  // in the order given
  std::optional<std::string> config_file;
  bool help = false;
  bool version = false;

  // The value of the last occurrence of `flag`; nullopt if absent. A bare switch reads as "true".
  std::optional<std::string> flagValue(std::string_view flag) const;
};

// Errors are usage errors with a suggestion: `unknown flag --lisen (did you mean --listen?)`,
// `flag --listen needs a value`, `unknown command "chek-config" (did you mean "check-config"?)`.
Result<CommandLine> parseCommandLine(const std::vector<std::string>& args,
                                     const std::vector<FlagSpec>& flags,
                                     const std::vector<std::string>& commands);

}  // namespace shared::cli
