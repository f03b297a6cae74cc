#include "certd/challenge/http01_standalone.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>
#include <future>
#include <vector>

using certd::challenge::ChallengeSpec;
using certd::challenge::Http01Standalone;

namespace {

struct Answer {
  int status = 0;
  std::string content_type;
  std::string body;
};

Answer get(std::uint16_t port, const std::string& path) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(5, 0));
  Poco::Net::HTTPRequest request("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Answer answer{static_cast<int>(response.getStatus()), response.getContentType(), ""};
  Poco::StreamCopier::copyToString(in, answer.body);
  return answer;
}

const ChallengeSpec kHttp01Spec{"a.test", "tok-EN_1", "tok-EN_1.thumb"};

}  // namespace

TEST_CASE("the standalone solver answers a current token with its key authorization",
          "[certd][challenge]") {
  Http01Standalone solver({"127.0.0.1", 0});
  REQUIRE(solver.present(kHttp01Spec).isOk());
  REQUIRE(solver.port() != 0);
  const Answer answer = get(solver.port(), "/.well-known/acme-challenge/tok-EN_1");
  CHECK(answer.status == 200);
  CHECK(answer.content_type == "text/plain");
  CHECK(answer.body == "tok-EN_1.thumb");
  CHECK(solver.cleanUp(kHttp01Spec).isOk());
}

TEST_CASE("the standalone solver answers 404 for unknown tokens and other paths",
          "[certd][challenge]") {
  Http01Standalone solver({"127.0.0.1", 0});
  REQUIRE(solver.present(kHttp01Spec).isOk());
  CHECK(get(solver.port(), "/.well-known/acme-challenge/other").status == 404);
  CHECK(get(solver.port(), "/tok-EN_1").status == 404);
  CHECK(get(solver.port(), "/.well-known/acme-challenge/tok-EN_1/x").status == 404);
  CHECK(solver.cleanUp(kHttp01Spec).isOk());
}

TEST_CASE("the standalone solver serves concurrent validation requests", "[certd][challenge]") {
  Http01Standalone solver({"127.0.0.1", 0});
  REQUIRE(solver.present(kHttp01Spec).isOk());
  const ChallengeSpec second{"b.test", "second", "second.thumb"};
  REQUIRE(solver.present(second).isOk());
  std::vector<std::future<Answer>> answers;
  for (int i = 0; i < 6; ++i) {
    const std::string token = i % 2 == 0 ? "tok-EN_1" : "second";
    answers.push_back(std::async(std::launch::async, [port = solver.port(), token] {
      return get(port, "/.well-known/acme-challenge/" + token);
    }));
  }
  for (int i = 0; i < 6; ++i) {
    const Answer answer = answers[static_cast<std::size_t>(i)].get();
    CHECK(answer.status == 200);
    CHECK(answer.body == (i % 2 == 0 ? "tok-EN_1.thumb" : "second.thumb"));
  }
  // A withdrawn token is no longer served while another keeps the listener up.
  CHECK(solver.cleanUp(kHttp01Spec).isOk());
  CHECK(get(solver.port(), "/.well-known/acme-challenge/tok-EN_1").status == 404);
  CHECK(solver.cleanUp(second).isOk());
  CHECK(solver.port() == 0);
}

TEST_CASE("the standalone solver refuses a token that is not base64url", "[certd][challenge]") {
  Http01Standalone solver({"127.0.0.1", 0});
  const auto status = solver.present({"a.test", "../../etc/passwd", "x"});
  CHECK_FALSE(status.isOk());
  CHECK(solver.port() == 0);
}

TEST_CASE("the standalone solver reports a port it cannot bind", "[certd][challenge]") {
  Http01Standalone first({"127.0.0.1", 0});
  REQUIRE(first.present(kHttp01Spec).isOk());
  Http01Standalone second({"127.0.0.1", first.port()});
  const auto status = second.present(kHttp01Spec);
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(),
             Catch::StartsWith("http01: present token for a.test: listen 127.0.0.1:"));
}
