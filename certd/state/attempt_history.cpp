#include "certd/state/attempt_history.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "certd/state/backoff.h"
#include "certd/store/time_text.h"
#include "shared/json_string.h"

namespace certd::state {
namespace {

using shared::Clock;

void appendTime(std::string& out, std::string_view key, std::optional<Clock::TimePoint> time) {
  shared::appendJsonMemberName(out, key);
  if (time) {
    shared::appendJsonString(out, store::formatRfc3339(*time));
  } else {
    out += "null";
  }
}

}  // namespace

bool mayAttempt(const AttemptHistory& history, Clock::TimePoint now) {
  return !history.not_before || now >= *history.not_before;
}

AttemptHistory startAttempt(AttemptHistory history, Clock::TimePoint now, double jitter) {
  history.last_attempt = now;
  history.consecutive_failures += 1;
  history.last_error = std::string(kInterruptedError);
  history.not_before = nextAttemptAfter(history.consecutive_failures, now, std::nullopt, jitter);
  history.in_progress = true;
  return history;
}

AttemptHistory finishWithFailure(AttemptHistory history, Clock::TimePoint now, std::string error,
                                 std::optional<Clock::TimePoint> retry_after, double jitter) {
  if (!history.in_progress) {
    // A failure reported without startAttempt: the attempt is this one.
    history.consecutive_failures += 1;
    history.last_attempt = now;
  }
  history.in_progress = false;
  history.last_error = std::move(error);
  history.not_before = nextAttemptAfter(history.consecutive_failures, now, retry_after, jitter);
  return history;
}

AttemptHistory finishWithSuccess(AttemptHistory history, Clock::TimePoint now) {
  history.in_progress = false;
  history.consecutive_failures = 0;
  history.last_error.clear();
  history.not_before.reset();
  history.last_success = now;
  return history;
}

std::string toJson(const AttemptHistory& h) {
  std::string out = "{";
  appendTime(out, "last_attempt", h.last_attempt);
  appendTime(out, "last_success", h.last_success);
  shared::appendJsonMemberName(out, "consecutive_failures");
  out += std::to_string(h.consecutive_failures);
  shared::appendJsonMemberName(out, "last_error");
  shared::appendJsonString(out, h.last_error);
  appendTime(out, "not_before", h.not_before);
  shared::appendJsonMemberName(out, "in_progress");
  out += h.in_progress ? "true" : "false";
  out += "}\n";
  return out;
}

shared::Result<AttemptHistory> parseAttemptHistory(std::string_view json) {
  AttemptHistory h;
  try {
    Poco::JSON::Parser parser;
    auto object = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
    auto time = [&](const char* key) -> std::optional<Clock::TimePoint> {
      if (!object->has(key) || object->isNull(key)) return std::nullopt;
      auto parsed = store::parseRfc3339(object->getValue<std::string>(key));
      if (!parsed) throw std::invalid_argument(std::string("\"") + key + "\": bad time");
      return *parsed;
    };
    h.last_attempt = time("last_attempt");
    h.last_success = time("last_success");
    h.consecutive_failures = object->optValue<int>("consecutive_failures", 0);
    h.last_error = object->optValue<std::string>("last_error", "");
    h.not_before = time("not_before");
    h.in_progress = object->optValue<bool>("in_progress", false);
  } catch (const Poco::Exception& e) {
    return shared::Status::invalidArgument("attempt history: " + e.displayText());
  } catch (const std::exception& e) {
    return shared::Status::invalidArgument(std::string("attempt history: ") + e.what());
  }
  if (h.consecutive_failures < 0) {
    return shared::Status::invalidArgument("attempt history: negative consecutive_failures");
  }
  return h;
}

}  // namespace certd::state
