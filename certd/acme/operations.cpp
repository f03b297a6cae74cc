#include "certd/acme/operations.h"

#include <arpa/inet.h>

#include "certd/acme/base64url.h"
#include "shared/json_string.h"

namespace certd::acme {
namespace {

std::string jsonString(std::string_view text) {
  std::string out;
  shared::appendJsonString(out, text);
  return out;
}

}  // namespace

Identifier identifierFor(const std::string& name) {
  unsigned char buffer[16];
  const bool ip = inet_pton(AF_INET, name.c_str(), buffer) == 1 ||
                  inet_pton(AF_INET6, name.c_str(), buffer) == 1;
  return Identifier{ip ? "ip" : "dns", name};
}

shared::Result<Account> newAccount(AcmeClient& client, const NewAccountRequest& request) {
  const std::string& url = client.directory().new_account;
  std::string payload = "{";
  if (request.only_return_existing) {
    payload += R"("onlyReturnExisting":true)";
  } else {
    payload += R"("termsOfServiceAgreed":)";
    payload += request.terms_of_service_agreed ? "true" : "false";
    if (!request.contact.empty()) {
      payload += R"(,"contact":[)";
      for (std::size_t i = 0; i < request.contact.size(); ++i) {
        if (i > 0) payload += ',';
        payload += jsonString(request.contact[i]);
      }
      payload += ']';
    }
    if (!request.eab.empty()) {
      auto binding = externalAccountBinding(request.eab, client.signer().jwk(), url);
      if (!binding) return binding.status();
      payload += R"(,"externalAccountBinding":)" + *binding;
    }
  }
  payload += '}';
  auto response = client.post(url, payload, "new account", /*with_jwk=*/true);
  if (!response) return response.status();
  auto account = parseAccount(response->body);
  if (!account) return account.status().withContext("acme: new account");
  account->url = response->header("Location");
  if (account->url.empty())
    return shared::Status::invalidArgument("acme: new account: no Location");
  client.setAccountUrl(account->url);
  return account;
}

shared::Result<Order> newOrder(AcmeClient& client, const NewOrderRequest& request) {
  std::string payload = R"({"identifiers":[)";
  for (std::size_t i = 0; i < request.identifiers.size(); ++i) {
    if (i > 0) payload += ',';
    payload += R"({"type":)" + jsonString(request.identifiers[i].type) + R"(,"value":)" +
               jsonString(request.identifiers[i].value) + "}";
  }
  payload += ']';
  if (!request.profile.empty()) payload += R"(,"profile":)" + jsonString(request.profile);
  if (!request.replaces.empty()) payload += R"(,"replaces":)" + jsonString(request.replaces);
  payload += '}';
  auto response = client.post(client.directory().new_order, payload, "new order");
  if (!response) return response.status();
  auto order = parseOrder(response->body);
  if (!order) return order.status().withContext("acme: new order");
  order->url = response->header("Location");
  return order;
}

shared::Result<Authorization> fetchAuthorization(AcmeClient& client, const std::string& url) {
  auto response = client.postAsGet(url, "authorization " + url);
  if (!response) return response.status();
  auto authz = parseAuthorization(response->body);
  if (!authz) return authz.status().withContext("acme: authorization " + url);
  authz->url = url;
  return authz;
}

shared::Result<Challenge> respondToChallenge(AcmeClient& client, const std::string& url) {
  auto response = client.post(url, "{}", "challenge " + url);
  if (!response) return response.status();
  auto challenge = parseChallenge(response->body);
  if (!challenge) return challenge.status().withContext("acme: challenge " + url);
  challenge->retry_after =
      parseRetryAfter(response->header("Retry-After"), client.options().clock->now());
  return challenge;
}

shared::Result<Order> finalizeOrder(AcmeClient& client, const Order& order,
                                    const std::string& csr_der) {
  const std::string payload = R"({"csr":")" + base64UrlEncode(csr_der) + R"("})";
  auto response = client.post(order.finalize, payload, "finalize " + order.url);
  if (!response) return response.status();
  auto updated = parseOrder(response->body);
  if (!updated) return updated.status().withContext("acme: finalize");
  updated->url = order.url;
  updated->retry_after =
      parseRetryAfter(response->header("Retry-After"), client.options().clock->now());
  return updated;
}

namespace {

std::string revocationPayload(const std::string& certificate_der, int reason) {
  return R"({"certificate":")" + base64UrlEncode(certificate_der) + R"(","reason":)" +
         std::to_string(reason) + "}";
}

}  // namespace

shared::Status revokeCertificate(AcmeClient& client, const std::string& certificate_der,
                                 int reason) {
  auto response = client.post(client.directory().revoke_cert,
                              revocationPayload(certificate_der, reason), "revoke");
  return response ? shared::Status::ok() : response.status();
}

shared::Status revokeCertificateWithKey(AcmeClient& client, const std::string& certificate_der,
                                        int reason, const JwsSigner& certificate_key) {
  const JwsSigner account_key = client.signer();
  client.setSigner(certificate_key);
  auto response =
      client.post(client.directory().revoke_cert, revocationPayload(certificate_der, reason),
                  "revoke (signed by the certificate key)", /*with_jwk=*/true);
  client.setSigner(account_key);
  return response ? shared::Status::ok() : response.status();
}

}  // namespace certd::acme
