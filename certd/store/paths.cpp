#include "certd/store/paths.h"

#include <charconv>

namespace certd::store {

shared::Status checkCertificateName(std::string_view name) {
  auto bad = [&](std::string_view why) {
    return shared::Status::invalidArgument("certificate name \"" + std::string(name) +
                                           "\": " + std::string(why));
  };
  if (name.empty()) return bad("is empty");
  if (name.size() > 200) return bad("is longer than 200 characters");
  // A leading dot would collide with the hidden .{name}.live and .{name}.gen entries.
  if (name.front() == '.') return bad("starts with '.'");
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_' || c == '*';
    if (!ok) return bad("has a character a file name here cannot hold");
  }
  return shared::Status::ok();
}

std::string_view CertsLayout::generationFileName(PublicFile file) {
  switch (file) {
    case PublicFile::kCert:
      return "cert.pem";
    case PublicFile::kKey:
      return "key.pem";
    case PublicFile::kCombined:
      return "pem";
    case PublicFile::kMetadata:
      return "json";
  }
  return "unknown";
}

std::string CertsLayout::publicFileName(std::string_view name, PublicFile file) {
  std::string base(name);
  switch (file) {
    case PublicFile::kCert:
      return base + ".cert.pem";
    case PublicFile::kKey:
      return base + ".key.pem";
    case PublicFile::kCombined:
      return base + ".pem";
    case PublicFile::kMetadata:
      return base + ".json";
  }
  return base;
}

std::string CertsLayout::generationDirName(std::uint64_t generation) {
  std::string digits = std::to_string(generation);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return digits;
}

std::optional<std::uint64_t> CertsLayout::parseGenerationDirName(std::string_view dir_name) {
  if (dir_name.size() < 6) return std::nullopt;
  std::uint64_t value = 0;
  const char* end = dir_name.data() + dir_name.size();
  auto [ptr, ec] = std::from_chars(dir_name.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  if (dir_name != generationDirName(value)) return std::nullopt;  // "+1", "0000007"
  return value;
}

std::string CertsLayout::liveLinkTarget(std::string_view name, std::uint64_t generation) {
  return "." + std::string(name) + ".gen/" + generationDirName(generation);
}

std::string CertsLayout::publicLinkTarget(std::string_view name, PublicFile file) {
  return "." + std::string(name) + ".live/" + std::string(generationFileName(file));
}

std::filesystem::path CertsLayout::publicPath(std::string_view name, PublicFile file) const {
  return dir_ / publicFileName(name, file);
}

std::filesystem::path CertsLayout::liveLink(std::string_view name) const {
  return dir_ / ("." + std::string(name) + ".live");
}

std::filesystem::path CertsLayout::generationsDir(std::string_view name) const {
  return dir_ / ("." + std::string(name) + ".gen");
}

std::filesystem::path CertsLayout::generationDir(std::string_view name,
                                                 std::uint64_t generation) const {
  return generationsDir(name) / generationDirName(generation);
}

std::filesystem::path CertsLayout::generationFile(std::string_view name, std::uint64_t generation,
                                                  PublicFile file) const {
  return generationDir(name, generation) / std::string(generationFileName(file));
}

std::filesystem::path StateLayout::attemptsFile(std::string_view name) const {
  return attemptsDir() / (std::string(name) + ".json");
}

std::filesystem::path StateLayout::lockFile(std::string_view name) const {
  return locksDir() / (std::string(name) + ".lock");
}

}  // namespace certd::store
