#include "certd/challenge/http01_standalone.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/net/listen_address.h"

namespace certd::challenge {
namespace {

constexpr std::string_view kPrefix = "/.well-known/acme-challenge/";

class TokenHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit TokenHandler(std::shared_ptr<TokenTable> tokens) : tokens_(std::move(tokens)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    static const auto log = shared::log::get("certd.http01");
    std::string answer;
    bool found = false;
    const std::string& uri = request.getURI();
    if ((request.getMethod() == "GET" || request.getMethod() == "HEAD") &&
        std::string_view(uri).starts_with(kPrefix)) {
      const std::string token = uri.substr(kPrefix.size());
      std::lock_guard lock(tokens_->mu);
      auto it = tokens_->key_authorizations.find(token);
      if (it != tokens_->key_authorizations.end()) {
        answer = it->second;
        found = true;
      }
    }
    shared::log::debug(
        log, "validation request",
        {{"uri", uri}, {"from", request.clientAddress().host().toString()}, {"found", found}});
    response.setKeepAlive(false);
    if (!found) {
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
      response.setContentType("text/plain");
      response.send() << "not found\n";
      return;
    }
    response.setContentType("text/plain");
    response.setContentLength(static_cast<std::streamsize>(answer.size()));
    std::ostream& out = response.send();
    if (request.getMethod() == "GET") out << answer;
  }

 private:
  std::shared_ptr<TokenTable> tokens_;
};

class TokenHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit TokenHandlerFactory(std::shared_ptr<TokenTable> tokens) : tokens_(std::move(tokens)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new TokenHandler(tokens_);
  }

 private:
  std::shared_ptr<TokenTable> tokens_;
};

}  // namespace

Http01Standalone::Http01Standalone(shared::net::HostPort listen) : listen_(std::move(listen)) {}

Http01Standalone::~Http01Standalone() {
  stop();
}

shared::Status Http01Standalone::start() {
  if (server_) return shared::Status::ok();
  static const auto log = shared::log::get("certd.http01");
  try {
    // By default every address, IPv4 and IPv6 (a CA may validate over either); IPv4 alone
    // where the kernel has no IPv6.
    Poco::Net::ServerSocket socket;
    shared::net::bindListener(socket, listen_, "certd.http01");
    socket.listen(64);
    auto params = Poco::Net::HTTPServerParams::Ptr(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(8);
    params->setMaxQueued(64);
    params->setKeepAlive(false);
    params->setTimeout(Poco::Timespan(10, 0));
    pool_ = std::make_unique<Poco::ThreadPool>(1, 8);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new TokenHandlerFactory(tokens_), *pool_,
                                                      socket, params);
    server_->start();
    shared::log::info(log, "http-01 listener started",
                      {{"address", listen_.host + ":" + std::to_string(port())}});
    return shared::Status::ok();
  } catch (const Poco::Exception& e) {
    server_.reset();
    pool_.reset();
    return shared::Status::unavailable("http01: listen " + listen_.toString() + ": " +
                                       e.displayText());
  }
}

void Http01Standalone::stop() {
  if (!server_) return;
  // Poco's TCPServer notices stop() only when its 250 ms accept poll returns; knocking on the
  // listener wakes it at once, which takes ~200 ms off every issuance.
  const Poco::Net::SocketAddress self(shared::net::localConnectHost(listen_.host), server_->port());
  std::atomic<bool> stopped{false};
  std::thread stopper([this, &stopped] {
    server_->stopAll(true);
    stopped = true;
  });
  for (int knock = 0; knock < 100 && !stopped; ++knock) {
    try {
      Poco::Net::StreamSocket socket;
      socket.connect(self, Poco::Timespan(0, 50000));
    } catch (const Poco::Exception&) {
      // Refused or timed out: the listener is closing, which is what we wait for.
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  stopper.join();
  server_.reset();
  pool_->joinAll();
  pool_.reset();
  shared::log::debug(shared::log::get("certd.http01"), "http-01 listener stopped");
}

std::uint16_t Http01Standalone::port() const {
  return server_ ? static_cast<std::uint16_t>(server_->port()) : 0;
}

shared::Status Http01Standalone::present(const ChallengeSpec& spec) {
  if (!isSafeToken(spec.token)) {
    return shared::Status::invalidArgument("http01: present token for " + spec.domain +
                                           ": the token is not base64url");
  }
  {
    std::lock_guard lock(tokens_->mu);
    tokens_->key_authorizations[spec.token] = spec.key_authorization;
  }
  shared::Status status = start();
  if (!status) {
    // Ignored: cleanUp() only forgets the token (and stops an idle listener); it cannot fail,
    // and the listener's error is what the caller needs to see.
    (void)cleanUp(spec);
    // Component, subject, cause: "http01: present token for a.test: listen 127.0.0.1:80: <cause>".
    std::string cause = status.message();
    if (cause.starts_with("http01: ")) cause.erase(0, 8);
    return shared::Status::unavailable("http01: present token for " + spec.domain + ": " + cause);
  }
  return status;
}

shared::Status Http01Standalone::cleanUp(const ChallengeSpec& spec) {
  bool empty = false;
  {
    std::lock_guard lock(tokens_->mu);
    tokens_->key_authorizations.erase(spec.token);
    empty = tokens_->key_authorizations.empty();
  }
  if (empty) stop();  // never hold the lock while joining workers
  return shared::Status::ok();
}

}  // namespace certd::challenge
