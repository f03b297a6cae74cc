#include "certd/acme/http_sender.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/URI.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <strings.h>

#include <mutex>

#include "certd/acme/problem.h"
#include "certd/acme/request_metrics.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/version.h"

namespace certd::acme {
namespace {

void initializeSslOnce() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return "";
}

std::vector<std::string> HttpResponse::headerValues(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      values.push_back(value);
    }
  }
  return values;
}

HttpSender::HttpSender(Options options) : options_(std::move(options)) {
  initializeSslOnce();
  // Verify the server against the system roots and the extra bundle; no client cert.
  context_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", options_.ca_bundle,
                                    Poco::Net::Context::VERIFY_RELAXED, 9, false);
  // The system roots through OpenSSL's hashed directory: looked up lazily by issuer name, so
  // the ~140 roots of the system bundle are not all parsed (CPU and memory) on every run.
  if (SSL_CTX_load_verify_dir(context_->sslContext(), X509_get_default_cert_dir()) != 1) {
    ERR_clear_error();
    SSL_CTX_set_default_verify_paths(context_->sslContext());  // no hashed dir: the bundle
  }
  context_->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
}

HttpSender::~HttpSender() = default;

shared::Result<HttpResponse> HttpSender::send(const std::string& method, const std::string& url,
                                              std::string_view body, std::string_view content_type,
                                              std::string_view accept) {
  bool reused = false;
  auto response = sendOnce(method, url, body, content_type, accept, reused);
  if (!response && reused && response.status().code() == shared::Status::Code::kUnavailable) {
    // The server may close an idle kept-alive connection at any time; one fresh try.
    session_.reset();
    response = sendOnce(method, url, body, content_type, accept, reused);
  }
  countRequest();
  if (!response) {
    countError("network");
  } else if (response->status >= 400) {
    auto problem = parseProblem(response->body);
    const std::string_view type = problem ? problem->shortType() : std::string_view();
    countError(type.empty() ? "http_" + std::to_string(response->status) : std::string(type));
  }
  return response;
}

shared::Result<HttpResponse> HttpSender::sendOnce(const std::string& method, const std::string& url,
                                                  std::string_view body,
                                                  std::string_view content_type,
                                                  std::string_view accept, bool& reused) {
  static const auto log = shared::log::get("certd.acme");
  try {
    const Poco::URI uri(url);
    if (uri.getScheme() != "https") {
      return shared::Status::invalidArgument("acme: " + url + ": not an https URL");
    }
    const std::string authority = uri.getHost() + ":" + std::to_string(uri.getPort());
    if (!session_ || session_authority_ != authority) {
      session_ =
          std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context_);
      session_->setKeepAlive(true);
      session_->setTimeout(Poco::Timespan(options_.timeout.count(), 0));
      session_authority_ = authority;
    }
    reused = session_->connected();
    if (!reused) ++connections_;
    ++requests_;

    Poco::Net::HTTPRequest request(method, uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    request.set("User-Agent", std::string("certd/") + shared::kVersion);
    if (!accept.empty()) request.set("Accept", std::string(accept));
    if (!body.empty() || method == "POST") {
      request.setContentType(std::string(content_type));
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    std::ostream& out = session_->sendRequest(request);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));

    Poco::Net::HTTPResponse poco_response;
    std::istream& in = session_->receiveResponse(poco_response);
    HttpResponse response;
    response.status = static_cast<int>(poco_response.getStatus());
    for (const auto& [key, value] : poco_response) response.headers.emplace_back(key, value);
    char buffer[8192];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      response.body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (response.body.size() > options_.max_body) {
        session_.reset();
        return shared::Status::unavailable("acme: " + url + ": response body over " +
                                           std::to_string(options_.max_body) + " bytes");
      }
    }
    shared::log::debug(log, "http request",
                       {{"method", method},
                        {"url", url},
                        {"status", response.status},
                        {"request", requests_},
                        {"connection", connections_}});
    return response;
  } catch (const Poco::Exception& e) {
    session_.reset();
    return shared::Status::unavailable("acme: " + method + " " + url + ": " + e.displayText());
  } catch (const std::exception& e) {
    session_.reset();
    return shared::Status::unavailable("acme: " + method + " " + url + ": " + e.what());
  }
}

}  // namespace certd::acme
