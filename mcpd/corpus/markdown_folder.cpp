#include "mcpd/corpus/markdown_folder.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <system_error>
#include <vector>

#include "mcpd/corpus/markdown_document.h"
#include "shared/fs/atomic_file.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::corpus {
namespace {

namespace fs = std::filesystem;

bool isMarkdownName(const fs::path& name) {
  std::string extension = name.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == ".md" || extension == ".markdown";
}

bool isHidden(const fs::path& name) {
  return name.filename().string().starts_with('.');
}

shared::Status listError(const fs::path& path, const std::error_code& error) {
  return shared::Status::fromErrno("markdown folder " + path.string(), error.value());
}

// True when `path` is a symbolic link that resolves to somewhere outside `real_root` (a
// canonical path). A link that does not resolve stays in, so that reading it reports it.
bool leadsOutside(const fs::directory_entry& entry, const fs::path& real_root) {
  std::error_code error;
  if (!entry.is_symlink(error)) return false;
  const fs::path target = fs::canonical(entry.path(), error);
  if (error) return false;
  const fs::path relative = target.lexically_relative(real_root);
  return relative.empty() || *relative.begin() == "..";
}

// Relative paths ("/"-separated) of the Markdown files under `root`, sorted. Symbolic links
// to files or folders outside `root` are skipped with a warning: a docs repository must
// not be able to publish the server's own files (its TLS key) through search. Linked
// folders are never entered.
shared::Result<std::vector<std::string>> findMarkdownFiles(const fs::path& root) {
  std::vector<std::string> files;
  std::error_code error;
  const fs::path real_root = fs::canonical(root, error);
  if (error) return listError(root, error);
  fs::recursive_directory_iterator it(root, error);
  if (error) return listError(root, error);
  while (it != fs::recursive_directory_iterator()) {
    const fs::path path = it->path();
    std::error_code type_error;
    const bool is_directory = it->is_directory(type_error);
    if (isHidden(path)) {
      if (is_directory) it.disable_recursion_pending();
    } else if ((is_directory || isMarkdownName(path)) && leadsOutside(*it, real_root)) {
      shared::log::warn(shared::log::get("mcpd.corpus"),
                        "skipping a symbolic link that leads outside the docs folder",
                        {{"path", path.string()}});
    } else if (isMarkdownName(path) && !is_directory) {
      // Anything else with a Markdown name is read later, so that a dangling link or an
      // unreadable file is reported instead of silently dropped.
      files.push_back(path.lexically_relative(root).generic_string());
    }
    // Entering a directory happens here, so a listing error names that directory.
    it.increment(error);
    if (error) return listError(path, error);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

shared::Result<Corpus> loadMarkdownFolder(const fs::path& root, std::string_view default_language) {
  const std::string source = "markdown folder " + root.string();
  std::error_code error;
  const fs::file_status status = fs::status(root, error);
  if (error) return listError(root, error);
  if (!fs::is_directory(status)) {
    return shared::Status::invalidArgument(source + ": not a directory");
  }

  auto files = findMarkdownFiles(root);
  if (!files) return files.status();
  if (files->empty()) {
    return shared::Status::notFound(source + ": no Markdown files (*.md, *.markdown)");
  }

  std::vector<Document> documents;
  documents.reserve(files->size());
  for (const std::string& relative : *files) {
    const fs::path path = root / relative;
    auto contents = shared::fs::readFile(path);
    if (!contents) return contents.status().withContext(source);
    documents.push_back(
        parseMarkdownDocument(relative, *contents, path.string(), default_language));
  }
  Corpus corpus(std::move(documents), source);
  shared::log::info(shared::log::get("mcpd.corpus"), "loaded",
                    {{"documents", corpus.size()}, {"source", source}});
  return corpus;
}

}  // namespace mcpd::corpus
