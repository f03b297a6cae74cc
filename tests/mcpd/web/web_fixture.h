#pragma once

// A docs::Library over a few documents for the landing page's tests, one of them with
// markup in its title and snippet, as a hostile corpus could have.

#include <memory>

#include "mcpd/docs/library.h"
#include "tests/support/temp_dir.h"

namespace testing {

struct WebLibrary {
  TempDir dir;
  std::shared_ptr<mcpd::docs::Library> library;

  WebLibrary();
};

}  // namespace testing
