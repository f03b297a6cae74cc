#include "shared/status.h"

#include <catch2/catch.hpp>
#include <cerrno>

using shared::Status;

TEST_CASE("a default status is ok and prints as ok", "[status]") {
  Status s;
  CHECK(s.isOk());
  CHECK(static_cast<bool>(s));
  CHECK(s.toString() == "ok");
}

TEST_CASE("an error status keeps its code and message", "[status]") {
  Status s = Status::notFound("session abc");
  CHECK_FALSE(s.isOk());
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK(s.message() == "session abc");
  CHECK(s.toString() == "not found: session abc");
}

TEST_CASE("context is prepended component first, and ok stays ok", "[status]") {
  Status s = Status::ioError("bind [::]:80: permission denied").withContext("http01");
  CHECK(s.message() == "http01: bind [::]:80: permission denied");
  CHECK(s.code() == Status::Code::kIoError);
  CHECK(Status::ok().withContext("x").isOk());
}

TEST_CASE("errno values map to codes and carry the OS text", "[status]") {
  CHECK(Status::fromErrno("open /x", ENOENT).code() == Status::Code::kNotFound);
  CHECK(Status::fromErrno("open /x", EACCES).code() == Status::Code::kPermissionDenied);
  CHECK(Status::fromErrno("write /x", ENOSPC).code() == Status::Code::kIoError);
  CHECK(Status::fromErrno("open /x", ENOENT).message() == "open /x: No such file or directory");
}
