#include "mcpd/docs/corpus_version.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <cstdint>
#include <string_view>

namespace mcpd::docs {
namespace {

// Each field is length-prefixed, so that no two different corpora hash the same bytes
// ("ab"+"c" and "a"+"bc" differ).
void field(Poco::SHA2Engine& engine, std::string_view value) {
  const std::uint64_t size = value.size();
  unsigned char prefix[8];
  for (int i = 0; i < 8; ++i) prefix[i] = static_cast<unsigned char>(size >> (8 * i));
  engine.update(prefix, sizeof prefix);
  engine.update(value.data(), static_cast<unsigned>(value.size()));
}

}  // namespace

std::string corpusVersion(const corpus::Corpus& corpus) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  for (const corpus::Document& document : corpus.documents()) {  // sorted by id: order-free
    field(engine, document.id);
    field(engine, document.title);
    field(engine, document.url);
    field(engine, document.text);
    field(engine, document.language);
    field(engine, std::to_string(document.metadata.size()));
    for (const auto& [name, value] : document.metadata) {
      field(engine, name);
      field(engine, value);
    }
  }
  return "sha256:" + Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace mcpd::docs
