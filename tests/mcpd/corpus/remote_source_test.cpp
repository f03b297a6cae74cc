#include "mcpd/corpus/remote_source.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <mutex>

#include "shared/pki/certificate_builder.h"
#include "shared/pki/private_key.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using mcpd::corpus::fetchIndex;
using mcpd::corpus::FetchResult;
using mcpd::corpus::RemoteOptions;
using shared::pki::Certificate;
using shared::pki::CertificateBuilder;
using shared::pki::KeyType;
using shared::pki::PrivateKey;
using testing::unwrap;

namespace {

constexpr const char* kBody = R"([{"title": "t", "permalink": "/p/", "contents": "c"}])";
constexpr const char* kEtag = "\"v1\"";
constexpr const char* kLastModified = "Wed, 01 May 2024 10:00:00 GMT";

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A test CA and a server certificate it signed, as PEM files in a temporary directory.
struct TestCerts {
  testing::TempDir dir;
  std::filesystem::path ca_file = dir / "ca.pem";
  std::filesystem::path cert_file = dir / "server.pem";
  std::filesystem::path key_file = dir / "server.key";

  // `name` is the leaf's CN and DNS SAN; 127.0.0.1 is also an IP SAN.
  explicit TestCerts(const std::string& name = "127.0.0.1") {
    const PrivateKey ca_key = unwrap(PrivateKey::generate(KeyType::kEcP256));
    const Certificate ca =
        unwrap(CertificateBuilder().commonName("Corpus Test CA").ca(true).selfSign(ca_key));
    const PrivateKey key = unwrap(PrivateKey::generate(KeyType::kEcP256));
    CertificateBuilder leaf;
    leaf.commonName(name).addDnsName(name);
    if (name == "127.0.0.1") leaf.addIpAddress(name);
    writeFile(ca_file, ca.toPem());
    writeFile(cert_file, unwrap(leaf.signWith(key, ca, ca_key)).toPem());
    writeFile(key_file, unwrap(key.toPkcs8Pem()));
  }
};

// What the handler saw of the last request.
struct Seen {
  std::mutex mu;
  std::map<std::string, std::string> headers;  // guarded by mu
  std::string path;                            // guarded by mu
};

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Seen& seen) : seen_(seen) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    {
      std::lock_guard lock(seen_.mu);
      seen_.path = request.getURI();
      seen_.headers.clear();
      for (const auto& [name, value] : request) seen_.headers[name] = value;
    }
    const std::string uri = request.getURI();
    if (uri == "/index.json") {
      if (request.get("If-None-Match", "") == kEtag) {
        response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
        response.send();
        return;
      }
      response.set("ETag", kEtag);
      response.set("Last-Modified", kLastModified);
      response.setContentType("application/json");
      response.sendBuffer(kBody, std::strlen(kBody));
    } else if (uri == "/moved") {
      response.redirect("/index.json", Poco::Net::HTTPResponse::HTTP_FOUND);
    } else if (uri == "/loop") {
      response.redirect("/loop", Poco::Net::HTTPResponse::HTTP_FOUND);
    } else if (uri == "/big") {
      const std::string body(5000, 'x');
      response.sendBuffer(body.data(), body.size());
    } else if (uri == "/big-chunked") {
      response.setChunkedTransferEncoding(true);
      std::ostream& out = response.send();
      for (int i = 0; i < 50; ++i) out << std::string(100, 'x');
    } else if (uri == "/broken") {
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
      response.send();
    } else {
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
      response.send();
    }
  }

 private:
  Seen& seen_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Seen& seen) : seen_(seen) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(seen_);
  }

 private:
  Seen& seen_;
};

// An HTTPS server on 127.0.0.1 and a free port, serving the handler above with `certs`.
class TestServer {
 public:
  explicit TestServer(const TestCerts& certs)
      : context_(new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, certs.key_file.string(),
                                        certs.cert_file.string(), "",
                                        Poco::Net::Context::VERIFY_NONE)),
        socket_(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context_),
        server_(new Factory(seen_), socket_, new Poco::Net::HTTPServerParams) {
    server_.start();
  }
  ~TestServer() { server_.stopAll(true); }

  std::string url(const std::string& path, const std::string& host = "127.0.0.1") const {
    return "https://" + host + ":" + std::to_string(socket_.address().port()) + path;
  }
  std::string header(const std::string& name) {
    std::lock_guard lock(seen_.mu);
    auto it = seen_.headers.find(name);
    return it == seen_.headers.end() ? "" : it->second;
  }

 private:
  Seen seen_;
  Poco::Net::Context::Ptr context_;
  Poco::Net::SecureServerSocket socket_;
  Poco::Net::HTTPServer server_;
};

RemoteOptions optionsFor(const std::string& url, const TestCerts& certs) {
  RemoteOptions options;
  options.url = url;
  options.ca_file = certs.ca_file;
  options.timeout = std::chrono::seconds(10);
  return options;
}

struct SslInit {
  SslInit() { Poco::Net::initializeSSL(); }
};
const SslInit kSslInit;

}  // namespace

TEST_CASE("a remote index.json is fetched with its etag, then 304 means unchanged",
          "[corpus][remote]") {
  TestCerts certs;
  TestServer server(certs);
  const RemoteOptions options = optionsFor(server.url("/index.json"), certs);

  const FetchResult first = unwrap(fetchIndex(options, "", ""));
  CHECK_FALSE(first.unchanged);
  CHECK(first.body == kBody);
  CHECK(first.etag == kEtag);
  CHECK(first.last_modified == kLastModified);
  CHECK(server.header("If-None-Match").empty());
  CHECK(server.header("User-Agent").starts_with("mcpd/"));

  const FetchResult second = unwrap(fetchIndex(options, first.etag, first.last_modified));
  CHECK(second.unchanged);
  CHECK(second.body.empty());
  CHECK(second.etag == kEtag);
  CHECK(second.last_modified == kLastModified);
  CHECK(server.header("If-None-Match") == kEtag);
  CHECK(server.header("If-Modified-Since") == kLastModified);
}

TEST_CASE("a stale etag gets the full index again", "[corpus][remote]") {
  TestCerts certs;
  TestServer server(certs);
  const FetchResult result =
      unwrap(fetchIndex(optionsFor(server.url("/index.json"), certs), "\"old\"", ""));
  CHECK_FALSE(result.unchanged);
  CHECK(result.body == kBody);
}

TEST_CASE("a redirect to another path is followed", "[corpus][remote]") {
  TestCerts certs;
  TestServer server(certs);
  CHECK(unwrap(fetchIndex(optionsFor(server.url("/moved"), certs), "", "")).body == kBody);

  auto loop = fetchIndex(optionsFor(server.url("/loop"), certs), "", "");
  REQUIRE_FALSE(loop.isOk());
  CHECK_THAT(loop.status().message(), Catch::Contains("more than 5 redirects"));
}

TEST_CASE("an HTTP error status is an error naming the URL and the status", "[corpus][remote]") {
  TestCerts certs;
  TestServer server(certs);
  auto missing = fetchIndex(optionsFor(server.url("/missing.json"), certs), "", "");
  REQUIRE_FALSE(missing.isOk());
  CHECK(missing.status().code() == shared::Status::Code::kNotFound);
  CHECK(missing.status().message() ==
        "fetch " + server.url("/missing.json") + ": HTTP 404 Not Found");

  auto broken = fetchIndex(optionsFor(server.url("/broken"), certs), "", "");
  REQUIRE_FALSE(broken.isOk());
  CHECK(broken.status().code() == shared::Status::Code::kUnavailable);
  CHECK(broken.status().message() ==
        "fetch " + server.url("/broken") + ": HTTP 503 Service Unavailable");
}

TEST_CASE("a body over the size cap is refused", "[corpus][remote]") {
  TestCerts certs;
  TestServer server(certs);
  for (const char* path : {"/big", "/big-chunked"}) {
    INFO(path);
    RemoteOptions options = optionsFor(server.url(path), certs);
    options.max_body_bytes = 1000;
    auto result = fetchIndex(options, "", "");
    REQUIRE_FALSE(result.isOk());
    CHECK(result.status().message() ==
          "fetch " + server.url(path) + ": body larger than the limit of 1000 bytes");

    options.max_body_bytes = 5000;
    CHECK(unwrap(fetchIndex(options, "", "")).body.size() == 5000);
  }
}

TEST_CASE("a server certificate from an untrusted CA is refused", "[corpus][remote]") {
  TestCerts certs;
  TestServer server(certs);
  TestCerts other_ca;
  auto result = fetchIndex(optionsFor(server.url("/index.json"), other_ca), "", "");
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().code() == shared::Status::Code::kUnavailable);
  CHECK_THAT(result.status().message(),
             Catch::StartsWith("fetch " + server.url("/index.json") + ": "));
  CHECK(result.status().message() == "fetch " + server.url("/index.json") +
                                         ": TLS certificate verify failed: unable to get local "
                                         "issuer certificate");

  RemoteOptions system_only = optionsFor(server.url("/index.json"), certs);
  system_only.ca_file.clear();
  CHECK_FALSE(fetchIndex(system_only, "", "").isOk());
}

TEST_CASE("a trusted certificate for another name is refused", "[corpus][remote]") {
  TestCerts certs("other.example");
  TestServer server(certs);
  auto result = fetchIndex(optionsFor(server.url("/index.json"), certs), "", "");
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().message() == "fetch " + server.url("/index.json") +
                                         ": TLS certificate verify failed: IP address mismatch");
}

TEST_CASE("a host name is checked against the certificate's DNS names", "[corpus][remote]") {
  TestCerts good("localhost");
  TestServer good_server(good);
  const std::string good_url = good_server.url("/index.json", "localhost");
  CHECK(unwrap(fetchIndex(optionsFor(good_url, good), "", "")).body == kBody);

  TestCerts other("other.example");
  TestServer other_server(other);
  const std::string other_url = other_server.url("/index.json", "localhost");
  auto result = fetchIndex(optionsFor(other_url, other), "", "");
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().message() ==
        "fetch " + other_url + ": TLS certificate verify failed: hostname mismatch");
}

TEST_CASE("a server that never answers times out", "[corpus][remote]") {
  TestCerts certs;
  Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
  RemoteOptions options = optionsFor(
      "https://127.0.0.1:" + std::to_string(silent.address().port()) + "/index.json", certs);
  options.timeout = std::chrono::milliseconds(300);
  auto result = fetchIndex(options, "", "");
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().code() == shared::Status::Code::kUnavailable);
  CHECK_THAT(result.status().message(), Catch::Contains("/index.json: "));
}

TEST_CASE("only https URLs are fetched", "[corpus][remote]") {
  RemoteOptions options;
  options.url = "http://127.0.0.1:1/index.json";
  auto result = fetchIndex(options, "", "");
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().code() == shared::Status::Code::kInvalidArgument);
  CHECK(result.status().message() ==
        "fetch http://127.0.0.1:1/index.json: only https:// URLs are supported");
}
