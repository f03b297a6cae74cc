#include "certd/issue/account_setup.h"

#include "certd/acme/operations.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::issue {
namespace {

shared::Status registerAccount(acme::AcmeClient& client, state::AccountStore& store,
                               const AccountSettings& settings) {
  static const auto log = shared::log::get("certd.acme");
  if (!settings.allow_register) {
    return shared::Status::notFound(
        "account: no account for this CA (none stored in " + store.folder().string() +
        ", or the CA no longer knows it), and this command registers none");
  }
  acme::NewAccountRequest request;
  for (const std::string& email : settings.emails) request.contact.push_back("mailto:" + email);
  request.eab = settings.eab;
  if (client.directory().meta.external_account_required && request.eab.empty()) {
    return shared::Status::invalidArgument(
        "acme: new account: the CA requires external account binding: set eab_kid and "
        "eab_hmac_key");
  }
  auto account = acme::newAccount(client, request);
  if (!account) return account.status();
  shared::log::info(log, "account registered",
                    {{"url", account->url}, {"alg", client.signer().algorithm()}});
  return store.saveUrl(account->url);
}

}  // namespace

shared::Status ensureAccount(acme::AcmeClient& client, state::AccountStore& store,
                             const AccountSettings& settings, bool fresh_key) {
  static const auto log = shared::log::get("certd.acme");
  client.setReregisterHook([&client, &store, settings] {
    client.setAccountUrl("");
    return registerAccount(client, store, settings);
  });
  // A key made just now has no account yet, so a stored URL belongs to an earlier key (one
  // moved aside after a deactivation) and is not used.
  if (fresh_key) return registerAccount(client, store, settings);
  if (auto url = store.loadUrl()) {
    client.setAccountUrl(*url);
    shared::log::debug(log, "using stored account", {{"url", *url}});
    return shared::Status::ok();
  }
  // RFC 8555 §7.3.1: find the account of a key we already have without creating one.
  auto existing = acme::newAccount(client, {.only_return_existing = true});
  if (existing) {
    shared::log::info(log, "recovered account", {{"url", existing->url}});
    return store.saveUrl(existing->url);
  }
  if (!client.lastProblem() || !client.lastProblem()->is(acme::error::kAccountDoesNotExist)) {
    return existing.status();
  }
  return registerAccount(client, store, settings);
}

}  // namespace certd::issue
