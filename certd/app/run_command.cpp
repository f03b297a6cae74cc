#include "certd/app/run_command.h"

#include <map>
#include <memory>
#include <mutex>

#include "certd/app/admin_server.h"
#include "certd/app/ca_bundle_wait.h"
#include "certd/app/hook_dispatch.h"
#include "certd/app/metrics_text.h"
#include "certd/app/renewal_settings_of.h"
#include "certd/app/status_command.h"
#include "certd/renewal/certificate_plan.h"
#include "certd/renewal/renewal_pass.h"
#include "certd/renewal/schedule.h"
#include "certd/state/backoff.h"
#include "certd/store/time_text.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/sd_notify.h"
#include "shared/signals.h"

namespace certd::app {
namespace {

using shared::Clock;

// A loaded configuration with its typed renewal settings, converted once per load.
struct LoadedConfig {
  explicit LoadedConfig(CertdConfig loaded)
      : config(std::move(loaded)), renewal(renewalSettingsOf(config)) {}
  const CertdConfig config;
  const renewal::RenewalSettings renewal;
};

// What the loop shares with the admin port's threads.
class DaemonState {
 public:
  explicit DaemonState(CertdConfig config)
      : loaded_(std::make_shared<const LoadedConfig>(std::move(config))) {}

  std::shared_ptr<const LoadedConfig> loaded() const {
    std::lock_guard lock(mu_);
    return loaded_;
  }
  // The loaded configuration alone, sharing ownership with loaded().
  std::shared_ptr<const CertdConfig> config() const {
    auto loaded = this->loaded();
    return {loaded, &loaded->config};
  }
  void setConfig(CertdConfig config) {
    auto fresh = std::make_shared<const LoadedConfig>(std::move(config));
    std::lock_guard lock(mu_);
    loaded_ = std::move(fresh);
  }
  void recordFailure(const std::string& name, Clock::TimePoint at) {
    std::lock_guard lock(mu_);
    last_failure_[name] = at;
  }
  std::optional<Clock::TimePoint> lastFailure(const std::string& name) const {
    std::lock_guard lock(mu_);
    auto it = last_failure_.find(name);
    if (it == last_failure_.end()) return std::nullopt;
    return it->second;
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const LoadedConfig> loaded_;            // guarded by mu_
  std::map<std::string, Clock::TimePoint> last_failure_;  // guarded by mu_; this run's
};

std::string renderDaemonMetrics(const DaemonState& state) {
  const StatusReport report = checkStatus(*state.config(), shared::SystemClock::instance());
  std::vector<CertificateSample> samples;
  for (const CertificateHealth& health : report.certificates) {
    CertificateSample sample{.name = health.certificate.name,
                             .not_after = health.not_after,
                             .next_renewal = health.renewal_time};
    if (health.attempts) {
      sample.last_success = health.attempts->last_success;
      // A failure streak that survives from an earlier run started at its last attempt.
      if (health.attempts->consecutive_failures > 0) {
        sample.last_failure = health.attempts->last_attempt;
      }
    }
    if (auto failure = state.lastFailure(sample.name)) sample.last_failure = failure;
    samples.push_back(std::move(sample));
  }
  return renderMetrics(samples, acme::requestCounts());
}

shared::Result<CertdConfig> reloadConfig(const std::string& file,
                                         const std::vector<shared::config::FlagValue>& flags) {
  CertdConfig fresh;
  shared::config::Schema schema = buildSchema(fresh);
  shared::config::Sources sources{.flags = flags};
  if (!file.empty()) sources.file = file;
  if (shared::Status status = shared::config::load(schema, sources); !status) return status;
  return fresh;
}

// The decisions of every configured certificate, for the next wake-up. A certificate that
// cannot be planned counts as "look again soon".
std::vector<renewal::Decision> planAll(const renewal::RenewalSettings& settings,
                                       Clock::TimePoint now) {
  const store::CertificateStore store(settings.certs_dir, {});
  const state::AttemptStore attempts(store::StateLayout(settings.session.state_dir));
  std::vector<renewal::Decision> decisions;
  for (const renewal::ManagedCertificate& cert : settings.certificates) {
    auto plan = renewal::planCertificate(store, attempts, cert, now, false);
    decisions.push_back(plan ? plan->decision
                             : renewal::Decision{renewal::Action::kBackOff,
                                                 now + std::chrono::minutes(1), "unreadable"});
  }
  return decisions;
}

}  // namespace

int runDaemon(const CertdConfig& initial, const std::string& config_file,
              const std::vector<shared::config::FlagValue>& flags) {
  shared::SignalWaiter signals;  // before any thread starts, so they inherit the mask
  const auto log = shared::log::get("certd");
  DaemonState state(initial);

  std::unique_ptr<AdminServer> admin;
  if (!initial.admin_listen.empty()) {
    admin = std::make_unique<AdminServer>(
        *shared::net::parseHostPort(initial.admin_listen),
        AdminCallbacks{.readiness =
                           [&state] {
                             const StatusReport report =
                                 checkStatus(*state.config(), shared::SystemClock::instance());
                             return std::make_pair(report.ok(), formatStatusText(report));
                           },
                       .metrics = [&state] { return renderDaemonMetrics(state); }});
    if (shared::Status started = admin->start(); !started) {
      log->error("{}", started.message());
      return 69;  // EX_UNAVAILABLE: a port someone else holds
    }
  }

  // SIGHUP: the configuration is read again; a broken file keeps the one in use.
  const auto reload = [&] {
    shared::log::info(log, "reloading the configuration signal=SIGHUP",
                      {{"file", config_file.empty() ? "-" : config_file}});
    auto fresh = reloadConfig(config_file, flags);
    if (!fresh) {
      shared::log::error(log, "configuration not reloaded, keeping the previous one",
                         {{"error", fresh.status().message()}});
      return;
    }
    if (fresh->admin_listen != state.config()->admin_listen) {
      shared::log::warn(log, "admin_listen changed; it takes effect after a restart");
    }
    state.setConfig(std::move(*fresh));
    shared::log::info(log, "configuration reloaded",
                      {{"certificates", effectiveCertificates(*state.config()).size()}});
  };

  if (!initial.ca_bundle.empty()) {
    std::optional<int> stop_signal;
    bool reload_requested = false;  // a SIGHUP during the wait is acted on after it
    const FileWait waited =
        waitForFile(initial.ca_bundle, kCaBundleWait, [&](std::chrono::milliseconds slice) {
          const std::optional<int> signal = signals.waitFor(slice);
          if (signal && shared::SignalWaiter::isTermination(*signal)) stop_signal = signal;
          if (signal && !stop_signal) reload_requested = true;
          return !stop_signal;
        });
    if (waited == FileWait::kStopped) {
      shared::log::info(log, "renewal loop stopping", {{"signal", *stop_signal}});
      if (admin) admin->stop();
      return 0;
    }
    if (reload_requested) reload();
  }

  shared::log::info(log, "renewal loop started",
                    {{"certificates", effectiveCertificates(initial).size()}});
  bool ready_sent = false;
  int unrecorded_streak = 0;  // passes in a row with a back-off that could not be saved
  while (true) {
    const std::shared_ptr<const LoadedConfig> loaded = state.loaded();
    const CertdConfig* const config = &loaded->config;
    renewal::PassObserver observer{
        .issued = [&](const renewal::ManagedCertificate& cert,
                      const store::CertificateMetadata&) { runDeployHook(*config, cert); },
        .failed =
            [&](const renewal::ManagedCertificate& cert, const std::string& error) {
              state.recordFailure(cert.name, shared::SystemClock::instance().now());
              runFailureHook(*config, cert, error);
            }};
    // A signal that comes during the pass is picked up between certificates.
    std::optional<int> pending;
    renewal::PassOptions pass_options{.should_stop = [&] {
      if (!pending) pending = signals.waitFor(std::chrono::milliseconds(0));
      return pending && shared::SignalWaiter::isTermination(*pending);
    }};
    const renewal::PassResult result =
        renewal::runRenewalPass(loaded->renewal, pass_options, observer);
    // A failure whose back-off could not be persisted (a read-only state directory) would
    // make every next pass retry at once: back off here instead, growing as usual.
    unrecorded_streak = result.unrecorded > 0 ? unrecorded_streak + 1 : 0;
    if (!ready_sent) {
      ready_sent = true;
      if (shared::Status sent = shared::notifySystemd("READY=1"); !sent) {
        log->warn("{}", sent.message());
      }
    }

    std::optional<int> signal = pending;
    if (!signal) {
      const Clock::TimePoint now = shared::SystemClock::instance().now();
      Clock::TimePoint wake = renewal::nextWake(planAll(loaded->renewal, now), now);
      if (unrecorded_streak > 0) {
        wake = std::max(wake, now + state::backoffDelay(unrecorded_streak, 0.0));
      }
      shared::log::info(log, "renewal loop sleeping", {{"until", store::formatRfc3339(wake)}});
      // Rounded up, so the loop does not wake a moment before the instant it waits for.
      signal = signals.waitFor(std::chrono::ceil<std::chrono::milliseconds>(wake - now));
    }
    if (!signal) continue;
    if (shared::SignalWaiter::isTermination(*signal)) {
      shared::log::info(log, "renewal loop stopping", {{"signal", *signal}});
      break;
    }
    reload();
  }
  (void)shared::notifySystemd("STOPPING=1");
  if (admin) admin->stop();
  shared::log::info(log, "renewal loop stopped");
  return 0;
}

}  // namespace certd::app
