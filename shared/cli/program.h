#pragma once

// Program: the part of main() both daemons share. It parses the command line, answers
// --help and --version, loads the configuration (file < environment < flags) into the
// daemon's config struct through its Schema, sets up logging, and runs one command.
// Exit codes follow sysexits (exit_codes.h): 64 for a usage error, 78 for a configuration
// error, in which case nothing has started.
//
// Every program gets a built-in `check-config [FILE]` command, which validates the
// configuration and prints each effective value with its source.

#include <functional>
#include <string>
#include <vector>

#include "shared/cli/command_line.h"
#include "shared/config/schema.h"
#include "shared/log/logging.h"

namespace shared::cli {

struct Identity {
  std::string name;         // "mcpd"
  std::string summary;      // one line for --help
  std::string description;  // a paragraph for --help
};

// A flag that belongs to one command only, such as `renew --force`.
struct CommandFlag {
  std::string flag;        // "--force"
  std::string value_name;  // empty for a switch
  std::string help;
};

struct Invocation {
  const CommandLine& line;
  const std::string& config_file;  // empty when none
};

struct Command {
  std::string name;
  std::string summary;
  std::string arguments;  // for --help, e.g. "[NAME]"; empty means no arguments allowed
  std::vector<CommandFlag> flags;
  std::function<int(const Invocation&)> run;  // returns the exit code
  // Called before the configuration loads, to relax checks this command does not need
  // (certd's `account` manages the ACME account and needs no domain). May be empty.
  std::function<void()> before_config;
};

class Program {
 public:
  // `schema` is bound to the daemon's config struct; `log_options` is that struct's
  // logging section, read after the config has loaded.
  Program(Identity identity, config::Schema& schema, const log::Options& log_options);

  // The first command added is the default when none is named.
  void addCommand(Command command);

  // Runs the program; returns the process exit code. `getenv` is injectable for tests.
  int run(const std::vector<std::string>& args, const config::EnvLookup& getenv = {});
  int run(int argc, char** argv);

  // The --help text.
  std::string helpText() const;

 private:
  int checkConfig(const Invocation& invocation);

  Identity identity_;
  config::Schema& schema_;
  const log::Options& log_options_;
  std::vector<Command> commands_;
};

}  // namespace shared::cli
