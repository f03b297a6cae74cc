#include "certd/acme/request_metrics.h"

#include <mutex>

namespace certd::acme {
namespace {

std::mutex& countsMutex() {
  static std::mutex mutex;
  return mutex;
}

RequestCounts& counts() {  // guarded by countsMutex()
  static RequestCounts value;
  return value;
}

}  // namespace

void countRequest() {
  std::lock_guard lock(countsMutex());
  ++counts().requests;
}

void countError(std::string_view type) {
  std::lock_guard lock(countsMutex());
  ++counts().errors[std::string(type)];
}

RequestCounts requestCounts() {
  std::lock_guard lock(countsMutex());
  return counts();
}

}  // namespace certd::acme
