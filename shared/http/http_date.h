#pragma once

// httpDateNow: the value of a response's Date header ("Thu, 03 Dec 2026 18:47:01 GMT"),
// formatted once per second per thread rather than once per response. Any thread.

#include <string>

namespace shared::http {

const std::string& httpDateNow();

}  // namespace shared::http
