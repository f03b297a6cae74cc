#include "tests/certd/support/fake_acme_server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/StreamCopier.h>

#include "certd/acme/base64url.h"
#include "certd/acme/json_fields.h"
#include "shared/fs/atomic_file.h"
#include "shared/pki/certificate_builder.h"
#include "tests/support/test_pki.h"

namespace testing {
namespace {

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(FakeAcmeServer::Handler script, std::shared_ptr<std::mutex> mu,
          std::shared_ptr<std::vector<FakeRequest>> log)
      : script_(std::move(script)), mu_(std::move(mu)), log_(std::move(log)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    FakeRequest seen{request.getMethod(), request.getURI(), "", ""};
    Poco::StreamCopier::copyToString(request.stream(), seen.body);
    if (auto jws = certd::acme::parseJsonObject(seen.body, "jws")) {
      seen.protected_header =
          certd::acme::base64UrlDecode(certd::acme::stringField(**jws, "protected")).valueOr("");
    }
    {
      std::lock_guard lock(*mu_);
      log_->push_back(seen);
    }
    const FakeResponse answer = script_(seen);
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    for (const auto& [name, value] : answer.headers) response.add(name, value);
    response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
    response.send() << answer.body;
  }

 private:
  FakeAcmeServer::Handler script_;
  std::shared_ptr<std::mutex> mu_;
  std::shared_ptr<std::vector<FakeRequest>> log_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(FakeAcmeServer::Handler script, std::shared_ptr<std::mutex> mu,
          std::shared_ptr<std::vector<FakeRequest>> log)
      : script_(std::move(script)), mu_(std::move(mu)), log_(std::move(log)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(script_, mu_, log_);
  }

 private:
  FakeAcmeServer::Handler script_;
  std::shared_ptr<std::mutex> mu_;
  std::shared_ptr<std::vector<FakeRequest>> log_;
};

}  // namespace

FakeAcmeServer::FakeAcmeServer(Handler handler) {
  Poco::Net::initializeSSL();
  using shared::pki::CertificateBuilder;
  using shared::pki::PrivateKey;
  auto ca_key = unwrap(PrivateKey::generate(shared::pki::KeyType::kEcP256));
  auto ca = unwrap(CertificateBuilder().commonName("Fake ACME CA").ca(true).selfSign(ca_key));
  auto key = unwrap(PrivateKey::generate(shared::pki::KeyType::kEcP256));
  auto leaf = unwrap(CertificateBuilder().addIpAddress("127.0.0.1").signWith(key, ca, ca_key));
  REQUIRE(shared::fs::writeFileAtomically(dir_ / "ca.pem", ca.toPem()).isOk());
  REQUIRE(shared::fs::writeFileAtomically(dir_ / "cert.pem", leaf.toPem()).isOk());
  REQUIRE(
      shared::fs::writeFileAtomically(dir_ / "key.pem", unwrap(key.toPkcs8Pem()), {.mode = 0600})
          .isOk());
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, (dir_ / "key.pem").string(),
                             (dir_ / "cert.pem").string(), "", Poco::Net::Context::VERIFY_NONE);
  Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 16, context);
  auto params = Poco::Net::HTTPServerParams::Ptr(new Poco::Net::HTTPServerParams);
  params->setKeepAlive(true);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(std::move(handler), mu_, requests_),
                                                    socket, params);
  server_->start();
}

FakeAcmeServer::~FakeAcmeServer() {
  server_->stopAll(true);
}

std::string FakeAcmeServer::url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(server_->port()) + path;
}

std::string FakeAcmeServer::caBundle() const {
  return (dir_ / "ca.pem").string();
}

std::vector<FakeRequest> FakeAcmeServer::requests() const {
  std::lock_guard lock(*mu_);
  return *requests_;
}

std::string FakeAcmeServer::directoryJson() const {
  return R"({"newNonce":")" + url("/new-nonce") + R"(","newAccount":")" + url("/new-account") +
         R"(","newOrder":")" + url("/new-order") + R"(","revokeCert":")" + url("/revoke") +
         R"(","keyChange":")" + url("/key-change") + R"(","renewalInfo":")" + url("/renewal-info") +
         R"(","meta":{"profiles":{"classic":"c","shortlived":"s"}}})";
}

}  // namespace testing
