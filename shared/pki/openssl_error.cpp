#include "shared/pki/openssl_error.h"

#include <openssl/err.h>

namespace shared::pki {

std::string drainOpenSslErrors() {
  std::string joined;
  while (unsigned long error = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(error, text, sizeof(text));
    if (!joined.empty()) joined += "; ";
    joined += text;
  }
  return joined;
}

Status openSslError(std::string_view what, Status::Code code) {
  std::string message(what);
  message += ": ";
  std::string errors = drainOpenSslErrors();
  message += errors.empty() ? "unknown OpenSSL error" : errors;
  switch (code) {
    case Status::Code::kInvalidArgument:
      return Status::invalidArgument(std::move(message));
    case Status::Code::kNotFound:
      return Status::notFound(std::move(message));
    case Status::Code::kPermissionDenied:
      return Status::permissionDenied(std::move(message));
    case Status::Code::kIoError:
      return Status::ioError(std::move(message));
    case Status::Code::kUnavailable:
      return Status::unavailable(std::move(message));
    case Status::Code::kOk:
    case Status::Code::kInternal:
      break;
  }
  return Status::internal(std::move(message));
}

ErrorQueueGuard::ErrorQueueGuard() {
  ERR_clear_error();
}

ErrorQueueGuard::~ErrorQueueGuard() {
  ERR_clear_error();
}

}  // namespace shared::pki
