#include "mcpd/search/index.h"

#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <system_error>

#include "mcpd/search/languages.h"
#include "mcpd/search/query_text.h"
#include "mcpd/search/snippet.h"
#include "shared/log/logging.h"

namespace mcpd::search {
namespace {

using shared::Status;

// Title words count as five body occurrences each (wdf), which BM25 turns into a clear but
// not overwhelming advantage; titles are also searchable alone as title:word.
constexpr Xapian::termcount kTitleWeight = 5;
constexpr const char* kTitlePrefix = "S";     // Xapian convention for title terms
constexpr const char* kLanguagePrefix = "L";  // Xapian convention for language terms
constexpr Xapian::termcount kMaxWildcardTerms = 100;
constexpr unsigned kQueryFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD;

// The stemmer for an ISO code; the "none" stemmer when Xapian has none for it.
Xapian::Stem stemmerForCode(std::string_view code) {
  const auto name = stemmerFor(code);
  return name ? Xapian::Stem(std::string(*name)) : Xapian::Stem("none");
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

Status buildDatabase(const corpus::Corpus& corpus, const std::filesystem::path& directory) {
  // A private, disposable database: a crash loses nothing, so no fsync (DB_NO_SYNC).
  Xapian::WritableDatabase database(directory.string(), Xapian::DB_CREATE_OR_OVERWRITE |
                                                            Xapian::DB_BACKEND_GLASS |
                                                            Xapian::DB_NO_SYNC);
  Xapian::TermGenerator generator;
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  const auto documents = corpus.documents();
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const corpus::Document& source = documents[i];
    Xapian::Document document;
    generator.set_document(document);
    generator.set_stemmer(stemmerForCode(source.language));
    generator.index_text(source.title, kTitleWeight);
    generator.index_text(source.title, 1, kTitlePrefix);
    // A gap keeps phrases from spanning the title and the body.
    generator.increase_termpos(100);
    generator.index_text(source.text);
    document.add_boolean_term(kLanguagePrefix + source.language);
    database.replace_document(static_cast<Xapian::docid>(i + 1), document);
  }
  database.commit();
  database.close();
  return Status::ok();
}

}  // namespace

// A handle leased from the pool for one search; returned on destruction unless discarded
// (after a Xapian error the handle's state is unknown).
class Index::Lease {
 public:
  explicit Lease(const Index& index) : index_(index), database_(index.acquire()) {}
  ~Lease() {
    if (database_) index_.release(std::move(database_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Xapian::Database& get() { return *database_; }
  void discard() { database_.reset(); }

 private:
  const Index& index_;
  std::unique_ptr<Xapian::Database> database_;
};

Index::Index(std::shared_ptr<const corpus::Corpus> corpus, std::filesystem::path directory,
             IndexOptions options)
    : corpus_(std::move(corpus)),
      directory_(std::move(directory)),
      options_(options),
      cache_(options.cached_results) {}

Index::~Index() {
  idle_.clear();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

shared::Result<std::shared_ptr<const Index>> Index::build(
    std::shared_ptr<const corpus::Corpus> corpus, const IndexOptions& options) {
  if (!corpus) return Status::invalidArgument("search index: no corpus");
  std::error_code error;
  std::filesystem::path parent = options.temp_parent;
  if (parent.empty()) parent = std::filesystem::temp_directory_path(error);
  if (error) return Status::ioError("search index: no temporary directory: " + error.message());
  std::string pattern = (parent / "mcpd-index-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::fromErrno("search index: create directory " + pattern, errno);
  }
  // From here on the Index owns the directory and removes it, also on failure.
  std::shared_ptr<Index> index(new Index(std::move(corpus), pattern, options));
  try {
    Status built = buildDatabase(*index->corpus_, index->directory_);
    if (!built) return built;
    index->release(index->acquire());  // opens once now, so a broken database fails here
  } catch (const Xapian::Error& e) {
    return Status::internal("search index: build in " + pattern + ": " + e.get_description());
  }
  shared::log::get("mcpd.search")
      ->info("index built documents={} source=\"{}\"", index->corpus_->size(),
             index->corpus_->source());
  return std::shared_ptr<const Index>(std::move(index));
}

std::unique_ptr<Xapian::Database> Index::acquire() const {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Xapian::Database> database = std::move(idle_.back());
      idle_.pop_back();
      return database;
    }
  }
  // Opening reads files: never under the lock (STYLE.md 11).
  return std::make_unique<Xapian::Database>(directory_.string(), Xapian::DB_BACKEND_GLASS);
}

void Index::release(std::unique_ptr<Xapian::Database> database) const {
  {
    std::lock_guard lock(mu_);
    if (idle_.size() < options_.max_idle_handles) {
      idle_.push_back(std::move(database));
      return;
    }
  }
  database.reset();  // closes its files outside the lock
}

shared::Result<std::vector<Hit>> Index::search(const Query& query) const {
  const std::string_view text = trim(query.text);
  if (text.empty()) return Status::invalidArgument("search: the query is empty");
  if (text.size() > kMaxQueryBytes) {
    return Status::invalidArgument("search: the query is longer than " +
                                   std::to_string(kMaxQueryBytes) + " bytes");
  }
  const std::size_t limit = std::clamp<std::size_t>(query.limit, 1, kMaxResults);
  const std::string language = query.language.empty() ? "" : normalizeLanguage(query.language);
  std::string cache_key = language;
  cache_key += '\0';
  cache_key += std::to_string(limit);
  cache_key += '\0';
  cache_key += text;
  if (auto cached = cache_.find(cache_key)) return *cached;  // copied outside the cache's lock
  auto hits = run(text, limit, language);
  if (hits) cache_.insert(cache_key, *hits);
  return hits;
}

shared::Result<std::vector<Hit>> Index::run(std::string_view text, std::size_t limit,
                                            const std::string& language) const {
  try {
    Lease lease(*this);
    try {
      // Everything Xapian below is built per call: Xapian's reference counts are not atomic,
      // so no Query, Stem or QueryParser object may be shared between threads.
      const Xapian::Stem stemmer = stemmerForCode(language.empty() ? "en" : language);
      Xapian::QueryParser parser;
      parser.set_database(lease.get());
      parser.set_stemmer(stemmer);
      parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
      parser.add_prefix("title", kTitlePrefix);
      parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                               Xapian::QueryParser::FLAG_WILDCARD);
      Xapian::Query parsed;
      const std::string query_text = prepareQueryText(text);
      try {
        parsed = parser.parse_query(query_text, kQueryFlags);
      } catch (const Xapian::QueryParserError&) {
        // "AND OR", a lone "NOT": answer with the words rather than an error.
        parsed = parser.parse_query(query_text, 0);
      }
      std::vector<Hit> hits;
      if (parsed.empty()) return hits;
      const SnippetTerms snippet_terms = snippetTermsOf(parsed, query_text);
      if (!language.empty()) {
        parsed = Xapian::Query(Xapian::Query::OP_FILTER, parsed,
                               Xapian::Query(kLanguagePrefix + language));
      }

      Xapian::Enquire enquire(lease.get());
      enquire.set_query(parsed);
      const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
      const auto documents = corpus_->documents();
      hits.reserve(matches.size());
      for (auto it = matches.begin(); it != matches.end(); ++it) {
        const Xapian::docid id = *it;
        if (id == 0 || id > documents.size()) continue;  // cannot happen: we wrote 1..n
        const corpus::Document& document = documents[id - 1];
        hits.push_back(
            Hit{&document, it.get_weight(),
                makeSnippet(document.text, snippet_terms, stemmer, options_.snippet_bytes)});
      }
      return hits;
    } catch (...) {
      lease.discard();
      throw;
    }
  } catch (const Xapian::Error& e) {
    return Status::internal("search: " + e.get_description());
  }
}

}  // namespace mcpd::search
