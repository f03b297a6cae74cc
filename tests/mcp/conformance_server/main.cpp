#include "tests/mcp/conformance_server/conformance_server.h"

int main(int argc, char** argv) {
  return conformance::run(argc, argv);
}
