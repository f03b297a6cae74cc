#include "shared/log/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

#include "shared/log/json_formatter.h"
#include "shared/log/text_formatter.h"

namespace shared::log {
namespace {

std::mutex& registryMutex() {
  static std::mutex mu;
  return mu;
}

// The sink and level every logger uses; guarded by registryMutex().
struct Current {
  spdlog::sink_ptr sink = [] {
    // Before setup(): text, so fields passed as fields show there too.
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    sink->set_formatter(std::make_unique<TextFormatter>());
    return sink;
  }();
  spdlog::level::level_enum level = spdlog::level::info;
};

Current& current() {
  static Current c;
  return c;
}

}  // namespace

Status setupWithSink(const Options& options, spdlog::sink_ptr sink) {
  const auto level = spdlog::level::from_str(options.level);
  if (level == spdlog::level::off && options.level != "off") {
    return Status::invalidArgument("log level \"" + options.level +
                                   "\" is not one of trace, debug, info, warn, error, off");
  }
  if (options.format == "json") {
    sink->set_formatter(std::make_unique<JsonFormatter>());
  } else if (options.format == "text") {
    sink->set_formatter(std::make_unique<TextFormatter>());
  } else {
    return Status::invalidArgument("log format \"" + options.format +
                                   "\" is not one of text, json");
  }
  std::lock_guard lock(registryMutex());
  current().sink = sink;
  current().level = level;
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& logger) {
    logger->sinks() = {sink};
    logger->set_level(level);
  });
  return Status::ok();
}

Status setup(const Options& options) {
  return setupWithSink(options, std::make_shared<spdlog::sinks::stderr_sink_mt>());
}

std::shared_ptr<spdlog::logger> get(std::string_view component) {
  const std::string name(component);
  std::lock_guard lock(registryMutex());
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = std::make_shared<spdlog::logger>(name, current().sink);
  logger->set_level(current().level);
  logger->flush_on(spdlog::level::info);  // logs are for operators: never hold them back
  spdlog::register_logger(logger);
  return logger;
}

}  // namespace shared::log
