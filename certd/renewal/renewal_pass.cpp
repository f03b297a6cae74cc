#include "certd/renewal/renewal_pass.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <system_error>
#include <thread>
#include <vector>

#include "certd/acme/client.h"
#include "certd/acme/renewal_info.h"
#include "certd/issue/issuer.h"
#include "certd/renewal/ari_cert_id.h"
#include "certd/renewal/certificate_plan.h"
#include "certd/renewal/pass_context.h"
#include "certd/renewal/renewal_info.h"
#include "certd/renewal/save_issued.h"
#include "certd/state/certificate_lock.h"
#include "certd/store/time_text.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::renewal {
namespace {

double jitterDraw() {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

// The CA's suggested renewal window for a new leaf (RFC 9773), when its directory offers
// renewalInfo; nullopt (the default rule applies) when it does not or the fetch fails.
std::optional<AriWindow> fetchAriWindow(acme::AcmeClient& client,
                                        const shared::pki::Certificate& leaf) {
  if (client.directory().renewal_info.empty()) return std::nullopt;
  const auto log = shared::log::get("certd");
  auto cert_id = ariCertId(leaf);
  auto response = cert_id ? acme::fetchRenewalInfo(client, *cert_id)
                          : shared::Result<acme::RenewalInfoResponse>(cert_id.status());
  auto info =
      response ? parseRenewalInfo(response->body) : shared::Result<RenewalInfo>(response.status());
  if (!info) {
    shared::log::warn(log, "ari: no renewal window, using the default rule",
                      {{"error", info.status().message()}});
    return std::nullopt;
  }
  return info->suggested_window;
}

bool wantsOrder(const Decision& decision) {
  return decision.action == Action::kObtain || decision.action == Action::kRenew;
}

// What happened to a certificate while its lock was held.
struct LockedOutcome {
  enum Kind { kNotDue, kUnplannable, kIssued, kFailed } kind = kNotDue;
  std::optional<store::CertificateMetadata> metadata;  // kIssued
  std::string error;                                   // kFailed
  bool recorded = true;  // false: the back-off could not be saved in the state directory
};

// Steps 3-6 of the pass for one certificate; the caller holds its lock.
LockedOutcome orderLocked(PassContext& context, std::size_t worker, store::CertificateStore& store,
                          state::AttemptStore& attempts, const ManagedCertificate& cert,
                          const PassOptions& options, const shared::Clock& clock) {
  const auto log = shared::log::get("certd");
  // Again under the lock: a process that held it may have installed a certificate or
  // recorded a failure since the first look.
  auto plan = planCertificate(store, attempts, cert, clock.now(), options.force);
  if (!plan) {
    shared::log::error(log, "certificate cannot be planned",
                       {{"name", cert.name}, {"error", plan.status().message()}});
    return {LockedOutcome::kUnplannable};
  }
  if (!wantsOrder(plan->decision)) {
    shared::log::info(log, "certificate no longer due",
                      {{"name", cert.name}, {"reason", plan->decision.reason}});
    return {LockedOutcome::kNotDue};
  }
  shared::log::info(log, "certificate due",
                    {{"name", cert.name}, {"reason", plan->decision.reason}});

  // The pair must be keepable before the CA is asked for it: a certificate issued into a
  // read-only or full directory is lost, and each retry would order (and count against the
  // CA's duplicate-certificate limit) again.
  if (shared::Status room = store.checkRoom(cert.name, store.expectedInstallBytes(cert.name));
      !room) {
    const std::string error = "certificate not ordered: " + room.message();
    const state::AttemptHistory history =
        state::finishWithFailure(state::startAttempt(plan->history, clock.now(), jitterDraw()),
                                 clock.now(), error, std::nullopt, jitterDraw());
    const shared::Status saved = attempts.save(cert.name, history);
    if (!saved)
      shared::log::error(log, "attempt history not saved",
                         {{"name", cert.name}, {"error", saved.message()}});
    shared::log::error(log, "certificate not ordered",
                       {{"name", cert.name}, {"error", room.message()}});
    shared::log::warn(
        log, "certificate attempt failed",
        {{"name", cert.name},
         {"failures", history.consecutive_failures},
         {"next_attempt", history.not_before ? store::formatRfc3339(*history.not_before) : "-"}});
    return {LockedOutcome::kFailed, std::nullopt, error, saved.isOk()};
  }

  // Recorded before the CA is contacted: a crash from here on still backs off.
  state::AttemptHistory history = state::startAttempt(plan->history, clock.now(), jitterDraw());
  if (shared::Status saved = attempts.save(cert.name, history); !saved) {
    shared::log::error(log, "certificate not ordered, the attempt cannot be recorded",
                       {{"name", cert.name}, {"error", saved.message()}});
    return {LockedOutcome::kUnplannable, std::nullopt, {}, false};
  }

  shared::Result<store::CertificateMetadata> installed = shared::Status::internal("unreached");
  std::optional<shared::Clock::TimePoint> retry_after;  // the CA's, when it sent one
  auto client = context.client(worker);
  if (!client) {
    installed = client.status();
  } else {
    issue::IssueRequest request{
        .domains = cert.domains,
        .key_type = cert.key_type,
        .profile = cert.profile,
        .preferred_chain = cert.preferred_chain,
        .replaces =
            replacesFor(!(*client)->directory().renewal_info.empty(), store.current(cert.name))};
    if (!request.replaces.empty())
      shared::log::info(log, "renewal replaces certificate",
                        {{"name", cert.name}, {"ari_id", request.replaces}});
    challenge::Solver* preferred = nullptr;
    if (cert.prefer_dns_persist)
      preferred = &context.solver({.kind = challenge::SolverKind::kDnsPersist01});
    auto issued =
        issue::issueCertificate(**client, context.solver(cert.solver), request, preferred);
    if (!issued) retry_after = (*client)->lastRetryAfter();
    if (issued) {
      installed =
          saveIssued(store, cert.name, cert.domains, issued->key, issued->chain, clock.now(),
                     fetchAriWindow(**client, issued->chain.leaf()), jitterDraw());
    } else {
      installed = issued.status();
    }
  }

  if (!installed) {
    const std::string error = installed.status().message();
    history =
        state::finishWithFailure(std::move(history), clock.now(), error, retry_after, jitterDraw());
    const shared::Status saved = attempts.save(cert.name, history);
    if (!saved)
      shared::log::error(log, "attempt history not saved",
                         {{"name", cert.name}, {"error", saved.message()}});
    log->error("{}", error);
    shared::log::warn(
        log, "certificate attempt failed",
        {{"name", cert.name},
         {"failures", history.consecutive_failures},
         {"next_attempt", history.not_before ? store::formatRfc3339(*history.not_before) : "-"}});
    return {LockedOutcome::kFailed, std::nullopt, error, saved.isOk()};
  }
  history = state::finishWithSuccess(std::move(history), clock.now());
  if (shared::Status saved = attempts.save(cert.name, history); !saved) {
    shared::log::error(log, "attempt history not saved",
                       {{"name", cert.name}, {"error", saved.message()}});
  }
  shared::log::info(log, "certificate saved",
                    {{"name", cert.name},
                     {"generation", installed->generation},
                     {"serial", installed->serial},
                     {"not_after", store::formatRfc3339(installed->not_after)},
                     {"renewal_time", store::formatRfc3339(installed->renewal_time)}});
  return {LockedOutcome::kIssued, std::move(*installed), {}};
}

// Steps 1-6 for one certificate, on worker `worker`; counts into `result` under
// `result_mu` and tells the observer (calls serialized by `result_mu` too).
void processCertificate(PassContext& context, std::size_t worker,
                        const store::StateLayout& state_layout, store::CertificateStore& store,
                        state::AttemptStore& attempts, const ManagedCertificate& cert,
                        const PassOptions& options, const PassObserver& observer,
                        const shared::Clock& clock, PassResult& result, std::mutex& result_mu) {
  const auto log = shared::log::get("certd");
  auto count = [&result, &result_mu](int PassResult::*counter) {
    std::lock_guard lock(result_mu);
    ++(result.*counter);
  };
  auto plan = planCertificate(store, attempts, cert, clock.now(), options.force);
  if (!plan) {
    count(&PassResult::failed);
    shared::log::error(log, "certificate cannot be planned",
                       {{"name", cert.name}, {"error", plan.status().message()}});
    return;
  }
  if (plan->decision.action == Action::kWait) {
    shared::log::info(log, "certificate not due",
                      {{"name", cert.name}, {"reason", plan->decision.reason}});
    return;
  }
  if (plan->decision.action == Action::kBackOff && plan->history.in_progress) {
    // An attempt is recorded as running: another process in the middle of it (it holds
    // the lock), or one that crashed (the lock is free, and its back-off applies).
    auto probe = state::CertificateLock::acquire(state_layout, cert.name);
    if (!probe) {
      count(&PassResult::locked);
      shared::log::warn(log, "certificate locked",
                        {{"name", cert.name}, {"error", probe.status().message()}});
      return;
    }
  }
  if (plan->decision.action == Action::kBackOff) {
    count(&PassResult::backing_off);
    shared::log::warn(log, "certificate backing off",
                      {{"name", cert.name},
                       {"until", store::formatRfc3339(plan->decision.at)},
                       {"reason", plan->decision.reason}});
    return;
  }

  LockedOutcome outcome;
  {
    auto lock = state::CertificateLock::acquire(state_layout, cert.name);
    if (!lock && lock.status().code() == shared::Status::Code::kUnavailable) {
      count(&PassResult::locked);
      shared::log::warn(log, "certificate locked",
                        {{"name", cert.name}, {"error", lock.status().message()}});
      return;
    }
    if (!lock) {  // no state directory to lock in (read-only, full): nothing can be recorded
      shared::log::error(log, "certificate not ordered",
                         {{"name", cert.name}, {"error", lock.status().message()}});
      std::lock_guard result_lock(result_mu);
      ++result.failed;
      ++result.unrecorded;
      return;
    }
    outcome = orderLocked(context, worker, store, attempts, cert, options, clock);
  }  // the lock is released before any hook runs
  std::lock_guard lock(result_mu);
  if (!outcome.recorded) ++result.unrecorded;
  switch (outcome.kind) {
    case LockedOutcome::kNotDue:
      break;
    case LockedOutcome::kUnplannable:
      ++result.failed;
      break;
    case LockedOutcome::kFailed:
      ++result.failed;
      if (observer.failed) observer.failed(cert, outcome.error);
      break;
    case LockedOutcome::kIssued:
      ++result.issued;
      if (observer.issued) observer.issued(cert, *outcome.metadata);
      break;
  }
}

}  // namespace

PassResult runRenewalPass(const RenewalSettings& settings, const PassOptions& options,
                          const PassObserver& observer, const shared::Clock& clock) {
  const auto log = shared::log::get("certd");
  const store::StateLayout state_layout(settings.session.state_dir);
  store::CertificateStore store(settings.certs_dir, {.keep_generations = settings.keep_generations,
                                                     .key_group = settings.key_group});
  state::AttemptStore attempts(state_layout);
  PassContext context(settings);
  PassResult result;
  std::mutex result_mu;

  std::vector<ManagedCertificate> selected;
  for (const ManagedCertificate& cert : settings.certificates) {
    if (options.only_name.empty() || cert.name == options.only_name) selected.push_back(cert);
  }
  if (!options.only_name.empty() && selected.empty()) {
    result.unknown_name = true;
    log->error("renew: no certificate named \"{}\" in the configuration", options.only_name);
  }

  // Up to max_concurrent_orders certificates at once, each worker taking the next one in
  // config order; with one worker (or one certificate) everything runs on this thread.
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopped{false};
  std::mutex stop_mu;  // should_stop is the caller's code: one call at a time
  auto should_stop = [&] {
    std::lock_guard lock(stop_mu);
    return options.should_stop && options.should_stop();
  };
  auto work = [&](std::size_t worker) {
    for (std::size_t i = next++; i < selected.size(); i = next++) {
      if (stopped || should_stop()) {
        if (!stopped.exchange(true))
          shared::log::info(log, "renewal pass interrupted before", {{"name", selected[i].name}});
        return;
      }
      processCertificate(context, worker, state_layout, store, attempts, selected[i], options,
                         observer, clock, result, result_mu);
    }
  };
  const std::size_t workers =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, settings.max_concurrent_orders)),
                            std::max<std::size_t>(1, selected.size()));
  std::vector<std::thread> threads;
  for (std::size_t worker = 1; worker < workers; ++worker) {
    try {
      threads.emplace_back(work, worker);
    } catch (const std::system_error& e) {  // fewer workers; the pass still completes
      shared::log::warn(log, "renewal pass runs with fewer workers",
                        {{"workers", worker}, {"error", e.what()}});
      break;
    }
  }
  work(0);
  for (std::thread& thread : threads) thread.join();
  context.logTraffic();
  return result;
}

}  // namespace certd::renewal
