#pragma once

// Atomic file replacement (leveldb SetCurrentFile):
// the new contents go to a temporary file in the same directory, created with its final
// mode before any byte is written, then fsync, rename over the target, fsync the
// directory. A reader sees the old file or the new one, never a mix; after a crash at
// any instant the target is the old or the new file, and at worst a stray temporary
// file named ".{name}.tmp-XXXXXX" remains.
//
// Safe to call from any thread; two writers of one path race, the last rename wins.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "shared/result.h"
#include "shared/status.h"

namespace shared::fs {

struct WriteOptions {
  mode_t mode = 0644;          // exact mode of the new file (the umask does not apply)
  std::optional<gid_t> group;  // chown to this group before writing (0640 keys for a group)
};

// Replaces `path` with `contents`. Errors name the path and the step:
// "write /certs/a.pem: create temporary file: Permission denied". On error the target is
// untouched and the temporary file is removed.
Status writeFileAtomically(const std::filesystem::path& path, std::string_view contents,
                           const WriteOptions& options = {});

// fsync()s a directory so that a rename inside it survives a power cut.
Status syncDirectory(const std::filesystem::path& directory);

// The whole file as bytes; errors name the path.
Result<std::string> readFile(const std::filesystem::path& path);

}  // namespace shared::fs
