#pragma once

// mcpd's entry point: wires the config, the commands and the HTTP server. main.cpp only
// calls this, so tests link everything else.

namespace mcpd::app {

// Runs mcpd with the process's arguments; returns the exit code.
int main(int argc, char** argv);

}  // namespace mcpd::app
