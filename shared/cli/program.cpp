#include "shared/cli/program.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "shared/cli/exit_codes.h"
#include "shared/cli/help.h"
#include "shared/version.h"

namespace shared::cli {
namespace {

constexpr const char* kCheckConfig = "check-config";

}  // namespace

Program::Program(Identity identity, config::Schema& schema, const log::Options& log_options)
    : identity_(std::move(identity)), schema_(schema), log_options_(log_options) {}

void Program::addCommand(Command command) {
  commands_.push_back(std::move(command));
  // Keep the built-in check-config last in --help.
  auto builtin = std::find_if(commands_.begin(), commands_.end(),
                              [](const Command& c) { return c.name == kCheckConfig; });
  if (builtin == commands_.end()) {
    commands_.push_back({kCheckConfig,
                         "validate the configuration, print every effective value and its source",
                         "[FILE]",
                         {},
                         [this](const Invocation& inv) { return checkConfig(inv); }});
  } else {
    std::rotate(builtin, builtin + 1, commands_.end());
  }
}

std::string Program::helpText() const {
  return formatHelp(identity_, commands_, schema_);
}

int Program::run(int argc, char** argv) {
  return run(std::vector<std::string>(argv + 1, argv + argc));
}

int Program::run(const std::vector<std::string>& args, const config::EnvLookup& getenv) {
  auto usageError = [&](const std::string& message) {
    std::cerr << identity_.name << ": " << message << "\nTry '" << identity_.name << " --help'.\n";
    return kExitUsage;
  };

  std::vector<FlagSpec> specs;
  for (const auto& option : schema_.options()) specs.push_back({option.flag, !option.is_switch});
  std::vector<std::string> names;
  for (const auto& command : commands_) {
    names.push_back(command.name);
    for (const auto& flag : command.flags) specs.push_back({flag.flag, !flag.value_name.empty()});
  }

  auto parsed = parseCommandLine(args, specs, names);
  if (!parsed) return usageError(parsed.status().message());
  CommandLine& line = *parsed;
  if (line.help) {
    std::cout << helpText();
    return kExitOk;
  }
  if (line.version) {
    std::cout << identity_.name << " " << kVersion << "\n";
    return kExitOk;
  }

  const Command& command =
      line.command.empty()
          ? commands_.front()
          : *std::find_if(commands_.begin(), commands_.end(),
                          [&](const Command& c) { return c.name == line.command; });
  if (!line.positionals.empty() && command.arguments.empty()) {
    return usageError("command " + command.name + " takes no arguments, got \"" +
                      line.positionals[0] + "\"");
  }

  // Split the flags: the command's own stay in the invocation, the rest configure.
  std::vector<config::FlagValue> config_flags;
  for (const auto& flag : line.flags) {
    const bool is_command_flag =
        std::any_of(command.flags.begin(), command.flags.end(),
                    [&](const CommandFlag& f) { return f.flag == flag.flag; });
    if (is_command_flag) continue;
    if (schema_.findByFlag(flag.flag) == nullptr) {
      return usageError("flag " + flag.flag + " does not apply to command " + command.name);
    }
    config_flags.push_back(flag);
  }

  const std::string config_variable = schema_.envPrefix() + "CONFIG";
  std::string config_file = line.config_file.value_or("");
  if (config_file.empty()) {
    const char* from_env =
        getenv ? getenv(config_variable.c_str()) : std::getenv(config_variable.c_str());
    if (from_env != nullptr) config_file = from_env;
  }
  if (command.name == kCheckConfig && !line.positionals.empty()) config_file = line.positionals[0];

  if (command.before_config) command.before_config();
  config::Sources sources{.getenv = getenv, .flags = config_flags};
  if (!config_file.empty()) sources.file = config_file;
  if (Status s = config::load(schema_, sources); !s) {
    std::cerr << identity_.name << ": configuration error: " << s.message() << "\n";
    return kExitConfig;
  }
  if (Status s = log::setup(log_options_); !s) {
    std::cerr << identity_.name << ": configuration error: " << s.message() << "\n";
    return kExitConfig;
  }
  return command.run(Invocation{line, config_file});
}

int Program::checkConfig(const Invocation& invocation) {
  std::cout << "configuration ok"
            << (invocation.config_file.empty() ? " (no file)" : ": " + invocation.config_file)
            << "\n";
  std::cout << formatEffectiveConfig(schema_);
  return kExitOk;
}

}  // namespace shared::cli
