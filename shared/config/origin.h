#pragma once

// Origin: where a configuration value came from, so an error can point at it
// ("mcpd.yaml:12", "environment MCPD_LISTEN", "flag --listen").

#include <string>

namespace shared::config {

struct Origin {
  enum class Source { kDefault, kFile, kEnvironment, kFlag };

  Source source = Source::kDefault;
  std::string name;  // file path, environment variable, or flag with its dashes
  int line = 0;      // 1-based line in the file; 0 when unknown or not a file

  static Origin file(std::string path, int line) { return {Source::kFile, std::move(path), line}; }
  static Origin environment(std::string variable) {
    return {Source::kEnvironment, std::move(variable), 0};
  }
  static Origin flag(std::string flag) { return {Source::kFlag, std::move(flag), 0}; }

  // "default", "mcpd.yaml:12", "environment MCPD_LISTEN", "flag --listen".
  std::string describe() const;
};

}  // namespace shared::config
