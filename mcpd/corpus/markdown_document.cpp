#include "mcpd/corpus/markdown_document.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "mcpd/corpus/document_id.h"
#include "mcpd/corpus/language_tag.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/text.h"

namespace mcpd::corpus {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Line {
  std::string_view text;  // without "\n" or "\r\n"
  std::size_t start;      // offset of the line's first byte
  std::size_t end;        // offset just past the line's newline
};

// The line starting at `offset`, or nullopt at the end of `contents`.
std::optional<Line> lineAt(std::string_view contents, std::size_t offset) {
  if (offset >= contents.size()) return std::nullopt;
  const auto newline = contents.find('\n', offset);
  const std::size_t stop = newline == std::string_view::npos ? contents.size() : newline;
  std::string_view text = contents.substr(offset, stop - offset);
  if (text.ends_with('\r')) text.remove_suffix(1);
  return Line{text, offset, newline == std::string_view::npos ? contents.size() : newline + 1};
}

struct FrontMatter {
  std::string_view yaml;  // between the delimiter lines
  std::string_view body;  // after the closing delimiter line
};

// Jekyll/Hugo front matter: a first line "---", then YAML up to a line "---" or "...".
// Without a closing line the leading "---" is a thematic break, not front matter.
std::optional<FrontMatter> splitFrontMatter(std::string_view contents) {
  auto first = lineAt(contents, 0);
  if (!first || shared::trimmed(first->text) != "---") return std::nullopt;
  for (auto line = lineAt(contents, first->end); line; line = lineAt(contents, line->end)) {
    const std::string_view marker = shared::trimmed(line->text);
    if (marker == "---" || marker == "...") {
      return FrontMatter{contents.substr(first->end, line->start - first->end),
                         contents.substr(line->end)};
    }
  }
  return std::nullopt;
}

// A scalar, or a list of scalars joined with ", "; nullopt for maps, nested lists and null.
std::optional<std::string> scalarText(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  if (!node.IsSequence()) return std::nullopt;
  std::string joined;
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) return std::nullopt;
    if (!joined.empty()) joined += ", ";
    joined += item.Scalar();
  }
  return joined;
}

// The text of the first ATX level-1 heading ("# Title #") outside fenced code blocks.
std::optional<std::string> firstHeading(std::string_view body) {
  std::string_view fence;  // the opening fence while inside a code block
  for (auto line = lineAt(body, 0); line; line = lineAt(body, line->end)) {
    const std::string_view text = shared::trimmed(line->text);
    if (!fence.empty()) {
      if (text.starts_with(fence)) fence = {};
      continue;
    }
    if (text.starts_with("```") || text.starts_with("~~~")) {
      fence = text.substr(0, 3);
      continue;
    }
    if (text.size() < 2 || text[0] != '#' || (text[1] != ' ' && text[1] != '\t')) continue;
    std::string_view heading = shared::trimmed(text.substr(2));
    // An optional closing sequence of #s (CommonMark §4.2) is not part of the title.
    const auto hashes = heading.find_last_not_of('#');
    if (hashes != std::string_view::npos && hashes + 1 < heading.size() &&
        (heading[hashes] == ' ' || heading[hashes] == '\t')) {
      heading = shared::trimmed(heading.substr(0, hashes));
    }
    if (!heading.empty()) return std::string(heading);
  }
  return std::nullopt;
}

std::string fileStem(std::string_view relative_path) {
  const auto slash = relative_path.rfind('/');
  std::string_view name =
      slash == std::string_view::npos ? relative_path : relative_path.substr(slash + 1);
  const auto dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return std::string(name);
}

// Applies the front matter's keys to `document`, or logs why it cannot and changes nothing.
void applyFrontMatter(std::string_view log_name, std::string_view yaml, Document& document,
                      bool& language_set) {
  auto log = shared::log::get("mcpd.corpus");
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    // mark.line counts from 0 within the YAML, which starts on the file's line 2.
    const int line = e.mark.is_null() ? 1 : e.mark.line + 2;
    shared::log::warn(log, "front matter is not valid YAML, ignored",
                      {{"file", log_name}, {"line", line}, {"error", e.msg}});
    return;
  }
  if (root.IsNull()) return;
  if (!root.IsMap()) {
    shared::log::warn(log, "front matter is not a mapping, ignored",
                      {{"file", log_name}, {"line", 2}});
    return;
  }
  for (const auto& entry : root) {
    if (!entry.first.IsScalar()) continue;
    const std::string key = entry.first.Scalar();
    std::optional<std::string> value = scalarText(entry.second);
    if (!value) continue;
    if (key == "title") {
      if (!shared::trimmed(*value).empty()) document.title = std::string(shared::trimmed(*value));
    } else if (key == "url" || key == "permalink") {
      if (!value->empty()) document.url = *value;
    } else if (key == "lang" || key == "language") {
      if (auto code = languageOfTag(*value)) {
        document.language = std::move(*code);
        language_set = true;
      }
    } else {
      document.metadata.emplace_back(key, std::move(*value));
    }
  }
}

}  // namespace

Document parseMarkdownDocument(std::string_view relative_path, std::string_view contents,
                               std::string_view log_name, std::string_view default_language) {
  if (contents.starts_with(kBom)) contents.remove_prefix(kBom.size());
  Document document;
  document.id = documentIdFromPath(relative_path);
  document.url = std::string(relative_path);
  bool language_set = false;

  std::string_view body = contents;
  if (auto front = splitFrontMatter(contents)) {
    body = front->body;
    // Unusable front matter leaves `document` untouched: the heading rules then apply.
    applyFrontMatter(log_name.empty() ? relative_path : log_name, front->yaml, document,
                     language_set);
  }

  if (document.title.empty()) document.title = firstHeading(body).value_or(fileStem(relative_path));
  if (!language_set) {
    document.language =
        languageOfPath(relative_path).value_or(languageOfTag(default_language).value_or("en"));
  }
  document.text = std::string(body);
  return document;
}

}  // namespace mcpd::corpus
