#include "certd/acme/link_header.h"

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/String.h>

namespace certd::acme {
namespace {

// Whether the space-separated relation types of a rel parameter (RFC 8288 §3.3) include
// `rel`, compared case-insensitively.
bool relListHas(const std::string& rel_list, std::string_view rel) {
  std::size_t start = 0;
  while (start < rel_list.size()) {
    std::size_t end = rel_list.find(' ', start);
    if (end == std::string::npos) end = rel_list.size();
    if (Poco::icompare(rel_list.substr(start, end - start), std::string(rel)) == 0) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

std::vector<std::string> linksWithRel(const std::vector<std::string>& header_values,
                                      std::string_view rel) {
  std::vector<std::string> urls;
  for (const std::string& header : header_values) {
    // RFC 8288 §3: link-values separated by commas; each is `<URI>` then `;` parameters.
    // Poco splits on commas outside quotes and parses the parameters, so a quoted value
    // that merely contains "rel=" is never taken for the rel parameter.
    std::vector<std::string> elements;
    Poco::Net::MessageHeader::splitElements(header, elements);
    for (const std::string& element : elements) {
      std::string target;
      Poco::Net::NameValueCollection parameters;
      Poco::Net::MessageHeader::splitParameters(element, target, parameters);
      if (target.size() < 2 || target.front() != '<' || target.back() != '>') continue;
      if (!parameters.has("rel") || !relListHas(parameters.get("rel"), rel)) continue;
      urls.push_back(target.substr(1, target.size() - 2));
    }
  }
  return urls;
}

}  // namespace certd::acme
