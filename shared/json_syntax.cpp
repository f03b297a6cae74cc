#include "shared/json_syntax.h"

#include "shared/json_scanner.h"

namespace shared {

JsonScan scanJson(std::string_view text, const JsonLimits& limits) {
  JsonNoEvents events;
  return JsonScanner<JsonNoEvents>(text, limits, events).run();
}

std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text) {
  return scanJson(text, JsonLimits{}).error;
}

}  // namespace shared
