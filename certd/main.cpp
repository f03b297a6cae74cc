#include "certd/app/certd_main.h"

int main(int argc, char** argv) {
  return certd::app::main(argc, argv);
}
