#pragma once

// Status: the outcome of an operation on the data plane (request handling, the renewal
// loop, file I/O). Either ok, or a code plus a human message built as
// "component: subject: cause". Cheap to copy; never throws.
// Control-plane code (start-up, config) may throw instead.

#include <string>
#include <string_view>

namespace shared {

class [[nodiscard]] Status {
 public:
  // Coarse categories, enough to choose an HTTP status or an exit code.
  enum class Code {
    kOk,
    kInvalidArgument,   // the caller's input is wrong (config value, request, PEM text)
    kNotFound,          // a file, session or resource does not exist
    kPermissionDenied,  // the OS or a peer refused access
    kIoError,           // a read, write, rename or network operation failed
    kUnavailable,       // a peer is down or asked us to retry later
    kInternal,          // a bug or a library failure we did not expect
  };

  // Default-constructed Status is ok.
  Status() = default;

  static Status ok() { return Status(); }
  static Status invalidArgument(std::string message) {
    return {Code::kInvalidArgument, std::move(message)};
  }
  static Status notFound(std::string message) { return {Code::kNotFound, std::move(message)}; }
  static Status permissionDenied(std::string message) {
    return {Code::kPermissionDenied, std::move(message)};
  }
  static Status ioError(std::string message) { return {Code::kIoError, std::move(message)}; }
  static Status unavailable(std::string message) {
    return {Code::kUnavailable, std::move(message)};
  }
  static Status internal(std::string message) { return {Code::kInternal, std::move(message)}; }

  // An error status from errno, e.g. fromErrno("write /a/b", ENOSPC) ->
  // "write /a/b: No space left on device" with a code chosen from the errno value.
  static Status fromErrno(std::string_view what, int error_number);

  bool isOk() const { return code_ == Code::kOk; }
  explicit operator bool() const { return isOk(); }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "context: message"; ok stays ok.
  Status withContext(std::string_view context) const;

  // "ok", or the code name and message: "io error: write /a/b: No space left on device".
  std::string toString() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

std::string_view codeName(Status::Code code);

}  // namespace shared
