#pragma once

// Atomic symbolic-link replacement: the one primitive behind the pair switch. A new link
// is created under a temporary name in the same directory and rename()d over the old one
// (rename(2) replaces a symlink atomically), then the directory is fsynced, so a reader
// resolving the link sees the old target or the new one, never no link at all.
// Thread-safe for distinct link paths; one writer per path (the certificate lock).

#include <filesystem>
#include <optional>
#include <string>

#include "shared/result.h"
#include "shared/status.h"

namespace certd::store {

// Points `link` at `target` (stored verbatim, so a relative target stays relative),
// replacing whatever link or file was there. When `sync` is true the directory is fsynced
// afterwards. Errors name the link and the step; on error the old entry is untouched.
shared::Status replaceSymlink(const std::filesystem::path& link, const std::string& target,
                              bool sync = true);

// The target stored in `link`; kNotFound when it does not exist, kInvalidArgument when it
// exists but is not a symlink.
shared::Result<std::string> readSymlink(const std::filesystem::path& link);

}  // namespace certd::store
