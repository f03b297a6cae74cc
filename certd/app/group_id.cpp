#include "certd/app/group_id.h"

#include <grp.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace certd::app {

shared::Result<KeyGroup> resolveKeyGroup(std::string_view text) {
  if (text.empty()) return shared::Status::invalidArgument("expected a group name or number");
  const bool numeric = std::all_of(
      text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (numeric) {
    unsigned long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    // (gid_t)-1 means "leave the group unchanged" to chown(2), so it cannot name a group.
    if (error != std::errc() || end != text.data() + text.size() ||
        value >= static_cast<unsigned long>(static_cast<gid_t>(-1))) {
      return shared::Status::invalidArgument("group number \"" + std::string(text) +
                                             "\" is out of range");
    }
    return KeyGroup{std::string(text), static_cast<gid_t>(value)};
  }
  const std::string name(text);
  long size_hint = ::sysconf(_SC_GETGR_R_SIZE_MAX);
  std::vector<char> buffer(size_hint > 0 ? static_cast<std::size_t>(size_hint) : 4096);
  group entry{};
  group* found = nullptr;
  int error = 0;
  while ((error = ::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found)) ==
         ERANGE) {
    buffer.resize(buffer.size() * 2);
  }
  if (error != 0) {
    return shared::Status::fromErrno("look up group \"" + name + "\"", error);
  }
  if (found == nullptr) {
    return shared::Status::invalidArgument("no group named \"" + name + "\" on this system");
  }
  return KeyGroup{name, found->gr_gid};
}

}  // namespace certd::app
