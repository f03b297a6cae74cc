#include "certd/acme/problem.h"

#include "certd/acme/json_fields.h"

namespace certd::acme {

std::string_view shortTypeOf(std::string_view type) {
  if (!type.starts_with(error::kPrefix)) return {};
  return type.substr(error::kPrefix.size());
}

std::string_view Problem::shortType() const {
  return shortTypeOf(type);
}

std::string Problem::describe() const {
  std::string text;
  const std::string_view name = shortType();
  text += name.empty() ? std::string_view(type) : name;
  if (!detail.empty()) text += ": " + detail;
  for (const Subproblem& sub : subproblems) {
    text += "; ";
    if (sub.identifier) text += sub.identifier->value + ": ";
    const std::string_view sub_name = shortTypeOf(sub.type);
    text += sub_name.empty() ? std::string_view(sub.type) : sub_name;
    if (!sub.detail.empty()) text += ": " + sub.detail;
  }
  return text;
}

shared::Result<Problem> parseProblem(std::string_view body) {
  auto object = parseJsonObject(body, "problem document");
  if (!object) return object.status();
  const Poco::JSON::Object& json = **object;
  Problem problem;
  problem.type = stringField(json, "type");
  if (problem.type.empty()) problem.type = "about:blank";  // RFC 7807 §4.2
  problem.detail = stringField(json, "detail");
  if (auto status = intField(json, "status"); status && *status >= 0 && *status < 1000) {
    problem.status = static_cast<int>(*status);
  }
  // RFC 8555 §6.7.1: each subproblem may carry the identifier it is about.
  for (const auto& item : objectArrayField(json, "subproblems")) {
    Subproblem sub;
    sub.type = stringField(*item, "type");
    sub.detail = stringField(*item, "detail");
    if (Poco::JSON::Object::Ptr id = item->getObject("identifier"); !id.isNull()) {
      sub.identifier = Identifier{stringField(*id, "type"), stringField(*id, "value")};
    }
    problem.subproblems.push_back(std::move(sub));
  }
  return problem;
}

}  // namespace certd::acme
