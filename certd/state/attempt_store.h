#pragma once

// AttemptStore: the attempt history of each certificate, one private JSON file per name
// under the state directory ({state}/attempts/{name}.json, see certd/store/paths.h).
// Directories are 0700 and files 0600; every save
// replaces the file atomically, so a crash leaves the previous history or the new one.
// Callers serialize saves for one name (the certificate lock); loads may run anywhere.

#include <string_view>

#include "certd/state/attempt_history.h"
#include "certd/store/paths.h"
#include "shared/result.h"
#include "shared/status.h"

namespace certd::state {

class AttemptStore {
 public:
  explicit AttemptStore(store::StateLayout layout) : layout_(std::move(layout)) {}

  // The saved history; an empty history when none was ever saved. A file that does not
  // parse fails (kInvalidArgument naming the path) rather than silently resetting back-off.
  shared::Result<AttemptHistory> load(std::string_view name) const;

  // Saves `history`, creating the state directories 0700 as needed.
  shared::Status save(std::string_view name, const AttemptHistory& history);

 private:
  store::StateLayout layout_;
};

// Creates `dir` and its missing parents, and makes `dir` itself mode 0700.
shared::Status ensurePrivateDirectory(const std::filesystem::path& dir);

}  // namespace certd::state
