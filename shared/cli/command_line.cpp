#include "shared/cli/command_line.h"

#include <algorithm>

#include "shared/config/suggest.h"

namespace shared::cli {

std::optional<std::string> CommandLine::flagValue(std::string_view flag) const {
  for (auto it = flags.rbegin(); it != flags.rend(); ++it) {
    if (it->flag == flag) return it->value.value_or("true");
  }
  return std::nullopt;
}

Result<CommandLine> parseCommandLine(const std::vector<std::string>& args,
                                     const std::vector<FlagSpec>& flags,
                                     const std::vector<std::string>& commands) {
  CommandLine line;
  bool flags_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_ended || arg == "-" || !arg.starts_with("-")) {
      if (line.command.empty() && line.positionals.empty() && !commands.empty()) {
        if (std::find(commands.begin(), commands.end(), arg) == commands.end()) {
          std::string message = "unknown command \"" + arg + "\"";
          if (auto guess = config::closestMatch(arg, commands))
            message += " (did you mean \"" + *guess + "\"?)";
          return Status::invalidArgument(message);
        }
        line.command = arg;
      } else {
        line.positionals.push_back(arg);
      }
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      line.help = true;
      continue;
    }
    if (arg == "--version") {
      line.version = true;
      continue;
    }
    const auto eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    std::optional<std::string> value;
    if (eq != std::string::npos) value = arg.substr(eq + 1);

    const bool is_config = name == "--config";
    const auto spec =
        std::find_if(flags.begin(), flags.end(), [&](const FlagSpec& f) { return f.flag == name; });
    if (!is_config && spec == flags.end()) {
      std::vector<std::string> known{"--help", "--version", "--config"};
      for (const auto& f : flags) known.push_back(f.flag);
      std::string message = "unknown flag " + name;
      if (auto guess = config::closestMatch(name, known))
        message += " (did you mean " + *guess + "?)";
      return Status::invalidArgument(message);
    }
    const bool takes_value = is_config || spec->takes_value;
    if (takes_value && !value) {
      if (i + 1 >= args.size()) return Status::invalidArgument("flag " + name + " needs a value");
      value = args[++i];
    }
    if (is_config) {
      line.config_file = *value;
    } else {
      line.flags.push_back({name, value});
    }
  }
  return line;
}

}  // namespace shared::cli
