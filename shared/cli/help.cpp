#include "shared/cli/help.h"

#include <algorithm>

#include "shared/version.h"

namespace shared::cli {
namespace {

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width)
    s.append(width - s.size(), ' ');
  else
    s += "  ";
  return s;
}

constexpr std::size_t kColumn = 30;
const std::string kIndent(kColumn + 2, ' ');

}  // namespace

std::string formatHelp(const Identity& identity, const std::vector<Command>& commands,
                       const config::Schema& schema) {
  std::string out = identity.name + " " + kVersion + ": " + identity.summary + "\n\n";
  if (!identity.description.empty()) out += identity.description + "\n\n";
  out += "Usage: " + identity.name + " [COMMAND] [OPTIONS]\n\nCommands:\n";
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const Command& c = commands[i];
    std::string head = "  " + c.name + (c.arguments.empty() ? "" : " " + c.arguments);
    out += pad(head, kColumn + 2) + c.summary + (i == 0 ? " (default)" : "") + "\n";
    for (const auto& flag : c.flags) {
      out += pad("      " + flag.flag + (flag.value_name.empty() ? "" : " " + flag.value_name),
                 kColumn + 2) +
             flag.help + "\n";
    }
  }
  out +=
      "\nOptions (precedence: flag > environment variable > YAML key in --config FILE > "
      "default):\n";
  const std::string config_env = schema.envPrefix() + "CONFIG";
  out += pad("  --config FILE", kColumn + 2) + "YAML configuration file\n" + kIndent + "env " +
         config_env + "\n";
  for (const auto& option : schema.options()) {
    std::string head = "  " + option.flag + (option.is_switch ? "" : " " + option.value_name);
    std::string help = option.help;
    const std::string value = option.show();
    if (!option.secret && !value.empty()) help += " [default: " + value + "]";
    out += pad(head, kColumn + 2) + help + "\n";
    out += kIndent + "env " + option.env + ", key " + option.path + "\n";
  }
  out += pad("  -h, --help", kColumn + 2) + "show this help and exit\n";
  out += pad("  --version", kColumn + 2) + "print the version and exit\n";
  out += "\nExit status: 0 success, 64 usage error, 78 configuration error.\n";
  return out;
}

std::string formatEffectiveConfig(const config::Schema& schema) {
  std::size_t width = 0;
  for (const auto& option : schema.options()) width = std::max(width, option.path.size());
  std::string out;
  for (const auto& option : schema.options()) {
    std::string value = option.secret ? (option.show().empty() ? "" : "(set)") : option.show();
    out += pad(option.path, width + 1) + "= " + pad(value, 24) + "(" + option.origin.describe() +
           ")\n";
  }
  return out;
}

}  // namespace shared::cli
