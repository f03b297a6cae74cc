#pragma once

// The group that may read certificate keys (`key_group`): a group name looked up in the
// system's group database, or a numeric gid taken as it is (containers often share a gid
// that has no name on certd's side). Pure apart from the lookup; thread-safe.

#include <sys/types.h>

#include <string>
#include <string_view>

#include "shared/result.h"

namespace certd::app {

struct KeyGroup {
  std::string text;  // as configured, for check-config and logs
  gid_t gid = 0;
};

// "ssl-cert" -> its gid; "1234" -> 1234. kInvalidArgument for an empty text, an unknown
// name ("no group named \"x\" on this system") or a number out of range.
shared::Result<KeyGroup> resolveKeyGroup(std::string_view text);

}  // namespace certd::app
