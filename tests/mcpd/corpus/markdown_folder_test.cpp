#include "mcpd/corpus/markdown_folder.h"

#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "shared/log/logging.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using mcpd::corpus::Corpus;
using mcpd::corpus::Document;
using mcpd::corpus::loadMarkdownFolder;
using testing::TempDir;
using testing::unwrap;

namespace {

void write(const std::filesystem::path& path, const std::string& contents) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << contents;
}

const Document& only(const Corpus& corpus) {
  REQUIRE(corpus.size() == 1);
  return corpus.documents()[0];
}

Document loadOne(const std::string& relative_path, const std::string& contents) {
  TempDir dir;
  write(dir / relative_path, contents);
  return only(unwrap(loadMarkdownFolder(dir.path())));
}

// Sends every log line to a string for one scope, then back to standard error.
class LogCapture {
 public:
  LogCapture() {
    REQUIRE(shared::log::setupWithSink({"info", "text"},
                                       std::make_shared<spdlog::sinks::ostream_sink_mt>(out_))
                .isOk());
  }
  ~LogCapture() { (void)shared::log::setup({}); }
  std::string text() {
    shared::log::get("mcpd.corpus")->flush();
    return out_.str();
  }

 private:
  std::ostringstream out_;
};

}  // namespace

TEST_CASE("a front-matter title wins over the first heading", "[corpus][markdown]") {
  const Document d = loadOne("guide.md", "---\ntitle: From Front Matter\n---\n# From Heading\n");
  CHECK(d.title == "From Front Matter");
  CHECK(d.text == "# From Heading\n");
}

TEST_CASE("the first heading is the title when there is no front matter", "[corpus][markdown]") {
  const Document d = loadOne("guide.md", "Intro text.\n\n#   Install mcpd  ##\n\n# Second\n");
  CHECK(d.title == "Install mcpd");
  CHECK(d.text == "Intro text.\n\n#   Install mcpd  ##\n\n# Second\n");
}

TEST_CASE("a heading inside a code fence is not the title", "[corpus][markdown]") {
  const Document d = loadOne("guide.md", "```bash\n# install it\n```\n\n# Real Title\n");
  CHECK(d.title == "Real Title");
}

TEST_CASE("the file name is the title when there is neither front matter nor heading",
          "[corpus][markdown]") {
  CHECK(loadOne("getting-started.md", "Just text, ## not a level-one heading.\n").title ==
        "getting-started");
}

TEST_CASE("ids come from the relative path and documents are sorted by id", "[corpus][markdown]") {
  TempDir dir;
  write(dir / "README.md", "# Read me\n");
  write(dir / "guides" / "Install.markdown", "# Install\n");
  write(dir / "api.md", "# API\n");
  write(dir / "notes.txt", "not markdown\n");
  const Corpus corpus = unwrap(loadMarkdownFolder(dir.path()));
  REQUIRE(corpus.size() == 3);
  CHECK(corpus.documents()[0].id == "api");
  CHECK(corpus.documents()[1].id == "guides/install");
  CHECK(corpus.documents()[2].id == "readme");
  CHECK(corpus.documents()[1].url == "guides/Install.markdown");
  CHECK(corpus.find("guides/install")->title == "Install");
  CHECK(corpus.source() == "markdown folder " + dir.path().string());
}

TEST_CASE("files whose ids collide get deterministic suffixes", "[corpus][markdown]") {
  TempDir dir;
  write(dir / "setup.md", "# One\n");
  write(dir / "Setup.markdown", "# Two\n");
  const Corpus corpus = unwrap(loadMarkdownFolder(dir.path()));
  REQUIRE(corpus.size() == 2);
  // Path order: "Setup.markdown" < "setup.md", so the former keeps the plain id.
  CHECK(corpus.find("setup")->title == "Two");
  CHECK(corpus.find("setup-2")->title == "One");
}

TEST_CASE("front matter sets url, language and metadata", "[corpus][markdown]") {
  const Document d = loadOne("guide.md",
                             "---\n"
                             "title: Anleitung\n"
                             "permalink: https://docs.example.com/de/anleitung/\n"
                             "lang: de-AT\n"
                             "section: guides\n"
                             "weight: 3\n"
                             "tags: [install, setup]\n"
                             "nested: {a: 1}\n"
                             "---\n"
                             "Text.\n");
  CHECK(d.url == "https://docs.example.com/de/anleitung/");
  CHECK(d.language == "de");
  CHECK(d.id == "guide");
  using Pair = std::pair<std::string, std::string>;
  CHECK(d.metadata ==
        std::vector<Pair>{{"section", "guides"}, {"weight", "3"}, {"tags", "install, setup"}});
}

TEST_CASE("the url is the relative path when the front matter has none", "[corpus][markdown]") {
  CHECK(loadOne("a/b.md", "# B\n").url == "a/b.md");
}

TEST_CASE("a language folder sets the language unless the front matter does",
          "[corpus][markdown]") {
  TempDir dir;
  write(dir / "de" / "anleitung.md", "# Anleitung\n");
  write(dir / "fr" / "guide.md", "---\nlanguage: en\n---\n# Guide\n");
  write(dir / "xx" / "other.md", "# Other\n");
  write(dir / "top.md", "# Top\n");
  const Corpus corpus = unwrap(loadMarkdownFolder(dir.path()));
  CHECK(corpus.find("de/anleitung")->language == "de");
  CHECK(corpus.find("fr/guide")->language == "en");
  CHECK(corpus.find("xx/other")->language == "en");
  CHECK(corpus.find("top")->language == "en");
}

TEST_CASE("markdown files that name no language get the configured default", "[corpus][markdown]") {
  TempDir dir;
  write(dir / "de" / "anleitung.md", "# Anleitung\n");
  write(dir / "top.md", "# Haupt\n");
  const Corpus corpus = unwrap(loadMarkdownFolder(dir.path(), "fr"));
  CHECK(corpus.find("de/anleitung")->language == "de");
  CHECK(corpus.find("top")->language == "fr");
}

TEST_CASE("hidden files and folders are skipped", "[corpus][markdown]") {
  TempDir dir;
  write(dir / "visible.md", "# Visible\n");
  write(dir / ".hidden.md", "# Hidden file\n");
  write(dir / ".git" / "notes.md", "# Hidden folder\n");
  write(dir / "sub" / ".draft" / "x.md", "# Nested hidden folder\n");
  const Corpus corpus = unwrap(loadMarkdownFolder(dir.path()));
  REQUIRE(corpus.size() == 1);
  CHECK(corpus.documents()[0].id == "visible");
}

TEST_CASE("broken front matter logs the file and line and the file still loads",
          "[corpus][markdown]") {
  TempDir dir;
  // Line 3 of the file is the bad one: a second ": " inside a plain value.
  write(dir / "broken.md", "---\ntitle: ok\n  bad: x: y\n---\n# Heading Title\nBody.\n");
  LogCapture log;
  const Corpus corpus = unwrap(loadMarkdownFolder(dir.path()));
  const Document& d = only(corpus);
  CHECK(d.title == "Heading Title");
  CHECK(d.text == "# Heading Title\nBody.\n");
  CHECK(d.metadata.empty());
  const std::string logged = log.text();
  CHECK_THAT(logged, Catch::Contains("front matter is not valid YAML"));
  CHECK_THAT(logged, Catch::Contains("file=" + (dir / "broken.md").string() + " line=3 "));
}

TEST_CASE("front matter that is not a mapping is ignored with a warning", "[corpus][markdown]") {
  LogCapture log;
  const Document d = loadOne("list.md", "---\n- a\n- b\n---\n# Title\n");
  CHECK(d.title == "Title");
  CHECK_THAT(log.text(), Catch::Contains("front matter is not a mapping"));
}

TEST_CASE("a leading rule without a closing one is not front matter", "[corpus][markdown]") {
  const Document d = loadOne("rule.md", "---\n# Title\ntext\n");
  CHECK(d.title == "Title");
  CHECK(d.text == "---\n# Title\ntext\n");
}

TEST_CASE("a folder without Markdown files is an error naming it", "[corpus][markdown]") {
  TempDir dir;
  write(dir / "notes.txt", "text\n");
  auto result = loadMarkdownFolder(dir.path());
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().message() ==
        "markdown folder " + dir.path().string() + ": no Markdown files (*.md, *.markdown)");
}

TEST_CASE("a missing folder is an error naming it", "[corpus][markdown]") {
  TempDir dir;
  auto result = loadMarkdownFolder(dir / "missing");
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().code() == shared::Status::Code::kNotFound);
  CHECK_THAT(result.status().message(), Catch::Contains((dir / "missing").string()));
}

TEST_CASE("a file as the root is an error naming it", "[corpus][markdown]") {
  TempDir dir;
  write(dir / "file.md", "# x\n");
  auto result = loadMarkdownFolder(dir / "file.md");
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().message() ==
        "markdown folder " + (dir / "file.md").string() + ": not a directory");
}

TEST_CASE("a Markdown file that cannot be read is an error naming it", "[corpus][markdown]") {
  TempDir dir;
  write(dir / "good.md", "# Good\n");
  // A dangling link cannot be read even by root, who may read any mode-000 file.
  std::filesystem::create_symlink(dir / "nowhere.md", dir / "broken.md");
  auto result = loadMarkdownFolder(dir.path());
  REQUIRE_FALSE(result.isOk());
  CHECK_THAT(result.status().message(),
             Catch::Contains("read " + (dir / "broken.md").string() + ": No such file"));
}

TEST_CASE("links that resolve outside the docs folder are skipped with a warning",
          "[corpus][markdown]") {
  TempDir outside;
  write(outside / "example.key.pem", "-----BEGIN PRIVATE KEY-----\nsecret\n");
  write(outside / "more" / "leak.md", "# Leak\n");
  TempDir dir;
  write(dir / "docs" / "guide.md", "# Guide\n");
  write(dir / "docs" / "inner.md", "# Inner\n");
  std::filesystem::create_symlink(outside / "example.key.pem", dir / "docs" / "key.md");
  std::filesystem::create_symlink(outside / "more", dir / "docs" / "linked");
  std::filesystem::create_symlink(dir / "docs" / "inner.md", dir / "docs" / "alias.md");
  LogCapture log;

  const Corpus corpus = unwrap(loadMarkdownFolder(dir / "docs"));

  std::vector<std::string> ids;
  for (const Document& d : corpus.documents()) {
    ids.push_back(d.id);
    CHECK(d.text.find("PRIVATE KEY") == std::string::npos);
  }
  CHECK(ids == std::vector<std::string>{"alias", "guide", "inner"});
  const std::string logged = log.text();
  CHECK_THAT(logged, Catch::Contains("leads outside the docs folder path=" +
                                     (dir / "docs" / "key.md").string()));
  CHECK_THAT(logged, Catch::Contains("path=" + (dir / "docs" / "linked").string()));
}

TEST_CASE("a docs folder reached through a symbolic link still loads", "[corpus][markdown]") {
  TempDir dir;
  write(dir / "real" / "page.md", "# Page\n");
  std::filesystem::create_symlink(dir / "real", dir / "current");
  const Corpus corpus = unwrap(loadMarkdownFolder(dir / "current"));
  CHECK(only(corpus).id == "page");
}
