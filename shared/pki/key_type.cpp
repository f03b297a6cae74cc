#include "shared/pki/key_type.h"

#include <array>
#include <cctype>

namespace shared::pki {
namespace {

struct KeyTypeInfo {
  KeyType type;
  std::string_view name;
  std::string_view description;
};

constexpr std::array<KeyTypeInfo, 5> kKeyTypes = {{
    {KeyType::kEcP256, "ec256", "ECDSA P-256"},
    {KeyType::kEcP384, "ec384", "ECDSA P-384"},
    {KeyType::kRsa2048, "rsa2048", "RSA 2048"},
    {KeyType::kRsa3072, "rsa3072", "RSA 3072"},
    {KeyType::kRsa4096, "rsa4096", "RSA 4096"},
}};

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

const KeyTypeInfo& infoFor(KeyType type) {
  for (const KeyTypeInfo& info : kKeyTypes) {
    if (info.type == type) return info;
  }
  return kKeyTypes[0];  // unreachable for valid enum values
}

}  // namespace

Result<KeyType> parseKeyType(std::string_view text) {
  for (const KeyTypeInfo& info : kKeyTypes) {
    if (equalsIgnoringCase(text, info.name)) return info.type;
  }
  return Status::invalidArgument("unknown key type \"" + std::string(text) +
                                 "\" (accepted: " + acceptedKeyTypeNames() + ")");
}

std::string_view keyTypeName(KeyType type) {
  return infoFor(type).name;
}

std::string_view keyTypeDescription(KeyType type) {
  return infoFor(type).description;
}

std::string acceptedKeyTypeNames() {
  std::string names;
  for (const KeyTypeInfo& info : kKeyTypes) {
    if (!names.empty()) names += ", ";
    names += info.name;
  }
  return names;
}

}  // namespace shared::pki
