#include "certd/app/account_command.h"

#include "certd/acme/account_operations.h"
#include "certd/app/renewal_settings_of.h"
#include "certd/issue/account_key_rollover.h"
#include "certd/renewal/acme_session.h"
#include "certd/store/time_text.h"
#include "shared/cli/exit_codes.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::app {
namespace {

constexpr int kFailed = 2;

// The session of the stored account, or nullptr after logging why there is none.
std::unique_ptr<renewal::AcmeSession> storedAccountSession(const CertdConfig& config,
                                                           const std::string& command) {
  const auto log = shared::log::get("certd");
  state::AccountStore store(config.stateDir(), config.directoryUrl());
  if (!store.hasKey()) {
    log->error("account {}: no account for {} in {}", command, config.directoryUrl(),
               store.folder().string());
    return nullptr;
  }
  auto session = renewal::openAcmeSession(acmeSessionSettingsOf(config),
                                          {.allow_register = false, .hold_account_lock = true});
  if (!session) {
    log->error("account {}: {}", command, session.status().message());
    return nullptr;
  }
  return std::move(session).value();
}

}  // namespace

int runAccountRollover(const CertdConfig& config, const std::string& key_type) {
  const auto log = shared::log::get("certd");
  std::optional<shared::pki::KeyType> type;
  if (!key_type.empty()) {
    auto parsed = shared::pki::parseKeyType(key_type);
    if (!parsed) {
      shared::log::error(log, "account rollover: --key-type",
                         {{"error", parsed.status().message()}});
      return shared::cli::kExitUsage;
    }
    type = *parsed;
  }
  auto session = storedAccountSession(config, "rollover");
  if (!session) return kFailed;
  acme::AcmeClient& client = *session->client;
  const std::string old_thumbprint = client.signer().thumbprint();
  if (!type) type = client.signer().key().keyType();
  if (!type) {
    shared::log::error(
        log, "account rollover: the current account key has no known type; pass --key-type");
    return shared::cli::kExitUsage;
  }
  if (shared::Status status = issue::rollAccountKey(client, session->store, *type); !status) {
    shared::log::error(log, "account rollover", {{"error", status.message()}});
    return kFailed;
  }
  shared::log::info(log, "account key changed",
                    {{"url", client.accountUrl()},
                     {"key_type", shared::pki::keyTypeName(*type)},
                     {"old_thumbprint", old_thumbprint},
                     {"new_thumbprint", client.signer().thumbprint()}});
  return 0;
}

int runAccountDeactivate(const CertdConfig& config, bool confirmed) {
  const auto log = shared::log::get("certd");
  if (!confirmed) {
    shared::log::error(log,
                       "account deactivate: the CA will refuse every later request of this account "
                       "and this cannot be undone (issued certificates stay valid; the next "
                       "issuance registers a new account); run again with --yes");
    return shared::cli::kExitUsage;
  }
  auto session = storedAccountSession(config, "deactivate");
  if (!session) return kFailed;
  const std::string url = session->client->accountUrl();
  if (shared::Status status = acme::deactivateAccount(*session->client); !status) {
    // RFC 8555 §7.3.6: the CA refuses a deactivated account's requests as unauthorized.
    // The account's own signed request being refused means it is unusable either way
    // (deactivated before, e.g. by a run that stopped before moving the files, or revoked
    // by the CA), so its files move aside all the same.
    const auto& problem = session->client->lastProblem();
    if (!problem || !problem->is(acme::error::kUnauthorized)) {
      shared::log::error(log, "account deactivate", {{"error", status.message()}});
      return kFailed;
    }
    shared::log::warn(log, "the CA already refuses the account",
                      {{"url", url}, {"error", status.message()}});
  }
  std::string stamp = store::formatRfc3339(shared::SystemClock::instance().now());
  for (char& c : stamp) {
    if (c == ':') c = '-';  // a folder name without colons copies to every filesystem
  }
  auto moved = session->store.retire(stamp);
  if (!moved) {
    log->error("account deactivate: the CA deactivated {} but its files stay: {}", url,
               moved.status().message());
    return kFailed;
  }
  shared::log::info(log, "account deactivated", {{"url", url}, {"files", moved->string()}});
  shared::log::info(log, "the next issuance registers a new account");
  return 0;
}

}  // namespace certd::app
