#include "certd/dns/ldns_handles.h"

#include <cstdlib>

namespace certd::dns {

shared::Status ldnsError(std::string_view what, ldns_status status) {
  const char* words = ldns_get_errorstr_by_id(status);
  return shared::Status::invalidArgument("dns: " + std::string(what) + ": " +
                                         (words != nullptr ? words : "libldns error"));
}

shared::Result<RdfPtr> nameRdf(std::string_view text) {
  ldns_rdf* rdf = nullptr;
  const std::string name(text);
  // A string_view may hold a NUL that would silently cut the name short.
  if (name.find('\0') != std::string::npos) {
    return shared::Status::invalidArgument("dns: name holds a NUL byte");
  }
  const ldns_status status = ldns_str2rdf_dname(&rdf, name.c_str());
  if (status != LDNS_STATUS_OK || rdf == nullptr) {
    return ldnsError("name \"" + name + "\"", status);
  }
  return RdfPtr(rdf);
}

std::string nameText(const ldns_rdf* name) {
  char* text = ldns_rdf2str(name);
  if (text == nullptr) return {};
  std::string out(text);
  std::free(text);
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

}  // namespace certd::dns
