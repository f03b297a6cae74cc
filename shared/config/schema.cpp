#include "shared/config/schema.h"

#include <algorithm>
#include <cctype>

namespace shared::config {
namespace {

// "log.level" -> "LOG_LEVEL"; "certs_dir" -> "CERTS_DIR".
std::string envSuffix(std::string_view path) {
  std::string out;
  for (const char c : path) {
    out += (c == '.' || c == '-') ? '_'
                                  : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// "log.level" -> "--log-level"; "certs_dir" -> "--certs-dir".
std::string flagFor(std::string_view path) {
  std::string out = "--";
  for (const char c : path) out += (c == '.' || c == '_') ? '-' : c;
  return out;
}

template <class T>
std::function<Status(const RawValue&)> storeInto(T& target,
                                                 std::function<Result<T>(const RawValue&)> parse) {
  return [&target, parse = std::move(parse)](const RawValue& raw) {
    auto parsed = parse(raw);
    if (!parsed) return parsed.status();
    target = std::move(parsed).value();
    return Status::ok();
  };
}

}  // namespace

Schema::Schema(std::string env_prefix) : env_prefix_(std::move(env_prefix)) {}

Option& Schema::add(Option option) {
  if (option.env.empty()) option.env = env_prefix_ + envSuffix(option.path);
  if (option.flag.empty()) option.flag = flagFor(option.path);
  options_.push_back(std::move(option));
  return options_.back();
}

Option& Schema::addString(std::string path, std::string& target, std::string value_name,
                          std::string help) {
  Option option{
      .path = std::move(path), .value_name = std::move(value_name), .help = std::move(help)};
  option.assign = storeInto<std::string>(target, parseString);
  option.show = [&target] { return target; };
  return add(std::move(option));
}

Option& Schema::addChoice(std::string path, std::string& target, std::vector<std::string> choices,
                          std::string help) {
  std::string value_name = path.substr(path.rfind('.') + 1);  // "log.level" -> "LEVEL"
  for (char& c : value_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string listed;
  for (const auto& c : choices) listed += (listed.empty() ? "" : ", ") + c;
  Option option{.path = std::move(path),
                .value_name = std::move(value_name),
                .help = std::move(help) + " (" + listed + ")"};
  option.assign = storeInto<std::string>(
      target,
      [choices = std::move(choices)](const RawValue& raw) { return parseChoice(raw, choices); });
  option.show = [&target] { return target; };
  return add(std::move(option));
}

Option& Schema::addBool(std::string path, bool& target, std::string help) {
  Option option{.path = std::move(path), .help = std::move(help), .is_switch = true};
  option.assign = storeInto<bool>(target, parseBool);
  option.show = [&target] { return std::string(target ? "true" : "false"); };
  return add(std::move(option));
}

Option& Schema::addInteger(std::string path, int& target, int min, int max, std::string value_name,
                           std::string help) {
  Option option{
      .path = std::move(path), .value_name = std::move(value_name), .help = std::move(help)};
  option.assign = [&target, min, max](const RawValue& raw) {
    auto parsed = parseInteger(raw, min, max);
    if (!parsed) return parsed.status();
    target = static_cast<int>(*parsed);
    return Status::ok();
  };
  option.show = [&target] { return std::to_string(target); };
  return add(std::move(option));
}

Option& Schema::addDuration(std::string path, std::chrono::seconds& target, DurationRange range,
                            std::string help) {
  Option option{.path = std::move(path),
                .value_name = "DURATION",
                .help = std::move(help) + " (" + formatDuration(range.min) + " to " +
                        formatDuration(range.max) + ")"};
  option.assign = storeInto<std::chrono::seconds>(
      target, [range](const RawValue& raw) { return parseDuration(raw, range); });
  option.show = [&target] { return formatDuration(target); };
  return add(std::move(option));
}

Option& Schema::addByteSize(std::string path, std::uint64_t& target, std::string help) {
  Option option{.path = std::move(path), .value_name = "SIZE", .help = std::move(help)};
  option.assign = storeInto<std::uint64_t>(target, parseByteSize);
  option.show = [&target] { return formatByteSize(target); };
  return add(std::move(option));
}

Option& Schema::addList(std::string path, std::vector<std::string>& target, std::string value_name,
                        std::string help) {
  Option option{
      .path = std::move(path), .value_name = std::move(value_name), .help = std::move(help)};
  option.assign = storeInto<std::vector<std::string>>(target, parseStringList);
  option.show = [&target] {
    std::string out;
    for (const auto& item : target) out += (out.empty() ? "" : ",") + item;
    return out;
  };
  return add(std::move(option));
}

Option& Schema::addHostPort(std::string path, net::HostPort& target, std::string help) {
  Option option{.path = std::move(path), .value_name = "HOST:PORT", .help = std::move(help)};
  option.assign = storeInto<net::HostPort>(target, parseHostPortValue);
  option.show = [&target] { return target.toString(); };
  return add(std::move(option));
}

void Schema::addCheck(std::function<std::optional<Problem>()> check) {
  checks_.push_back(std::move(check));
}

Option* Schema::findByPath(std::string_view path) {
  auto it = std::find_if(options_.begin(), options_.end(),
                         [&](const Option& o) { return o.path == path; });
  return it == options_.end() ? nullptr : &*it;
}

Option* Schema::findByFlag(std::string_view flag) {
  auto it = std::find_if(options_.begin(), options_.end(),
                         [&](const Option& o) { return o.flag == flag; });
  return it == options_.end() ? nullptr : &*it;
}

bool Schema::isSection(std::string_view prefix) const {
  const std::string dotted = std::string(prefix) + ".";
  return std::any_of(options_.begin(), options_.end(),
                     [&](const Option& o) { return o.path.starts_with(dotted); });
}

}  // namespace shared::config
