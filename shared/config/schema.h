#pragma once

// Schema: the list of configuration keys of one daemon, each bound to a field of the
// daemon's typed config struct. Every key can be set, from lowest to highest precedence,
// by its default (the struct's initial value), the YAML file (dotted path "log.level"),
// an environment variable ({PREFIX}LOG_LEVEL) and a flag (--log-level). Cross-key rules
// are checks that run after all sources are applied.
//
// A Schema holds references into the config struct it was built for: build it right
// after the struct, keep the struct alive as long as the schema. Not thread-safe; it is
// used once at start-up (and on SIGHUP) by one thread.

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/config/origin.h"
#include "shared/config/parsers.h"
#include "shared/config/raw_value.h"
#include "shared/net/host_port.h"
#include "shared/status.h"

namespace shared::config {

// A problem found by a cross-key check: the key path it is about and what is wrong.
struct Problem {
  std::string path;
  std::string message;
};

struct Option {
  std::string path;        // YAML path, "log.level"
  std::string env;         // environment variable, "MCPD_LOG_LEVEL"
  std::string flag;        // flag with dashes, "--log-level"
  std::string value_name;  // placeholder in --help, "LEVEL"; empty for switches
  std::string help;
  bool is_switch = false;  // a boolean: the flag alone means true
  bool secret = false;     // never printed (check-config shows "(set)")
  Origin origin;           // where the current value came from

  std::function<Status(const RawValue&)> assign;  // parse and store into the bound field
  std::function<std::string()> show;              // the bound field as text

  // Chainable adjustments.
  Option& secretValue() {
    secret = true;
    return *this;
  }
};

class Schema {
 public:
  // `env_prefix` is prepended to every variable name: "MCPD_".
  explicit Schema(std::string env_prefix);

  const std::string& envPrefix() const { return env_prefix_; }

  Option& addString(std::string path, std::string& target, std::string value_name,
                    std::string help);
  Option& addChoice(std::string path, std::string& target, std::vector<std::string> choices,
                    std::string help);
  Option& addBool(std::string path, bool& target, std::string help);
  Option& addInteger(std::string path, int& target, int min, int max, std::string value_name,
                     std::string help);
  // A duration within `range` (its help text states the range).
  Option& addDuration(std::string path, std::chrono::seconds& target, DurationRange range,
                      std::string help);
  Option& addByteSize(std::string path, std::uint64_t& target, std::string help);
  Option& addList(std::string path, std::vector<std::string>& target, std::string value_name,
                  std::string help);
  Option& addHostPort(std::string path, net::HostPort& target, std::string help);

  // Any other type: `parse` turns the raw value into a T (or an error), `show` prints it.
  template <class T>
  Option& addCustom(std::string path, T& target, std::string value_name, std::string help,
                    std::function<Result<T>(const RawValue&)> parse,
                    std::function<std::string(const T&)> show) {
    Option option;
    option.path = std::move(path);
    option.value_name = std::move(value_name);
    option.help = std::move(help);
    option.assign = [&target, parse = std::move(parse)](const RawValue& raw) {
      auto parsed = parse(raw);
      if (!parsed) return parsed.status();
      target = std::move(parsed).value();
      return Status::ok();
    };
    option.show = [&target, show = std::move(show)] { return show(target); };
    return add(std::move(option));
  }

  // A rule across keys, run after every source is applied, in the order added.
  void addCheck(std::function<std::optional<Problem>()> check);

  const std::deque<Option>& options() const { return options_; }
  std::deque<Option>& options() { return options_; }
  const std::vector<std::function<std::optional<Problem>()>>& checks() const { return checks_; }

  Option* findByPath(std::string_view path);
  Option* findByFlag(std::string_view flag);

  // Where each item of a structured value was written, e.g. "domain[1]" -> c.yaml:3, so
  // that a check's problem about one item points at its line. Filled by the loader.
  void recordLocation(std::string path, Origin origin) {
    locations_[std::move(path)] = std::move(origin);
  }
  const Origin* locationOf(const std::string& path) const {
    auto it = locations_.find(path);
    return it == locations_.end() ? nullptr : &it->second;
  }

  // True when some option's path starts with "prefix." (a YAML section such as "log").
  bool isSection(std::string_view prefix) const;

 private:
  Option& add(Option option);

  std::string env_prefix_;
  std::deque<Option> options_;  // a deque: add() hands out references that must stay valid
  std::vector<std::function<std::optional<Problem>()>> checks_;
  std::map<std::string, Origin> locations_;
};

}  // namespace shared::config
