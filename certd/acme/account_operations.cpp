#include "certd/acme/account_operations.h"

#include "certd/acme/resources.h"
#include "shared/json_string.h"

namespace certd::acme {

shared::Result<std::string> keyChangePayload(const JwsSigner& new_signer,
                                             const std::string& key_change_url,
                                             const std::string& account_url,
                                             const std::string& old_jwk) {
  // RFC 8555 §7.3.5: the new key proves possession by signing the account URL and the old
  // key; the outer JWS (signed by the old key) proves the account holder asks for it.
  std::string inner = R"({"account":)";
  shared::appendJsonString(inner, account_url);
  inner += R"(,"oldKey":)" + old_jwk + "}";
  return new_signer.signWithoutNonce(inner, key_change_url);
}

shared::Status changeAccountKey(AcmeClient& client, const JwsSigner& new_signer) {
  const std::string& url = client.directory().key_change;
  if (url.empty()) return shared::Status::invalidArgument("acme: the CA offers no keyChange");
  if (client.accountUrl().empty())
    return shared::Status::invalidArgument("acme: key change: no account URL");
  auto payload = keyChangePayload(new_signer, url, client.accountUrl(), client.signer().jwk());
  if (!payload) return payload.status();
  auto response = client.post(url, *payload, "key change");
  if (!response) return response.status();
  client.setSigner(new_signer);
  return shared::Status::ok();
}

shared::Status deactivateAccount(AcmeClient& client) {
  if (client.accountUrl().empty())
    return shared::Status::invalidArgument("acme: deactivate account: no account URL");
  auto response =
      client.post(client.accountUrl(), R"({"status":"deactivated"})", "deactivate account");
  if (!response) return response.status();
  // RFC 8555 §7.3.6: the server answers with the account object, now "deactivated".
  auto account = parseAccount(response->body);
  if (account && account->status != "deactivated") {
    return shared::Status::invalidArgument("acme: deactivate account: the CA answered status \"" +
                                           account->status + "\"");
  }
  return shared::Status::ok();
}

}  // namespace certd::acme
