#pragma once

// Result<T>: a value or the error Status that explains why there is none
// (leveldb/Abseil StatusOr). Construct from a T on success or from a non-ok Status on
// failure; reading value() of an error is a programming bug and aborts.

#include <cstdlib>
#include <utility>
#include <variant>

#include "shared/status.h"

namespace shared {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {   // NOLINT: implicit by design
    if (std::get<Status>(state_).isOk()) std::abort();  // an ok Status carries no value
  }

  bool isOk() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return isOk(); }

  // The error, or an ok Status when a value is present.
  Status status() const { return isOk() ? Status::ok() : std::get<Status>(state_); }

  T& value() & { return checked(); }
  const T& value() const& { return checked(); }
  T&& value() && { return std::move(checked()); }
  T* operator->() { return &checked(); }
  const T* operator->() const { return &checked(); }
  T& operator*() & { return checked(); }
  const T& operator*() const& { return checked(); }

  // The value, or `fallback` when this holds an error.
  T valueOr(T fallback) const& { return isOk() ? std::get<T>(state_) : std::move(fallback); }

 private:
  T& checked() {
    if (!isOk()) std::abort();
    return std::get<T>(state_);
  }
  const T& checked() const {
    if (!isOk()) std::abort();
    return std::get<T>(state_);
  }

  std::variant<T, Status> state_;
};

}  // namespace shared
