#include "certd/app/key_group.h"

#include <grp.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <vector>

namespace certd::app {

shared::Result<std::optional<KeyGroup>> resolveKeyGroup(std::string_view text) {
  if (text.empty()) return std::optional<KeyGroup>();
  const std::string name(text);
  unsigned long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error == std::errc() && end == text.data() + text.size()) {
    if (number > static_cast<gid_t>(-2)) {  // -1 means "leave the group unchanged" to fchown
      return shared::Status::invalidArgument("group number \"" + name + "\" is out of range");
    }
    return std::optional<KeyGroup>(KeyGroup{name, static_cast<gid_t>(number)});
  }
  // getgrnam_r, since another thread (the admin port) may use the group database too.
  const long suggested = ::sysconf(_SC_GETGR_R_SIZE_MAX);
  std::vector<char> buffer(suggested > 0 ? static_cast<std::size_t>(suggested) : 4096);
  while (true) {
    group entry{};
    group* found = nullptr;
    const int rc = ::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
    if (rc == ERANGE && buffer.size() < (1u << 20)) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (rc != 0) {
      return shared::Status::invalidArgument("group \"" + name + "\": " + std::strerror(rc));
    }
    if (!found)
      return shared::Status::invalidArgument("no group named \"" + name + "\" on this system");
    return std::optional<KeyGroup>(KeyGroup{name, found->gr_gid});
  }
}

}  // namespace certd::app
