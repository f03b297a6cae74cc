#pragma once

// The generation directories of one certificate (.{name}.gen/000001, 000002, ...): listing
// them and pruning old ones after a switch. Called by CertificateStore only, under the
// certificate's lock; not thread-safe for one name.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "certd/store/paths.h"
#include "shared/status.h"

namespace certd::store {

// The complete generations of `name`, ascending. Temporary directories (".tmp-...") and
// other entries are ignored; a missing .{name}.gen gives an empty list.
std::vector<std::uint64_t> listGenerations(const CertsLayout& layout, std::string_view name);

// The generation .{name}.live points at; nullopt when there is no live link or it points
// somewhere this store did not write.
std::optional<std::uint64_t> liveGeneration(const CertsLayout& layout, std::string_view name);

// Keeps the `keep` newest generations and `live` (whatever its age), and removes every
// other generation and every temporary directory left by an interrupted install.
// `keep` below 1 counts as 1. Errors name the directory that could not be removed.
shared::Status pruneGenerations(const CertsLayout& layout, std::string_view name, int keep,
                                std::uint64_t live);

}  // namespace certd::store
