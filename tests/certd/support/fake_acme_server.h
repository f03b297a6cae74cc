#pragma once

// FakeAcmeServer: a scripted HTTPS server on 127.0.0.1 (a port chosen by the OS) for unit
// tests of the ACME client core: the test answers each request in a handler, so it can send
// what Pebble 2.4.0 cannot (Retry-After, 503, rateLimited, renewalInfo). Its TLS certificate
// (IP SAN 127.0.0.1) is issued by a fresh test CA written to caBundle(). Requests are
// recorded. Handlers run on server threads; requests() is safe to read once the client has
// returned.

#include <Poco/Net/HTTPServer.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace testing {

struct FakeRequest {
  std::string method;
  std::string path;
  std::string body;
  std::string protected_header;  // decoded JWS protected header of a POST, else ""
};

struct FakeResponse {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class FakeAcmeServer {
 public:
  using Handler = std::function<FakeResponse(const FakeRequest&)>;

  explicit FakeAcmeServer(Handler handler);
  ~FakeAcmeServer();

  std::string url(const std::string& path) const;  // "https://127.0.0.1:PORT" + path
  std::string caBundle() const;                    // PEM file of the issuing test CA
  std::vector<FakeRequest> requests() const;

  // A directory whose URLs point at this server: /new-nonce, /new-account, /new-order ...
  std::string directoryJson() const;

 private:
  TempDir dir_;
  std::shared_ptr<std::mutex> mu_ = std::make_shared<std::mutex>();
  std::shared_ptr<std::vector<FakeRequest>> requests_ =
      std::make_shared<std::vector<FakeRequest>>();
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace testing
