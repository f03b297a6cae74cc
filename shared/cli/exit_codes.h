#pragma once

// Process exit codes, from sysexits.h, so scripts and systemd can tell failures apart.

namespace shared::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 64;        // EX_USAGE: bad flag or command
inline constexpr int kExitUnavailable = 69;  // EX_UNAVAILABLE: a needed service is missing
inline constexpr int kExitSoftware = 70;     // EX_SOFTWARE: an internal error
inline constexpr int kExitCantCreate = 73;   // EX_CANTCREAT: cannot create an output file
inline constexpr int kExitConfig = 78;       // EX_CONFIG: the configuration is wrong

}  // namespace shared::cli
