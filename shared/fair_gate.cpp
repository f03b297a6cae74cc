#include "shared/fair_gate.h"

namespace shared {
namespace {

thread_local FairGate::Permit* current_permit = nullptr;

}  // namespace

std::size_t FairGate::waiting() const {
  std::lock_guard lock(mu_);
  return waiting_.size();
}

void FairGate::enter() {
  if (capacity_ == 0) return;
  std::unique_lock lock(mu_);
  if (inside_ < capacity_ && waiting_.empty()) {
    ++inside_;
    return;
  }
  Waiter self;
  waiting_.push_back(&self);
  self.ready.wait(lock, [&] { return self.admitted; });
}

void FairGate::leave() {
  if (capacity_ == 0) return;
  std::lock_guard lock(mu_);
  if (waiting_.empty()) {
    --inside_;
    return;
  }
  // Hand the place straight to the oldest waiter, so nobody can overtake it.
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->admitted = true;
  next->ready.notify_one();
}

FairGate::Permit::Permit(FairGate& gate) : gate_(gate), outer_(current_permit) {
  gate_.enter();
  held_ = true;
  current_permit = this;
}

FairGate::Permit::~Permit() {
  if (held_) gate_.leave();
  current_permit = outer_;
}

FairGate::BlockingSection::BlockingSection() : permit_(current_permit) {
  if (permit_ != nullptr && permit_->held_) {
    permit_->gate_.leave();
    permit_->held_ = false;
  } else {
    permit_ = nullptr;
  }
}

FairGate::BlockingSection::~BlockingSection() {
  if (permit_ == nullptr) return;
  permit_->gate_.enter();
  permit_->held_ = true;
}

}  // namespace shared
