#include "mcpd/corpus/remote_source.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <istream>
#include <mutex>

#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/version.h"

namespace mcpd::corpus {
namespace {

using Poco::Net::HTTPResponse;
using shared::Status;

constexpr std::size_t kReadChunk = 64 * 1024;

// Why OpenSSL rejected the peer's certificate during the current fetch on this thread
// ("hostname mismatch", "unable to get local issuer certificate"); the handshake runs on
// the calling thread, and Poco's exception only says "certificate verify failed".
thread_local std::string t_verify_error;

int verifyCallback(int ok, X509_STORE_CTX* store) {
  if (ok == 0 && t_verify_error.empty()) {
    t_verify_error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(store));
  }
  return ok;
}

void initializeSslOnce() {
  static std::once_flag once;
  // Poco's SSL layer is reference counted; mcpd keeps it for the life of the process.
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

Status httpError(const std::string& context, HTTPResponse::HTTPStatus status,
                 const std::string& reason) {
  const std::string message = context + ": HTTP " + std::to_string(static_cast<int>(status)) +
                              (reason.empty() ? "" : " " + reason);
  switch (status) {
    case HTTPResponse::HTTP_NOT_FOUND:
    case HTTPResponse::HTTP_GONE:
      return Status::notFound(message);
    case HTTPResponse::HTTP_UNAUTHORIZED:
    case HTTPResponse::HTTP_FORBIDDEN:
      return Status::permissionDenied(message);
    case HTTPResponse::HTTP_TOO_MANY_REQUESTS:
      return Status::unavailable(message);
    default:
      return status >= 500 ? Status::unavailable(message) : Status::ioError(message);
  }
}

bool isRedirect(HTTPResponse::HTTPStatus status) {
  return status == HTTPResponse::HTTP_MOVED_PERMANENTLY || status == HTTPResponse::HTTP_FOUND ||
         status == HTTPResponse::HTTP_SEE_OTHER ||
         status == HTTPResponse::HTTP_TEMPORARY_REDIRECT ||
         status == HTTPResponse::HTTP_PERMANENT_REDIRECT;
}

// A client context trusting the system CAs plus `ca_file`, whose handshakes fail unless the
// peer certificate names `host`.
Poco::Net::Context::Ptr clientContext(const RemoteOptions& options, const std::string& host) {
  Poco::Net::Context::Params params;
  params.caLocation = options.ca_file.string();
  params.loadDefaultCAs = true;
  params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;  // verify the server
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  // The name check happens inside OpenSSL's chain verification (RFC 6125, IP SANs for IP
  // literals). Poco's own post-handshake check is off: it resolves SAN names through DNS to
  // compare them with an IP literal.
  context->enableExtendedCertificateVerification(false);
  // Replaces Poco's callback, which would let a process-wide SSLManager handler accept an
  // invalid certificate.
  SSL_CTX_set_verify(context->sslContext(), SSL_VERIFY_PEER, verifyCallback);
  X509_VERIFY_PARAM* param = SSL_CTX_get0_param(context->sslContext());
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) != 1 &&
      X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size()) != 1) {
    throw Poco::Net::SSLException("cannot set the expected host name " + host);
  }
  return context;
}

// The body of a 200 response, refusing more than `limit` bytes.
shared::Result<std::string> readBody(std::istream& in, const HTTPResponse& response,
                                     std::size_t limit, const std::string& context) {
  const std::string too_large =
      context + ": body larger than the limit of " + std::to_string(limit) + " bytes";
  if (response.hasContentLength() &&
      static_cast<std::uint64_t>(response.getContentLength64()) > limit) {
    return Status::ioError(too_large);
  }
  std::string body;
  std::string buffer(kReadChunk, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    body.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (body.size() > limit) return Status::ioError(too_large);
  }
  // std::istream turns a failed socket read (a timeout, a reset) into badbit.
  if (in.bad()) return Status::ioError(context + ": reading the body failed");
  if (response.hasContentLength() &&
      body.size() != static_cast<std::uint64_t>(response.getContentLength64())) {
    return Status::ioError(context + ": body shorter than its Content-Length");
  }
  return body;
}

}  // namespace

shared::Result<FetchResult> fetchIndex(const RemoteOptions& options, const std::string& etag,
                                       const std::string& last_modified) {
  initializeSslOnce();
  t_verify_error.clear();
  std::string url = options.url;
  try {
    Poco::URI uri(url);
    for (int redirects = 0;; ++redirects) {
      const std::string context = "fetch " + url;
      if (uri.getScheme() != "https" || uri.getHost().empty()) {
        return Status::invalidArgument(context + ": only https:// URLs are supported");
      }
      Poco::Net::HTTPSClientSession session(uri.getHost(), uri.getPort(),
                                            clientContext(options, uri.getHost()));
      const Poco::Timespan timeout(
          std::chrono::duration_cast<std::chrono::microseconds>(options.timeout).count());
      session.setTimeout(timeout, timeout, timeout);

      const std::string target = uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery();
      Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target,
                                     Poco::Net::HTTPMessage::HTTP_1_1);
      request.set("User-Agent", std::string("mcpd/") + shared::kVersion);
      request.set("Accept", "application/json");
      // RFC 9110 §13.1: the server answers 304 when the validators still match.
      if (!etag.empty()) request.set("If-None-Match", etag);
      if (!last_modified.empty()) request.set("If-Modified-Since", last_modified);
      session.sendRequest(request);

      HTTPResponse response;
      std::istream& in = session.receiveResponse(response);
      const HTTPResponse::HTTPStatus status = response.getStatus();
      if (status == HTTPResponse::HTTP_NOT_MODIFIED) {
        return FetchResult{.unchanged = true,
                           .etag = response.get("ETag", etag),
                           .last_modified = response.get("Last-Modified", last_modified)};
      }
      if (isRedirect(status) && response.has("Location")) {
        if (redirects >= options.max_redirects) {
          return Status::ioError(context + ": more than " + std::to_string(options.max_redirects) +
                                 " redirects");
        }
        uri.resolve(response.get("Location"));
        url = uri.toString();
        continue;
      }
      if (status != HTTPResponse::HTTP_OK) return httpError(context, status, response.getReason());

      auto body = readBody(in, response, options.max_body_bytes, context);
      if (!body) return body.status();
      shared::log::debug(shared::log::get("mcpd.corpus"), "fetched index",
                         {{"url", url}, {"bytes", body->size()}});
      return FetchResult{.unchanged = false,
                         .body = std::move(*body),
                         .etag = response.get("ETag", ""),
                         .last_modified = response.get("Last-Modified", "")};
    }
  } catch (const Poco::SyntaxException& e) {
    return Status::invalidArgument("fetch " + url + ": " + e.displayText());
  } catch (const Poco::Exception& e) {
    if (!t_verify_error.empty()) {
      return Status::unavailable("fetch " + url +
                                 ": TLS certificate verify failed: " + t_verify_error);
    }
    return Status::unavailable("fetch " + url + ": " + e.displayText());
  } catch (const std::exception& e) {
    return Status::unavailable("fetch " + url + ": " + e.what());
  }
}

}  // namespace mcpd::corpus
