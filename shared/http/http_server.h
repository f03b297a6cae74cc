#pragma once

// HttpServer: serves HTTP/1.1 on one listening socket (plain or TLS) with Poco's request,
// response and handler types, shaped to face the internet: one front thread holds every
// connection that is handshaking, sending its request or idle (front.h), and a fixed pool
// of workers serves requests that have arrived whole (connection_loop.h). So slow and idle
// clients cost a descriptor and a few bytes each, never a worker, and each phase has a
// deadline (serve_options.h).
//
// start()/stop() from the owner's thread; handlers run on the workers.

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>

#include <atomic>

#include "shared/http/client_limit.h"
#include "shared/http/front.h"
#include "shared/http/serve_options.h"
#include "shared/http/worker_pool.h"

namespace shared::http {

class HttpServer {
 public:
  // `listener` is bound and listening.
  HttpServer(Poco::Net::ServerSocket listener, ServeOptions options,
             Poco::Net::HTTPRequestHandlerFactory::Ptr handlers);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  void start();
  // Stops accepting, closes idle connections, shuts down the ones being served and waits
  // for their handlers to return.
  void stop();

  Front::Stats frontStats() const { return front_.stats(); }
  std::size_t busyWorkers() const { return pool_.busy(); }

 private:
  const ServeOptions options_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  Poco::Net::HTTPServerParams::Ptr params_;
  std::atomic<bool> stopping_{false};
  ClientLimit limit_;  // outlives the connections (pool_ and front_ below)
  WorkerPool pool_;
  Front front_;
  bool started_ = false;
};

}  // namespace shared::http
