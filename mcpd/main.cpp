#include "mcpd/app/mcpd_main.h"

int main(int argc, char** argv) {
  return mcpd::app::main(argc, argv);
}
