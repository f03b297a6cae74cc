#include "shared/fs/atomic_file.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace shared::fs {
namespace {

// Closes a descriptor on scope exit unless released.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now and reports the error, which for NFS can be the first sign of a failed write.
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

Status writeAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::fromErrno("write temporary file", errno);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::ok();
}

}  // namespace

Status syncDirectory(const std::filesystem::path& directory) {
  FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return Status::fromErrno("open directory " + directory.string(), errno);
  if (::fsync(dir.get()) != 0)
    return Status::fromErrno("fsync directory " + directory.string(), errno);
  return Status::ok();
}

Status writeFileAtomically(const std::filesystem::path& path, std::string_view contents,
                           const WriteOptions& options) {
  const std::string context = "write " + path.string();
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : ".";
  std::string temp = (directory / ("." + path.filename().string() + ".tmp-XXXXXX")).string();

  // mkstemp creates the file 0600, so no other user can open it before fchmod narrows or
  // widens it to the final mode, and that happens before any byte is written.
  FileDescriptor fd(::mkostemp(temp.data(), O_CLOEXEC));
  if (fd.get() < 0) return Status::fromErrno("create temporary file", errno).withContext(context);

  auto fail = [&](Status status) {
    ::unlink(temp.c_str());
    return status.withContext(context);
  };
  if (options.group && ::fchown(fd.get(), static_cast<uid_t>(-1), *options.group) != 0) {
    return fail(Status::fromErrno("set group " + std::to_string(*options.group), errno));
  }
  if (::fchmod(fd.get(), options.mode) != 0) return fail(Status::fromErrno("set mode", errno));
  if (Status s = writeAll(fd.get(), contents); !s) return fail(s);
  if (::fsync(fd.get()) != 0) return fail(Status::fromErrno("fsync temporary file", errno));
  if (fd.close() != 0) return fail(Status::fromErrno("close temporary file", errno));
  if (::rename(temp.c_str(), path.c_str()) != 0) return fail(Status::fromErrno("rename", errno));
  return syncDirectory(directory).withContext(context);
}

Result<std::string> readFile(const std::filesystem::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Status::fromErrno("read " + path.string(), errno);
  std::string data;
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::fromErrno("read " + path.string(), errno);
    }
    data.append(buffer, static_cast<std::size_t>(n));
  }
  return data;
}

}  // namespace shared::fs
