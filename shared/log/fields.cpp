#include "shared/log/fields.h"

#include <cstdio>

namespace shared::log {
namespace {

// Set only while write() hands a record to spdlog on this thread.
thread_local Fields t_fields;

bool isControl(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

bool needsQuotes(std::string_view value) {
  if (value.empty()) return true;
  for (const char c : value) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || isControl(static_cast<unsigned char>(c)))
      return true;
  }
  return false;
}

}  // namespace

void write(spdlog::logger& logger, spdlog::level::level_enum level, std::string_view message,
           Fields fields) {
  if (!logger.should_log(level)) return;
  struct Restore {
    Fields saved;
    ~Restore() { t_fields = saved; }
  } restore{t_fields};
  t_fields = fields;
  logger.log(level, "{}", message);
}

Fields currentFields() {
  return t_fields;
}

void appendEscapedText(std::string& out, std::string_view text, bool quote) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (isControl(c)) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else if (quote && (ch == '"' || ch == '\\')) {
      out += '\\';
      out += ch;
    } else {
      out += ch;
    }
  }
}

void appendTextField(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += '=';
  if (!needsQuotes(value)) {
    out += value;
    return;
  }
  out += '"';
  appendEscapedText(out, value, /*quote=*/true);
  out += '"';
}

}  // namespace shared::log
