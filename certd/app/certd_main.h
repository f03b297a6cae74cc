#pragma once

// certd's entry point: wires the config and the commands. main.cpp only calls this, so
// tests link everything else.

namespace certd::app {

// Runs certd with the process's arguments; returns the exit code.
int main(int argc, char** argv);

}  // namespace certd::app
