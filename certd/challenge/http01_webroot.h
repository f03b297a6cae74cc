#pragma once

// Http01Webroot: the HTTP-01 solver for a host that already runs a web server (certbot's
// and lego's webroot mode): present() writes {webroot}/.well-known/acme-challenge/{token}
// holding the key authorization (mode 0644, folders created 0755), cleanUp() removes it.
// The web server must serve that folder on port 80 as text. One thread.

#include <filesystem>

#include "certd/challenge/solver.h"

namespace certd::challenge {

class Http01Webroot final : public Solver {
 public:
  explicit Http01Webroot(std::filesystem::path webroot) : webroot_(std::move(webroot)) {}

  std::string_view challengeType() const override { return "http-01"; }
  // Errors: "webroot: present token for a.test: write /srv/www/...: Permission denied".
  shared::Status present(const ChallengeSpec& spec) override;
  // A missing file is fine (already gone, or present() failed).
  shared::Status cleanUp(const ChallengeSpec& spec) override;

  // {webroot}/.well-known/acme-challenge/{token}.
  std::filesystem::path pathOf(const std::string& token) const;

 private:
  std::filesystem::path webroot_;
};

}  // namespace certd::challenge
