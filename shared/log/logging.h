#pragma once

// Logging on spdlog: one sink (standard error) shared by named per-component loggers
// ("certd.acme", "mcpd.tls"). Human-readable text by default; with format "json", one
// JSON object per line. Fields are passed as fields through fields.h, never formatted into
// the message and parsed back, so text from outside cannot forge one.
//
// setup() is called once by the program at start-up, before any thread logs; get() is
// thread-safe and may be called before setup() (the logger is re-pointed by setup()).

#include <spdlog/logger.h>
#include <spdlog/sinks/sink.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shared/status.h"

namespace shared::log {

inline const std::vector<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "off"};
inline const std::vector<std::string> kFormats = {"text", "json"};

struct Options {
  std::string level = "info";   // one of kLevels
  std::string format = "text";  // one of kFormats
};

// Points every logger, existing and future, at standard error with these options.
Status setup(const Options& options);

// The same with another sink (tests capture output this way).
Status setupWithSink(const Options& options, spdlog::sink_ptr sink);

// The logger named `component`, created on first use.
std::shared_ptr<spdlog::logger> get(std::string_view component);

}  // namespace shared::log
