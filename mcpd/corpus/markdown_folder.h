#pragma once

// Markdown folder: loads every Markdown file under a directory into a Corpus, the simplest
// way to give mcpd its documentation (MCPD_DOCS=/srv/docs). Runs on the caller's thread
// (start-up or the reload loop) and touches nothing but the folder it reads.

#include <filesystem>

#include "mcpd/corpus/corpus.h"
#include "shared/result.h"

namespace mcpd::corpus {

// A corpus of every *.md and *.markdown file under `root`, recursively, in path order;
// files and folders whose names start with "." are skipped, and so are symbolic links that
// resolve outside `root` (with a warning); linked folders are not entered. Each file becomes a
// Document as parseMarkdownDocument() describes, with its path relative to `root`. Errors name the
// path: `root` missing or not a directory, a folder that cannot be listed, a Markdown file
// that cannot be read, or no Markdown file at all. Broken front matter only logs a warning.
// `default_language` is the language of files that name none (see parseMarkdownDocument).
shared::Result<Corpus> loadMarkdownFolder(const std::filesystem::path& root,
                                          std::string_view default_language = "en");

}  // namespace mcpd::corpus
