#include "certd/issue/account_key_rollover.h"

#include "certd/acme/account_operations.h"
#include "certd/acme/operations.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::issue {
namespace {

// True when the CA answered with a definite refusal, so it did not take the new key.
bool refusedByCa(const acme::AcmeClient& client) {
  const auto& problem = client.lastProblem();
  return problem && problem->status >= 400 && problem->status < 500;
}

}  // namespace

shared::Status settlePendingKey(acme::AcmeClient& client, state::AccountStore& store) {
  static const auto log = shared::log::get("certd.acme");
  auto pending = store.loadPendingKey();
  if (!pending) return pending.status();
  if (!pending->has_value()) return shared::Status::ok();
  auto signer = acme::JwsSigner::create(**pending);
  if (!signer) return signer.status().withContext("account: " + store.pendingKeyPath().string());
  const acme::JwsSigner old_signer = client.signer();
  const std::string old_url = client.accountUrl();
  client.setSigner(*signer);
  auto found = acme::newAccount(client, {.only_return_existing = true});
  if (found) {
    // The CA holds the new key: the key change went through before certd stopped.
    if (shared::Status status = store.promotePendingKey(); !status) return status;
    if (store.loadUrl() != found->url) {
      if (shared::Status status = store.saveUrl(found->url); !status) return status;
    }
    shared::log::info(log,
                      "an interrupted key change had reached the CA, using the new account key",
                      {{"url", found->url}});
    return shared::Status::ok();
  }
  client.setSigner(old_signer);
  client.setAccountUrl(old_url);
  if (client.lastProblem() && client.lastProblem()->is(acme::error::kAccountDoesNotExist)) {
    shared::log::info(log,
                      "an interrupted key change had not reached the CA, keeping the account key");
    return store.discardPendingKey();
  }
  return found.status().withContext(
      "account: a key change was interrupted and the CA could not say which key it holds "
      "(pending key " +
      store.pendingKeyPath().string() + " kept)");
}

shared::Status rollAccountKey(acme::AcmeClient& client, state::AccountStore& store,
                              shared::pki::KeyType type) {
  static const auto log = shared::log::get("certd.acme");
  if (client.accountUrl().empty())
    return shared::Status::invalidArgument("account: key change: no account yet");
  auto key = shared::pki::PrivateKey::generate(type);
  if (!key) return key.status();
  auto signer = acme::JwsSigner::create(*key);
  if (!signer) return signer.status();
  // Pending key on disk before the CA hears of it (see the header).
  if (shared::Status status = store.savePendingKey(*key); !status) return status;
  shared::Status changed = acme::changeAccountKey(client, *signer);
  if (changed) {
    if (shared::Status status = store.promotePendingKey(); !status) {
      return status.withContext(
          "account: the CA took the new key but it could not be moved into place; the next "
          "certd command will retry");
    }
    return shared::Status::ok();
  }
  if (refusedByCa(client)) {
    if (shared::Status status = store.discardPendingKey(); !status) return status;
    // RFC 8555 §7.3.5: 409 Conflict means another account at the CA already holds the
    // new key; the account keeps its old key.
    if (client.lastProblem()->status == 409) {
      return changed.withContext(
          "account: key change refused: the CA says another account already uses the new key "
          "(409 Conflict); this account keeps its current key, run rollover again for a fresh "
          "one");
    }
    return changed;
  }
  shared::log::warn(log, "key change outcome unknown, asking the CA which key it holds",
                    {{"error", changed.message()}});
  if (shared::Status status = settlePendingKey(client, store); !status) {
    return changed.withContext(
        "account: the outcome of the key change is unknown; the next certd command will ask "
        "the CA which key it holds (" +
        status.message() + ")");
  }
  if (client.signer().jwk() == signer->jwk()) return shared::Status::ok();
  return changed;
}

}  // namespace certd::issue
