#pragma once

// Structured log records: a short message plus fields passed as (name, value) pairs, never
// formatted into the message text. The formatters render them: the JSON formatter as members
// of the line's object, the text formatter as ` name=value` after the message (quoted and
// escaped when needed). Text from outside (hook output, a CA's detail) goes in a field's
// value, where it cannot become a field of its own or break the line.
//
//   shared::log::info(log, "certificate saved", {{"name", name}, {"generation", 7}});
//
// The fields travel to the formatter through the calling thread (spdlog formats synchronous
// sinks on the logging thread, and every sink here is synchronous). Thread-safe.

#include <spdlog/logger.h>

#include <concepts>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

namespace shared::log {

struct Field {
  Field(std::string_view name, std::string_view value) : name(name), value(value) {}
  Field(std::string_view name, const std::string& value) : name(name), value(value) {}
  Field(std::string_view name, const char* value) : name(name), value(value) {}
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) Field(std::string_view name, T value)
      : name(name), value(std::to_string(value)) {}
  Field(std::string_view name, bool value) : name(name), value(value ? "true" : "false") {}

  std::string_view name;  // lower-case letters, digits, '_' and '.'
  std::string value;
};
using Fields = std::initializer_list<Field>;

// Logs `message` with `fields` at `level` (nothing happens below the logger's level).
void write(spdlog::logger& logger, spdlog::level::level_enum level, std::string_view message,
           Fields fields);

inline void debug(const std::shared_ptr<spdlog::logger>& logger, std::string_view message,
                  Fields fields = {}) {
  write(*logger, spdlog::level::debug, message, fields);
}
inline void info(const std::shared_ptr<spdlog::logger>& logger, std::string_view message,
                 Fields fields = {}) {
  write(*logger, spdlog::level::info, message, fields);
}
inline void warn(const std::shared_ptr<spdlog::logger>& logger, std::string_view message,
                 Fields fields = {}) {
  write(*logger, spdlog::level::warn, message, fields);
}
inline void error(const std::shared_ptr<spdlog::logger>& logger, std::string_view message,
                  Fields fields = {}) {
  write(*logger, spdlog::level::err, message, fields);
}

// The fields of the record being formatted on this thread: empty outside write(). For
// the formatters.
Fields currentFields();

// Appends `text` for a text log: control characters become \n, \r, \t or \xNN (an ESC from
// a hook cannot recolour or rewrite a terminal, a CR cannot hide the line), everything else
// is kept. With `quote`, also `"` and `\` are escaped, for a value inside double quotes.
void appendEscapedText(std::string& out, std::string_view text, bool quote);

// Appends ` name=value` for a text log, the value in double quotes when it is empty or holds
// a space, `"`, `=`, `\` or a control character.
void appendTextField(std::string& out, std::string_view name, std::string_view value);

}  // namespace shared::log
