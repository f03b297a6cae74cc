#include "certd/challenge/solver.h"

namespace certd::challenge {

bool isSafeToken(std::string_view token) {
  if (token.empty() || token.size() > 256) return false;
  for (const char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace certd::challenge
