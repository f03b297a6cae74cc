#include "mcpd/search/index.h"

#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <optional>
#include <system_error>
#include <unordered_map>

#include "mcpd/corpus/language_tag.h"
#include "mcpd/search/language_weight.h"
#include "mcpd/search/languages.h"
#include "mcpd/search/markdown_text.h"
#include "mcpd/search/query_text.h"
#include "mcpd/search/snippet.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/text.h"

namespace mcpd::search {
namespace {

using shared::Status;

// Title words count as five body occurrences each (wdf), which BM25 turns into a clear but
// not overwhelming advantage; titles are also searchable alone as title:word. Heading words
// count three times (once in the body, twice more).
constexpr Xapian::termcount kTitleWeight = 5;
constexpr Xapian::termcount kHeadingExtraWeight = 2;
constexpr const char* kTitlePrefix = "S";     // Xapian convention for title terms
constexpr const char* kLanguagePrefix = "L";  // Xapian convention for language terms
// One term per page for its whole title, so that a query that is a page's title (the way
// readers look up a page they know exists) finds that page first in any language.
constexpr const char* kWholeTitlePrefix = "XT";
constexpr double kWholeTitleWeight = 2.0;
constexpr std::size_t kMaxTermBytes = 240;  // Xapian's limit is 245
constexpr Xapian::termcount kMaxWildcardTerms = 100;
// CJK n-grams in every language: a Chinese word in an English page is found too, and the
// flag changes nothing for other scripts.
constexpr unsigned kQueryFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_CJK_NGRAM;
// How much less a page in another language than the query's counts, at most: such a page
// ranks above one in the query's language only when it matches several times better.
constexpr double kOtherLanguageWeight = 0.3;
// How much a page holding only a word's stem (in the page's language) counts towards the
// word fitting that language, against 1 for a page holding the word as typed (which holds
// the stem too): an English "certificate" fits English pages with "certificate" far
// better than a French page whose "certificats" shares the French stem.
constexpr double kStemShare = 0.25;
// Dirichlet smoothing of a language's word frequencies (language_vocabulary.h): a word a
// small language lacks counts against it as much as its share of the whole corpus says.
constexpr double kSmoothing = 1.0;

// The stemmer for an ISO code; the "none" stemmer when Xapian has none for it.
Xapian::Stem stemmerForCode(std::string_view code) {
  const auto name = stemmerFor(code);
  return name ? Xapian::Stem(std::string(*name)) : Xapian::Stem("none");
}

// `text` lower-cased with its whitespace collapsed, as a whole-title term; empty when too long.
std::string wholeTitleTerm(std::string_view text) {
  std::string term = kWholeTitlePrefix;
  bool space = false;
  for (char c : Xapian::Unicode::tolower(std::string(shared::trimmed(text, " \t\r\n")))) {
    const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (blank) {
      space = true;
      continue;
    }
    if (space) term += ' ';
    space = false;
    term += c;
  }
  return term.size() > kMaxTermBytes || term.size() == 2 ? std::string() : term;
}

// Words a reader typed, as the index holds them unstemmed: the positive terms of the query
// parsed without a stemmer.
std::vector<std::string> queryWords(const std::string& query_text, Xapian::Database& database) {
  Xapian::QueryParser parser;
  parser.set_database(database);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
  parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                           Xapian::QueryParser::FLAG_WILDCARD);
  Xapian::Query parsed;
  try {
    parsed = parser.parse_query(query_text, kQueryFlags);
  } catch (const Xapian::QueryParserError&) {
    parsed = parser.parse_query(query_text, Xapian::QueryParser::FLAG_CJK_NGRAM);
  }
  const SnippetTerms terms = snippetTermsOf(parsed, query_text);
  return {terms.words.begin(), terms.words.end()};
}

// Plain words ("session transport timeout") read as Xapian::QueryParser reads them
// (STEM_SOME: each word's stem, "Z"-prefixed, ORed; query_text_test.cpp holds it to that),
// without a parser: their snippet terms and their terms for the BM25 scorer. nullopt for
// any other query, or a word with no stem.
std::optional<std::pair<SnippetTerms, std::vector<WeightedTerm>>> readPlainWords(
    const std::string& query_text, const Xapian::Stem& stemmer) {
  const auto words = plainWords(query_text);
  if (!words) return std::nullopt;
  std::pair<SnippetTerms, std::vector<WeightedTerm>> read;
  for (std::string_view word : *words) {
    std::string stem = stemmer(std::string(word));
    if (stem.empty()) return std::nullopt;
    read.second.push_back(WeightedTerm{"Z" + stem, 1.0});
    read.first.stems.insert(std::move(stem));
  }
  return read;
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
    : corpus_(std::move(corpus)), directory_(std::move(directory)), options_(options) {}

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
    index->writeDatabase();
    // Opens once now, so a broken database fails here.
    std::unique_ptr<Xapian::Database> database = index->acquire();
    index->scorer_ = std::make_unique<const Bm25Scorer>(*database);
    index->release(std::move(database));
  } catch (const Xapian::Error& e) {
    return Status::internal("search index: build in " + pattern + ": " + e.get_description());
  }
  shared::log::info(shared::log::get("mcpd.search"), "index built",
                    {{"documents", index->corpus_->size()},
                     {"languages", index->vocabulary_.languages().size()},
                     {"source", index->corpus_->source()}});
  return std::shared_ptr<const Index>(std::move(index));
}

void Index::writeDatabase() {
  // A private, disposable database: a crash loses nothing, so no fsync (DB_NO_SYNC).
  Xapian::WritableDatabase database(directory_.string(), Xapian::DB_CREATE_OR_OVERWRITE |
                                                             Xapian::DB_BACKEND_GLASS |
                                                             Xapian::DB_NO_SYNC);
  Xapian::TermGenerator generator;
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  std::unordered_map<std::string, Xapian::Stem> stemmers;
  const auto documents = corpus_->documents();
  texts_.reserve(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const corpus::Document& source = documents[i];
    MarkdownText plain = markdownText(source.text);
    Xapian::Document document;
    generator.set_document(document);
    auto stemmer = stemmers.find(source.language);
    if (stemmer == stemmers.end()) {
      stemmer = stemmers.emplace(source.language, stemmerForCode(source.language)).first;
    }
    generator.set_stemmer(stemmer->second);
    generator.index_text(source.title, kTitleWeight);
    generator.index_text(source.title, 1, kTitlePrefix);
    // Gaps keep phrases from spanning the title, the body and the headings.
    generator.increase_termpos(100);
    generator.index_text(plain.text);
    for (const std::string& heading : plain.headings) {
      generator.increase_termpos(100);
      generator.index_text(heading, kHeadingExtraWeight);
    }
    const std::uint8_t slot = vocabulary_.slotOf(source.language);
    vocabulary_.addDocument(slot);
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
      const std::string& name = *term;
      // Title words are in the body set too; whole titles say nothing of a language.
      if (name.starts_with(kTitlePrefix) || name.starts_with(kWholeTitlePrefix)) continue;
      vocabulary_.addTerm(name, slot);
    }
    document.add_boolean_term(kLanguagePrefix + source.language);
    if (const std::string title = wholeTitleTerm(source.title); !title.empty()) {
      document.add_term(title);
    }
    database.replace_document(static_cast<Xapian::docid>(i + 1), document);
    texts_.push_back(std::move(plain.text));
  }
  database.commit();
  database.close();
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
  // Opening reads files: never under the lock.
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

shared::Result<SearchResult> Index::search(const Query& query) const {
  const std::string_view text = shared::trimmed(query.text, " \t\r\n");
  if (text.empty()) return Status::invalidArgument("search: the query is empty");
  if (text.size() > kMaxQueryBytes) {
    return Status::invalidArgument("search: the query is longer than " +
                                   std::to_string(kMaxQueryBytes) + " bytes");
  }
  const std::size_t limit = std::clamp<std::size_t>(query.limit, 1, kMaxResults);
  std::string language;
  if (!query.language.empty()) {
    language = corpus::languageOfTag(query.language).value_or(query.language);
  }
  // No cache here: the search tool keeps its rendered replies (mcpd/docs/search_tool.h).
  return run(text, limit, language);
}

std::vector<Index::Reading> Index::weighLanguages(const std::vector<std::string>& words) const {
  const auto& languages = vocabulary_.languages();
  if (languages.size() == 1) return {Reading{languages.front(), 1.0, true}};  // the only language

  // Per language, log P(words | language): each word's share of the language's pages,
  // counting a page that holds the word as typed fully and one that holds only its stem
  // (in that language's stemmer) by kStemShare, smoothed towards the word's share of the
  // whole corpus.
  std::vector<double> fit(languages.size(), 0.0);
  std::vector<bool> holds(languages.size(), false);  // a page holds a word as typed
  std::vector<bool> stems(languages.size(), false);  // a page holds a word's stem
  std::vector<double> evidence(languages.size());
  double all_documents = 0;
  for (std::uint8_t slot = 0; slot < languages.size(); ++slot) {
    all_documents += vocabulary_.documents(slot);
  }
  std::vector<Xapian::Stem> stemmers;
  stemmers.reserve(languages.size());
  for (const std::string& language : languages) stemmers.push_back(stemmerForCode(language));
  for (const std::string& word : words) {
    double total = 0;
    for (std::uint8_t slot = 0; slot < languages.size(); ++slot) {
      const double exact = vocabulary_.frequency(word, slot);
      const std::string stem = stemmers[slot](word);
      const double stemmed = stem.empty() ? 0 : vocabulary_.frequency("Z" + stem, slot);
      if (exact > 0) holds[slot] = true;
      if (stemmed > 0) stems[slot] = true;
      evidence[slot] = exact + kStemShare * stemmed;
      total += evidence[slot];
    }
    if (total == 0) continue;  // a word no page holds says nothing about the language
    const double background = total / all_documents;
    for (std::uint8_t slot = 0; slot < languages.size(); ++slot) {
      fit[slot] += std::log((evidence[slot] + kSmoothing * background) /
                            (vocabulary_.documents(slot) + kSmoothing));
    }
  }

  std::vector<std::uint8_t> order;
  for (std::uint8_t slot = 0; slot < languages.size(); ++slot) {
    if (holds[slot] || stems[slot]) order.push_back(slot);
  }
  if (order.empty()) {
    // No word is in the vocabulary (a wildcard, a prefix search): every language, equally.
    std::vector<Reading> all;
    for (const std::string& language : languages) all.push_back(Reading{language, 1.0, false});
    return all;
  }
  // Best fit first; on a tie the language with more pages.
  std::stable_sort(order.begin(), order.end(), [&](std::uint8_t a, std::uint8_t b) {
    if (fit[a] != fit[b]) return fit[a] > fit[b];
    return vocabulary_.documents(a) > vocabulary_.documents(b);
  });
  // The best language is read with its stems; another only where its pages hold a word as
  // typed ("kubectl" in a page that exists only in Spanish), so that an English word does
  // not find French pages through the French stemmer ("certificate" -> "certificat").
  std::vector<Reading> readings;
  const double best = fit[order.front()];
  for (std::uint8_t slot : order) {
    if (!readings.empty() && !holds[slot]) continue;
    readings.push_back(
        Reading{languages[slot], std::max(kOtherLanguageWeight, std::exp(fit[slot] - best)), true});
  }
  readings.front().weight = 1.0;
  return readings;
}

shared::Result<SearchResult> Index::run(std::string_view text, std::size_t limit,
                                        const std::string& language) const {
  try {
    Lease lease(*this);
    try {
      // Everything Xapian below is built per call: Xapian's reference counts are not atomic,
      // so no Query, Stem or QueryParser object may be shared between threads.
      const std::string query_text = prepareQueryText(text);
      SearchResult result;
      std::vector<Reading> readings;
      // The words as typed tell languages apart and weigh within one; a corpus of one
      // language needs neither (language_weight.h).
      const auto& languages = vocabulary_.languages();
      const std::vector<std::string> words =
          languages.size() > 1 ? queryWords(query_text, lease.get()) : std::vector<std::string>{};
      if (!language.empty()) {
        readings.push_back(Reading{language, 1.0, true});
      } else {
        readings = weighLanguages(words);
      }
      // Only a filter tells languages apart; a corpus of one language needs none unless the
      // query asks for another.
      const bool filter =
          languages.size() > 1 ||
          (!language.empty() && (languages.empty() || languages.front() != language));

      struct Parsed {
        std::string language;
        Xapian::Stem stemmer;
        SnippetTerms terms;
      };
      std::vector<Parsed> parsed_readings;
      std::vector<Xapian::Query> subqueries;
      // A plain OR of words in one reading, unweighed by language and unfiltered, is scored
      // without Xapian's matcher (bm25_scorer.h); anything else goes to Enquire.
      std::optional<std::vector<WeightedTerm>> flat;
      for (const Reading& reading : readings) {
        const Xapian::Stem stemmer = stemmerForCode(reading.language);
        if (readings.size() == 1 && languages.size() < 2 && !filter) {
          if (auto read = readPlainWords(query_text, stemmer)) {
            parsed_readings.push_back(Parsed{reading.language, stemmer, std::move(read->first)});
            flat = std::move(read->second);
            continue;
          }
        }
        Xapian::QueryParser parser;
        parser.set_database(lease.get());
        parser.set_stemmer(stemmer);
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser.add_prefix("title", kTitlePrefix);
        parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                                 Xapian::QueryParser::FLAG_WILDCARD);
        Xapian::Query parsed;
        try {
          parsed = parser.parse_query(query_text, kQueryFlags);
        } catch (const Xapian::QueryParserError&) {
          // "AND OR", a lone "NOT": answer with the words rather than an error.
          parsed = parser.parse_query(query_text, Xapian::QueryParser::FLAG_CJK_NGRAM);
        }
        if (parsed.empty()) continue;
        parsed_readings.push_back(
            Parsed{reading.language, stemmer, snippetTermsOf(parsed, query_text)});
        if (readings.size() == 1 && languages.size() < 2 && !filter) flat = flatTerms(parsed);
        if (const auto slot = vocabulary_.find(reading.language)) {
          std::vector<TypedForm> typed;
          for (const std::string& word : words) {
            const std::string stem = stemmer(word);
            if (!stem.empty()) typed.push_back(TypedForm{"Z" + stem, word});
          }
          parsed = weighInLanguage(parsed, vocabulary_, *slot, lease.get(), typed, stemmer);
        }
        if (filter) {
          parsed = Xapian::Query(Xapian::Query::OP_FILTER, parsed,
                                 Xapian::Query(kLanguagePrefix + reading.language));
        }
        if (reading.weight != 1.0) {
          parsed = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, parsed, reading.weight);
        }
        subqueries.push_back(std::move(parsed));
      }
      if (subqueries.empty() && !flat) return result;
      if (const std::string title = wholeTitleTerm(text); !title.empty()) {
        if (flat) {
          flat->push_back(WeightedTerm{title, kWholeTitleWeight});
        } else {
          subqueries.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(title),
                                  kWholeTitleWeight);
        }
      }
      if (readings.front().fitted) result.language = parsed_readings.front().language;

      const auto documents = corpus_->documents();
      std::vector<ScoredDocument> matches;
      if (flat) {
        matches = scorer_->top(lease.get(), *flat, limit);
      } else {
        Xapian::Enquire enquire(lease.get());
        enquire.set_query(
            subqueries.size() == 1
                ? subqueries.front()
                : Xapian::Query(Xapian::Query::OP_OR, subqueries.begin(), subqueries.end()));
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          matches.push_back(ScoredDocument{*it, it.get_weight()});
        }
      }
      result.hits.reserve(matches.size());
      // One snippet maker per reading, made when a hit first needs it.
      std::vector<std::unique_ptr<SnippetMaker>> snippet_makers(parsed_readings.size());
      for (const ScoredDocument& match : matches) {
        const Xapian::docid id = match.docid;
        if (id == 0 || id > documents.size()) continue;  // cannot happen: we wrote 1..n
        const corpus::Document& document = documents[id - 1];
        // Highlight what the reading in the page's own language matched.
        std::size_t reading = 0;
        for (std::size_t i = 0; i < parsed_readings.size(); ++i) {
          if (parsed_readings[i].language == document.language) reading = i;
        }
        if (!snippet_makers[reading]) {
          snippet_makers[reading] = std::make_unique<SnippetMaker>(
              parsed_readings[reading].terms, parsed_readings[reading].stemmer);
        }
        result.hits.push_back(
            Hit{&document, match.weight,
                snippet_makers[reading]->make(texts_[id - 1], options_.snippet_bytes)});
      }
      return result;
    } catch (...) {
      lease.discard();
      throw;
    }
  } catch (const Xapian::Error& e) {
    return Status::internal("search: " + e.get_description());
  }
}

}  // namespace mcpd::search
