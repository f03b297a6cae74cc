#include "certd/acme/chain_download.h"

#include "certd/acme/chain_selection.h"
#include "certd/acme/link_header.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::acme {
namespace {

constexpr std::string_view kPemChain = "application/pem-certificate-chain";

struct Fetched {
  shared::pki::CertificateChain chain;
  std::vector<std::string> alternates;
};

shared::Result<Fetched> fetch(AcmeClient& client, const std::string& url) {
  auto response = client.postAsGet(url, "certificate " + url, kPemChain);
  if (!response) return response.status();
  auto chain = shared::pki::parseChainPem(response->body);
  if (!chain) return chain.status().withContext("acme: certificate " + url);
  return Fetched{std::move(chain).value(),
                 linksWithRel(response->headerValues("Link"), "alternate")};
}

}  // namespace

shared::Result<shared::pki::CertificateChain> downloadChain(AcmeClient& client,
                                                            const std::string& url,
                                                            std::string_view preferred_chain) {
  static const auto log = shared::log::get("certd.acme");
  auto first = fetch(client, url);
  if (!first) return first.status();
  if (preferred_chain.empty() || topmostIssuerIs(first->chain, preferred_chain)) {
    return std::move(first->chain);
  }
  for (const std::string& alternate : first->alternates) {
    auto other = fetch(client, alternate);
    if (!other) return other.status();
    if (topmostIssuerIs(other->chain, preferred_chain)) {
      shared::log::debug(log, "chose alternate chain",
                         {{"url", alternate}, {"issuer", preferred_chain}});
      return std::move(other->chain);
    }
  }
  shared::log::info(log, "no chain is issued by the preferred CA, keeping the default",
                    {{"preferred", preferred_chain}});
  return std::move(first->chain);
}

}  // namespace certd::acme
