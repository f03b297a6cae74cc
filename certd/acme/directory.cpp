#include "certd/acme/directory.h"

#include "certd/acme/json_fields.h"

namespace certd::acme {

shared::Result<Directory> parseDirectory(std::string_view body) {
  auto object = parseJsonObject(body, "directory");
  if (!object) return object.status();
  const Poco::JSON::Object& json = **object;
  Directory directory;
  directory.new_nonce = stringField(json, "newNonce");
  directory.new_account = stringField(json, "newAccount");
  directory.new_order = stringField(json, "newOrder");
  directory.revoke_cert = stringField(json, "revokeCert");
  directory.key_change = stringField(json, "keyChange");
  directory.renewal_info = stringField(json, "renewalInfo");
  for (const auto& [name, value] : {std::pair{"newNonce", &directory.new_nonce},
                                    {"newAccount", &directory.new_account},
                                    {"newOrder", &directory.new_order}}) {
    if (value->empty())
      return shared::Status::invalidArgument(std::string("directory: missing ") + name);
  }
  if (Poco::JSON::Object::Ptr meta = json.getObject("meta"); !meta.isNull()) {
    directory.meta.terms_of_service = stringField(*meta, "termsOfService");
    directory.meta.website = stringField(*meta, "website");
    directory.meta.external_account_required =
        boolField(*meta, "externalAccountRequired").value_or(false);
    directory.meta.issuer_domain_names = stringArrayField(*meta, "issuerDomainNames");
    directory.meta.account_hash_prefix = stringField(*meta, "accountHashPrefix");
    if (Poco::JSON::Object::Ptr profiles = meta->getObject("profiles"); !profiles.isNull()) {
      for (const std::string& name : profiles->getNames()) {
        directory.meta.profiles[name] = stringField(*profiles, name);
      }
    }
  }
  return directory;
}

}  // namespace certd::acme
