#pragma once

// index.json: the Hugo-style search index the original server read, a JSON array of
// {"title", "permalink", "contents"} objects, turned into a Corpus. Parsing is pure (any
// thread); loading reads one file on the caller's thread.

#include <filesystem>
#include <string>
#include <string_view>

#include "mcpd/corpus/corpus.h"
#include "shared/result.h"

namespace mcpd::corpus {

// The corpus described by `json`; `source` names it in the corpus and in errors (a path or
// a URL). Each item needs string "title", "permalink" (non-empty) and "contents"; the id
// comes from the permalink's path, the url is the permalink, an empty title becomes the id.
// "lang" or "language" sets the language (else a language first path segment of the
// permalink such as "/de/" or "/pt-br/", else `default_language`; language_tag.h). Other fields
// become metadata when they are strings, numbers, booleans or arrays of those (joined with ", ");
// null and objects are skipped. Errors (kInvalidArgument) start with `source` and say where:
//   "index.json: invalid JSON at line 3, column 14: expected ',' or ']', got '}'"
//   "index.json: the top level must be an array, got an object"
//   "index.json: item 3: must be an object"
//   "index.json: item 3: \"contents\" must be a string"        (items count from 0)
// Items that name no language, by field or permalink, get `default_language`.
shared::Result<Corpus> parseIndexJson(std::string_view json, std::string source,
                                      std::string_view default_language = "en");

// Reads `path` and parses it, with the path as the source. Errors name the path.
shared::Result<Corpus> loadIndexJsonFile(const std::filesystem::path& path,
                                         std::string_view default_language = "en");

}  // namespace mcpd::corpus
