#include "certd/store/account_layout.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace certd::store {

AccountLayout::AccountLayout(const std::filesystem::path& state_dir,
                             const std::string& directory_url)
    : folder_(state_dir / "accounts" / directoryFolderName(directory_url)) {}

std::filesystem::path AccountLayout::deactivatedDir(std::string_view stamp) const {
  return folder_ / "deactivated" / std::string(stamp);
}

std::string AccountLayout::directoryFolderName(const std::string& directory_url) {
  try {
    const Poco::URI uri(directory_url);
    std::string name = uri.getHost();
    if (uri.getPort() != 443) name += "_" + std::to_string(uri.getPort());
    for (char& c : name) {
      if (c == '/' || c == ':' || c == '\\') c = '_';
    }
    return name.empty() || name == "." || name == ".." ? "default" : name;
  } catch (const Poco::Exception&) {
    return "default";
  }
}

}  // namespace certd::store
