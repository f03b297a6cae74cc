#include "certd/app/ca_bundle_wait.h"

#include <system_error>

#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::app {
namespace {

bool nonEmptyFile(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) &&
         std::filesystem::file_size(path, error) > 0;
}

}  // namespace

FileWait waitForFile(const std::filesystem::path& path, std::chrono::milliseconds deadline,
                     const std::function<bool(std::chrono::milliseconds)>& pause,
                     std::chrono::milliseconds progress_every) {
  if (nonEmptyFile(path)) return FileWait::kPresent;
  const auto log = shared::log::get("certd");
  using Steady = std::chrono::steady_clock;
  const auto started = Steady::now();
  const auto give_up = started + deadline;
  auto next_progress = started + progress_every;
  shared::log::info(
      log, "waiting for ca_bundle",
      {{"file", path.string()},
       {"deadline_s", std::chrono::duration_cast<std::chrono::seconds>(deadline).count()}});
  // Short slices: the file's writer (Pebble's start script) publishes it once its CA answers,
  // and the first order should follow at once.
  constexpr std::chrono::milliseconds kSlice{200};
  while (true) {
    const auto now = Steady::now();
    if (now >= give_up) {
      shared::log::error(
          log, "ca_bundle still missing, going on without waiting",
          {{"file", path.string()},
           {"waited_s", std::chrono::duration_cast<std::chrono::seconds>(now - started).count()}});
      return FileWait::kTimedOut;
    }
    if (now >= next_progress) {
      shared::log::info(
          log, "waiting for ca_bundle",
          {{"file", path.string()},
           {"waited_s", std::chrono::duration_cast<std::chrono::seconds>(now - started).count()},
           {"deadline_s", std::chrono::duration_cast<std::chrono::seconds>(deadline).count()}});
      next_progress += progress_every;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - now);
    if (!pause(std::min(kSlice, left))) return FileWait::kStopped;
    if (nonEmptyFile(path)) {
      shared::log::info(log, "ca_bundle present",
                        {{"file", path.string()},
                         {"waited_ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                           Steady::now() - started)
                                           .count()}});
      return FileWait::kPresent;
    }
  }
}

}  // namespace certd::app
