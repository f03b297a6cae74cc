#include "certd/acme/resources.h"

#include <sstream>

#include "certd/acme/json_fields.h"

namespace certd::acme {
namespace {

std::optional<Problem> problemField(const Poco::JSON::Object& json, const std::string& key) {
  Poco::JSON::Object::Ptr error = json.getObject(key);
  if (error.isNull()) return std::nullopt;
  std::ostringstream text;
  error->stringify(text);
  auto problem = parseProblem(text.str());
  if (!problem) return std::nullopt;
  return std::move(problem).value();
}

Identifier identifierOf(const Poco::JSON::Object& json) {
  return Identifier{stringField(json, "type"), stringField(json, "value")};
}

shared::Status missing(std::string_view what, std::string_view member) {
  return shared::Status::invalidArgument(std::string(what) + ": missing " + std::string(member));
}

}  // namespace

const Challenge* Authorization::challengeOfType(std::string_view type) const {
  for (const Challenge& challenge : challenges) {
    if (challenge.type == type) return &challenge;
  }
  return nullptr;
}

const Problem* Authorization::firstError() const {
  for (const Challenge& challenge : challenges) {
    if (challenge.error) return &*challenge.error;
  }
  return nullptr;
}

shared::Result<Account> parseAccount(std::string_view body) {
  auto object = parseJsonObject(body, "account");
  if (!object) return object.status();
  const Poco::JSON::Object& json = **object;
  Account account;
  account.status = stringField(json, "status");
  if (account.status.empty()) return missing("account", "status");
  account.contact = stringArrayField(json, "contact");
  account.orders = stringField(json, "orders");
  return account;
}

shared::Result<Order> parseOrder(std::string_view body) {
  auto object = parseJsonObject(body, "order");
  if (!object) return object.status();
  const Poco::JSON::Object& json = **object;
  Order order;
  order.status = stringField(json, "status");
  if (order.status.empty()) return missing("order", "status");
  for (const auto& item : objectArrayField(json, "identifiers")) {
    order.identifiers.push_back(identifierOf(*item));
  }
  if (order.identifiers.empty()) return missing("order", "identifiers");
  order.authorizations = stringArrayField(json, "authorizations");
  order.finalize = stringField(json, "finalize");
  if (order.finalize.empty()) return missing("order", "finalize");
  order.certificate = stringField(json, "certificate");
  order.profile = stringField(json, "profile");
  order.error = problemField(json, "error");
  return order;
}

namespace {

Challenge challengeOf(const Poco::JSON::Object& json) {
  Challenge challenge;
  challenge.type = stringField(json, "type");
  challenge.url = stringField(json, "url");
  challenge.status = stringField(json, "status");
  challenge.token = stringField(json, "token");
  // Let's Encrypt and Pebble send the draft -01 name; draft -02 renamed it to camelCase.
  challenge.issuer_domain_names = stringArrayField(json, "issuer-domain-names");
  if (challenge.issuer_domain_names.empty())
    challenge.issuer_domain_names = stringArrayField(json, "issuerDomainNames");
  challenge.error = problemField(json, "error");
  return challenge;
}

}  // namespace

shared::Result<Challenge> parseChallenge(std::string_view body) {
  auto object = parseJsonObject(body, "challenge");
  if (!object) return object.status();
  Challenge challenge = challengeOf(**object);
  if (challenge.type.empty()) return missing("challenge", "type");
  if (challenge.status.empty()) return missing("challenge", "status");
  return challenge;
}

shared::Result<Authorization> parseAuthorization(std::string_view body) {
  auto object = parseJsonObject(body, "authorization");
  if (!object) return object.status();
  const Poco::JSON::Object& json = **object;
  Authorization authz;
  authz.status = stringField(json, "status");
  if (authz.status.empty()) return missing("authorization", "status");
  Poco::JSON::Object::Ptr id = json.getObject("identifier");
  if (id.isNull()) return missing("authorization", "identifier");
  authz.identifier = identifierOf(*id);
  authz.wildcard = boolField(json, "wildcard").value_or(false);
  for (const auto& item : objectArrayField(json, "challenges")) {
    authz.challenges.push_back(challengeOf(*item));
  }
  return authz;
}

}  // namespace certd::acme
