#include "shared/config/origin.h"

namespace shared::config {

std::string Origin::describe() const {
  switch (source) {
    case Source::kDefault:
      return "default";
    case Source::kFile:
      return line > 0 ? name + ":" + std::to_string(line) : name;
    case Source::kEnvironment:
      return "environment " + name;
    case Source::kFlag:
      return "flag " + name;
  }
  return name;
}

}  // namespace shared::config
