#pragma once

// Markdown documents: turns one Markdown file's bytes into a Document, for the folder
// loader and the built-in corpus. Understands YAML front matter between leading "---"
// lines (yaml-cpp), ATX "# " headings and a language folder ("de/setup.md").
// Pure apart from warning logs on the "mcpd.corpus" logger; any thread.

#include <string_view>

#include "mcpd/corpus/document.h"

namespace mcpd::corpus {

// The document for the file at `relative_path` (with "/" separators, e.g.
// "de/guides/install.md") holding `contents`:
// - id: documentIdFromPath(relative_path);
// - title: front matter `title`, else the first "# " heading outside code fences, else the
//   file name without extension;
// - url: front matter `url` or `permalink`, else `relative_path`;
// - language: front matter `lang` or `language` when it is a language tag, else a first
//   path component that is one ("de/...", "pt-br/..."; language_tag.h), else
//   `default_language`;
// - metadata: the other front-matter keys with scalar values (lists of scalars are joined
//   with ", "), in file order;
// - text: everything after the front matter.
// Front matter that is not valid YAML, or not a mapping, is logged as a warning naming the
// file (`log_name`, default `relative_path`) and line, and otherwise ignored; the file still
// loads. Never fails.
Document parseMarkdownDocument(std::string_view relative_path, std::string_view contents,
                               std::string_view log_name = {},
                               std::string_view default_language = "en");

}  // namespace mcpd::corpus
