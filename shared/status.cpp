#include "shared/status.h"

#include <cerrno>
#include <cstring>

namespace shared {

Status Status::fromErrno(std::string_view what, int error_number) {
  std::string message(what);
  message += ": ";
  message += std::strerror(error_number);
  switch (error_number) {
    case ENOENT:
    case ENOTDIR:
      return Status(Code::kNotFound, std::move(message));
    case EACCES:
    case EPERM:
    case EROFS:
      return Status(Code::kPermissionDenied, std::move(message));
    case EINVAL:
      return Status(Code::kInvalidArgument, std::move(message));
    default:
      return Status(Code::kIoError, std::move(message));
  }
}

Status Status::withContext(std::string_view context) const {
  if (isOk()) return *this;
  std::string message(context);
  message += ": ";
  message += message_;
  return Status(code_, std::move(message));
}

std::string Status::toString() const {
  if (isOk()) return "ok";
  return std::string(codeName(code_)) + ": " + message_;
}

std::string_view codeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
      return "ok";
    case Status::Code::kInvalidArgument:
      return "invalid argument";
    case Status::Code::kNotFound:
      return "not found";
    case Status::Code::kPermissionDenied:
      return "permission denied";
    case Status::Code::kIoError:
      return "io error";
    case Status::Code::kUnavailable:
      return "unavailable";
    case Status::Code::kInternal:
      return "internal error";
  }
  return "unknown";
}

}  // namespace shared
