#include "certd/state/attempt_store.h"

#include <sys/stat.h>

#include <cerrno>
#include <system_error>

#include "shared/fs/atomic_file.h"

namespace certd::state {

shared::Status ensurePrivateDirectory(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return shared::Status::ioError("create " + dir.string() + ": " + error.message());
  if (::chmod(dir.c_str(), 0700) != 0) {
    return shared::Status::fromErrno("chmod 0700 " + dir.string(), errno);
  }
  return shared::Status::ok();
}

shared::Result<AttemptHistory> AttemptStore::load(std::string_view name) const {
  if (auto s = store::checkCertificateName(name); !s) return s;
  const auto path = layout_.attemptsFile(name);
  auto json = shared::fs::readFile(path);
  if (!json) {
    if (json.status().code() == shared::Status::Code::kNotFound) return AttemptHistory{};
    return json.status();
  }
  auto history = parseAttemptHistory(*json);
  if (!history) return history.status().withContext(path.string());
  return history;
}

shared::Status AttemptStore::save(std::string_view name, const AttemptHistory& history) {
  if (auto s = store::checkCertificateName(name); !s) return s;
  if (auto s = ensurePrivateDirectory(layout_.dir()); !s) return s;
  if (auto s = ensurePrivateDirectory(layout_.attemptsDir()); !s) return s;
  return shared::fs::writeFileAtomically(layout_.attemptsFile(name), toJson(history),
                                         {.mode = 0600});
}

}  // namespace certd::state
