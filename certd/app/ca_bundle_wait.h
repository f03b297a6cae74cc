#pragma once

// The wait of `certd run` for a ca_bundle that another service is about to write. In
// compose's pebble profile Pebble makes its CA at its first start, in parallel with certd;
// without the wait the first renewal pass fails on the missing file and backs off for a
// minute. Runs on the daemon's main thread before the renewal loop; stateless.

#include <chrono>
#include <filesystem>
#include <functional>

namespace certd::app {

// How long `certd run` waits for a missing ca_bundle before it goes on (and its renewal
// passes report the missing file, with back-off).
inline constexpr std::chrono::seconds kCaBundleWait{120};

enum class FileWait { kPresent, kTimedOut, kStopped };

// Returns kPresent as soon as `path` is a non-empty file (at once when it already is),
// kTimedOut after `deadline`, kStopped when `pause` returns false. `pause(slice)` sleeps
// up to `slice` (a signal waiter in the daemon) and returns false to end the wait. Logs
// progress on "certd" every `progress_every`.
FileWait waitForFile(const std::filesystem::path& path, std::chrono::milliseconds deadline,
                     const std::function<bool(std::chrono::milliseconds)>& pause,
                     std::chrono::milliseconds progress_every = std::chrono::seconds(5));

}  // namespace certd::app
