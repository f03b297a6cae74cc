#pragma once

// KeyGroup: the `key_group` setting, the group allowed to read the private keys certd
// writes (mode 0640 instead of 0600), for a service that reads its key as an unprivileged
// user in that group. Resolved when the configuration is loaded, so an
// unknown group is a configuration error rather than a failed installation later.

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace certd::app {

struct KeyGroup {
  std::string name;  // as configured: a group name, or a number
  gid_t gid = 0;
};

// A group name from the group database (getgrnam_r), or a decimal gid taken as it is (a
// container may have groups without names). "" means no group: nullopt. Errors
// (kInvalidArgument): `no group named "x"`, or the database's own error.
shared::Result<std::optional<KeyGroup>> resolveKeyGroup(std::string_view text);

// The gid the store sets on key files, if any.
inline std::optional<gid_t> keyGroupId(const std::optional<KeyGroup>& group) {
  return group ? std::optional<gid_t>(group->gid) : std::nullopt;
}

}  // namespace certd::app
