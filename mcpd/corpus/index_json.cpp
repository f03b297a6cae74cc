#include "mcpd/corpus/index_json.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <optional>
#include <vector>

#include "mcpd/corpus/document_id.h"
#include "mcpd/corpus/language_tag.h"
#include "shared/fs/atomic_file.h"
#include "shared/json_syntax.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::corpus {
namespace {

using Poco::Dynamic::Var;
using shared::Status;

std::string_view jsonTypeName(const Var& value) {
  if (value.isEmpty()) return "null";
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) return "an object";
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) return "an array";
  if (value.isString()) return "a string";
  if (value.isBoolean()) return "a boolean";
  if (value.isNumeric()) return "a number";
  return "a value";
}

// A string, number or boolean as text; nullopt for anything else.
std::optional<std::string> scalarText(const Var& value) {
  if (value.isEmpty() || !(value.isString() || value.isNumeric() || value.isBoolean())) {
    return std::nullopt;
  }
  return value.convert<std::string>();
}

// A metadata value: a scalar as text, or an array of scalars joined with ", ".
std::optional<std::string> metadataText(const Var& value) {
  if (value.type() != typeid(Poco::JSON::Array::Ptr)) return scalarText(value);
  const auto& array = value.extract<Poco::JSON::Array::Ptr>();
  std::string joined;
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto text = scalarText(array->get(static_cast<unsigned>(i)));
    if (!text) return std::nullopt;
    if (!joined.empty()) joined += ", ";
    joined += *text;
  }
  return joined;
}

// Poco's parser rejects some valid JSON (a bare top-level number, for one) and never says
// where an error is; the syntax scanner says both.
Status invalidJson(const std::string& source, std::string_view json, const std::string& poco) {
  if (auto where = shared::findJsonSyntaxError(json)) {
    return Status::invalidArgument(source + ": invalid JSON at line " +
                                   std::to_string(where->line) + ", column " +
                                   std::to_string(where->column) + ": " + where->reason);
  }
  const auto first = json.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && json[first] != '[') {
    const char c = json[first];
    const char* kind = c == '{'               ? "an object"
                       : c == '"'             ? "a string"
                       : c == 't' || c == 'f' ? "a boolean"
                       : c == 'n'             ? "null"
                                              : "a number";
    return Status::invalidArgument(source + ": the top level must be an array, got " + kind);
  }
  return Status::invalidArgument(source + ": invalid JSON: " + poco);
}

// One array item as a Document, or an error naming the item and the field.
shared::Result<Document> parseItem(const Var& item, std::size_t index, const std::string& source,
                                   std::string_view default_language) {
  const std::string where = source + ": item " + std::to_string(index) + ": ";
  if (item.type() != typeid(Poco::JSON::Object::Ptr)) {
    return Status::invalidArgument(where + "must be an object, got " +
                                   std::string(jsonTypeName(item)));
  }
  const auto& object = item.extract<Poco::JSON::Object::Ptr>();
  std::string fields[3];
  const char* const kRequired[3] = {"title", "permalink", "contents"};
  for (int k = 0; k < 3; ++k) {
    const Var value = object->get(kRequired[k]);
    if (!value.isString()) {
      return Status::invalidArgument(
          where + "\"" + kRequired[k] + "\" must be a string, got " +
          (object->has(kRequired[k]) ? std::string(jsonTypeName(value)) : std::string("nothing")));
    }
    fields[k] = value.convert<std::string>();
  }
  if (fields[1].empty()) return Status::invalidArgument(where + "\"permalink\" must not be empty");

  Document document;
  document.id = documentIdFromPath(fields[1]);
  document.title = fields[0].empty() ? document.id : std::move(fields[0]);
  document.url = std::move(fields[1]);
  document.text = std::move(fields[2]);
  std::optional<std::string> language;
  for (const std::string& name : object->getNames()) {
    if (name == "title" || name == "permalink" || name == "contents") continue;
    std::optional<std::string> text = metadataText(object->get(name));
    if (!text) continue;
    if (name == "lang" || name == "language") {
      if (auto code = languageOfTag(*text)) language = std::move(*code);
    } else {
      document.metadata.emplace_back(name, std::move(*text));
    }
  }
  // The item's own field (where a Hugo template copies the page's front matter), then the
  // permalink's first segment ("/pt-br/docs/..."), then the configured default.
  if (!language) language = languageOfPath(document.url);
  document.language = language.value_or(languageOfTag(default_language).value_or("en"));
  return document;
}

}  // namespace

shared::Result<Corpus> parseIndexJson(std::string_view json, std::string source,
                                      std::string_view default_language) {
  Var root;
  try {
    // Keep each object's key order so that metadata follows the file.
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    root = parser.parse(std::string(json));
  } catch (const Poco::Exception& e) {
    return invalidJson(source, json, e.message());
  } catch (const std::exception& e) {
    return invalidJson(source, json, e.what());
  }
  if (root.type() != typeid(Poco::JSON::Array::Ptr)) {
    return Status::invalidArgument(source + ": the top level must be an array, got " +
                                   std::string(jsonTypeName(root)));
  }

  const auto& array = root.extract<Poco::JSON::Array::Ptr>();
  std::vector<Document> documents;
  documents.reserve(array->size());
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto document = parseItem(array->get(static_cast<unsigned>(i)), i, source, default_language);
    if (!document) return document.status();
    documents.push_back(std::move(*document));
  }
  Corpus corpus(std::move(documents), "index.json " + source);
  shared::log::info(shared::log::get("mcpd.corpus"), "loaded",
                    {{"documents", corpus.size()}, {"source", source}});
  return corpus;
}

shared::Result<Corpus> loadIndexJsonFile(const std::filesystem::path& path,
                                         std::string_view default_language) {
  auto json = shared::fs::readFile(path);
  if (!json) return json.status().withContext("index.json");
  return parseIndexJson(*json, path.string(), default_language);
}

}  // namespace mcpd::corpus
