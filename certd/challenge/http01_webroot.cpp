#include "certd/challenge/http01_webroot.h"

#include "shared/fs/atomic_file.h"

namespace certd::challenge {

std::filesystem::path Http01Webroot::pathOf(const std::string& token) const {
  return webroot_ / ".well-known" / "acme-challenge" / token;
}

shared::Status Http01Webroot::present(const ChallengeSpec& spec) {
  const std::string context = "webroot: present token for " + spec.domain;
  if (!isSafeToken(spec.token)) {
    return shared::Status::invalidArgument(context + ": the token is not base64url");
  }
  const auto path = pathOf(spec.token);
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    return shared::Status::fromErrno("create " + path.parent_path().string(), error.value())
        .withContext(context);
  }
  return shared::fs::writeFileAtomically(path, spec.key_authorization, {.mode = 0644})
      .withContext(context);
}

shared::Status Http01Webroot::cleanUp(const ChallengeSpec& spec) {
  if (!isSafeToken(spec.token)) return shared::Status::ok();  // nothing was written
  std::error_code error;
  std::filesystem::remove(pathOf(spec.token), error);
  if (error) {
    return shared::Status::fromErrno("remove " + pathOf(spec.token).string(), error.value())
        .withContext("webroot: clean up token for " + spec.domain);
  }
  return shared::Status::ok();
}

}  // namespace certd::challenge
