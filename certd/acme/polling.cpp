#include "certd/acme/polling.h"

#include "certd/acme/resources.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::acme {
namespace {

// One fetch-and-wait loop for both resource kinds; `done` says when to stop.
template <class Resource, class Parse, class Done>
shared::Result<Resource> poll(AcmeClient& client, const std::string& url, std::string_view what,
                              std::optional<std::chrono::milliseconds> first_wait, Parse parse,
                              Done done) {
  static const auto log = shared::log::get("certd.acme");
  const auto deadline = client.options().clock->now() + client.options().poll_timeout;
  for (int attempt = 0;; ++attempt) {
    // Callers poll right after a request left the resource in a transient state, so a first
    // short wait saves a fetch that would only say "still pending".
    if (attempt == 0) client.pause(first_wait.value_or(client.options().backoff.delay(0)));
    auto response = client.postAsGet(url, std::string(what) + " " + url);
    if (!response) return response.status();
    auto resource = parse(response->body);
    if (!resource) return resource.status().withContext("acme: " + std::string(what) + " " + url);
    resource->url = url;
    if (done(*resource)) return resource;
    auto delay = parseRetryAfter(response->header("Retry-After"), client.options().clock->now())
                     .value_or(client.options().backoff.delay(attempt));
    if (client.options().clock->now() + delay > deadline) {
      return shared::Status::unavailable(
          "acme: " + std::string(what) + " " + url + " still " + resource->status + " after " +
          std::to_string(client.options().poll_timeout.count()) + " s");
    }
    shared::log::debug(log, "waiting",
                       {{"what", what}, {"status", resource->status}, {"delay_ms", delay.count()}});
    client.pause(delay);
  }
}

}  // namespace

shared::Result<Authorization> pollAuthorization(
    AcmeClient& client, const std::string& url,
    std::optional<std::chrono::milliseconds> first_wait) {
  return poll<Authorization>(client, url, "authorization", first_wait, parseAuthorization,
                             [](const Authorization& authz) { return authz.status != "pending"; });
}

shared::Result<Order> pollOrder(AcmeClient& client, const std::string& url,
                                std::optional<std::chrono::milliseconds> first_wait) {
  return poll<Order>(client, url, "order", first_wait, parseOrder, [](const Order& order) {
    return order.status != "pending" && order.status != "processing";
  });
}

}  // namespace certd::acme
