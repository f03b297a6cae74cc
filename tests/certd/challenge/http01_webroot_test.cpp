#include "certd/challenge/http01_webroot.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "shared/fs/atomic_file.h"
#include "tests/support/temp_dir.h"

using certd::challenge::Http01Webroot;

TEST_CASE("the webroot solver writes the token file and removes it on clean-up",
          "[certd][challenge]") {
  testing::TempDir dir;
  Http01Webroot solver(dir.path());
  const certd::challenge::ChallengeSpec spec{"a.test", "abc_DEF-1", "abc_DEF-1.thumb"};
  REQUIRE(solver.present(spec).isOk());
  const auto path = dir / ".well-known/acme-challenge/abc_DEF-1";
  CHECK(shared::fs::readFile(path).valueOr("") == "abc_DEF-1.thumb");
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0644);
  CHECK(solver.cleanUp(spec).isOk());
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(solver.cleanUp(spec).isOk());  // twice is fine
}

TEST_CASE("the webroot solver never writes outside its folder", "[certd][challenge]") {
  testing::TempDir dir;
  Http01Webroot solver(dir / "www");
  CHECK_FALSE(solver.present({"a.test", "../../x", "k"}).isOk());
  CHECK_FALSE(solver.present({"a.test", "", "k"}).isOk());
  CHECK_FALSE(std::filesystem::exists(dir / "x"));
}
