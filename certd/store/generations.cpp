#include "certd/store/generations.h"

#include <algorithm>
#include <system_error>

#include "certd/store/symlink.h"

namespace certd::store {

std::vector<std::uint64_t> listGenerations(const CertsLayout& layout, std::string_view name) {
  std::vector<std::uint64_t> generations;
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(layout.generationsDir(name), error)) {
    const auto generation = CertsLayout::parseGenerationDirName(entry.path().filename().string());
    if (generation && entry.is_directory(error)) generations.push_back(*generation);
  }
  std::sort(generations.begin(), generations.end());
  return generations;
}

std::optional<std::uint64_t> liveGeneration(const CertsLayout& layout, std::string_view name) {
  auto target = readSymlink(layout.liveLink(name));
  if (!target) return std::nullopt;
  const std::string prefix = CertsLayout::liveLinkTarget(name, 0);
  const std::string stem =
      prefix.substr(0, prefix.size() - CertsLayout::generationDirName(0).size());
  if (target->rfind(stem, 0) != 0) return std::nullopt;
  return CertsLayout::parseGenerationDirName(std::string_view(*target).substr(stem.size()));
}

shared::Status pruneGenerations(const CertsLayout& layout, std::string_view name, int keep,
                                std::uint64_t live) {
  keep = std::max(keep, 1);
  std::vector<std::uint64_t> generations = listGenerations(layout, name);
  std::vector<std::filesystem::path> doomed;
  const std::size_t kept = static_cast<std::size_t>(keep);
  for (std::size_t i = 0; i + kept < generations.size(); ++i) {
    if (generations[i] != live) doomed.push_back(layout.generationDir(name, generations[i]));
  }
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(layout.generationsDir(name), error)) {
    if (entry.path().filename().string().rfind(".tmp-", 0) == 0) doomed.push_back(entry.path());
  }
  for (const auto& path : doomed) {
    std::filesystem::remove_all(path, error);
    if (error) {
      return shared::Status::ioError("prune " + path.string() + ": " + error.message());
    }
  }
  return shared::Status::ok();
}

}  // namespace certd::store
