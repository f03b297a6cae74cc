#include "certd/renewal/renewal_info.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "certd/store/time_text.h"

namespace certd::renewal {

shared::Result<RenewalInfo> parseRenewalInfo(std::string_view json) {
  auto bad = [](std::string why) { return shared::Status::invalidArgument("ari: " + why); };
  RenewalInfo info;
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var root = parser.parse(std::string(json));
    if (root.type() != typeid(Poco::JSON::Object::Ptr)) return bad("the body is not an object");
    auto object = root.extract<Poco::JSON::Object::Ptr>();
    Poco::JSON::Object::Ptr window = object->getObject("suggestedWindow");
    if (!window) return bad("suggestedWindow is missing or not an object");
    for (const char* key : {"start", "end"}) {
      if (!window->has(key) || !window->get(key).isString()) {
        return bad(std::string("suggestedWindow.") + key + " is missing or not a string");
      }
      auto time = store::parseRfc3339(window->getValue<std::string>(key));
      if (!time) return bad(std::string("suggestedWindow.") + key + ": " + time.status().message());
      (std::string_view(key) == "start" ? info.suggested_window.start : info.suggested_window.end) =
          *time;
    }
    if (object->has("explanationURL") && object->get("explanationURL").isString()) {
      info.explanation_url = object->getValue<std::string>("explanationURL");
    }
  } catch (const Poco::Exception& e) {
    return bad(e.displayText());
  }
  if (info.suggested_window.end <= info.suggested_window.start) {
    return bad("suggestedWindow.end is not after its start");
  }
  return info;
}

}  // namespace certd::renewal
