#include "certd/store/symlink.h"

#include <unistd.h>

#include <cerrno>

#include "shared/fs/atomic_file.h"

namespace certd::store {

shared::Status replaceSymlink(const std::filesystem::path& link, const std::string& target,
                              bool sync) {
  using shared::Status;
  const std::string context = "link " + link.string();
  const std::filesystem::path directory = link.parent_path();
  // A fixed temporary name is enough: one writer per certificate holds its lock, and a
  // leftover from a crash is simply replaced here.
  const std::filesystem::path temp = directory / ("." + link.filename().string() + ".link-tmp");
  ::unlink(temp.c_str());
  if (::symlink(target.c_str(), temp.c_str()) != 0) {
    return Status::fromErrno("create temporary link", errno).withContext(context);
  }
  if (::rename(temp.c_str(), link.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    return Status::fromErrno("rename", error).withContext(context);
  }
  if (!sync) return Status::ok();
  return shared::fs::syncDirectory(directory).withContext(context);
}

shared::Result<std::string> readSymlink(const std::filesystem::path& link) {
  std::string buffer(4096, '\0');
  const ssize_t n = ::readlink(link.c_str(), buffer.data(), buffer.size());
  if (n < 0) {
    if (errno == EINVAL) {
      return shared::Status::invalidArgument("read link " + link.string() + ": not a symlink");
    }
    return shared::Status::fromErrno("read link " + link.string(), errno);
  }
  buffer.resize(static_cast<std::size_t>(n));
  return buffer;
}

}  // namespace certd::store
