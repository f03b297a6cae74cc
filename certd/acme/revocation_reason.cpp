#include "certd/acme/revocation_reason.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace certd::acme {
namespace {

struct Reason {
  int code;
  std::string_view name;
};

constexpr std::array<Reason, 5> kReasons = {{{0, "unspecified"},
                                             {1, "keyCompromise"},
                                             {3, "affiliationChanged"},
                                             {4, "superseded"},
                                             {5, "cessationOfOperation"}}};

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::optional<int> parseRevocationReason(std::string_view text) {
  for (const Reason& reason : kReasons) {
    if (equalsIgnoringCase(text, reason.name) || text == std::to_string(reason.code))
      return reason.code;
  }
  return std::nullopt;
}

std::string_view revocationReasonName(int code) {
  for (const Reason& reason : kReasons) {
    if (reason.code == code) return reason.name;
  }
  return "";
}

std::string revocationReasonList() {
  std::string list;
  for (const Reason& reason : kReasons) {
    if (!list.empty()) list += ", ";
    list += std::string(reason.name) + " (" + std::to_string(reason.code) + ")";
  }
  return list;
}

}  // namespace certd::acme
