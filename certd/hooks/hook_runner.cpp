#include "certd/hooks/hook_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <map>

extern char** environ;

namespace certd::hooks {
namespace {

using Clock = std::chrono::steady_clock;

// Built before fork(): after it, a multi-threaded parent's child may only call
// async-signal-safe functions, so no allocation happens there.
std::vector<std::string> mergedEnvironment(const Environment& env) {
  std::map<std::string, std::string> merged;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string::npos) merged[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [key, value] : env) merged[key] = value;
  std::vector<std::string> out;
  out.reserve(merged.size());
  for (const auto& [key, value] : merged) out.push_back(key + "=" + value);
  return out;
}

[[noreturn]] void execChild(int output_fd, const char* command, char* const* envp) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);  // the daemon blocks SIGTERM/SIGHUP for sigwait
  signal(SIGPIPE, SIG_DFL);
  setpgid(0, 0);
  const int null_fd = open("/dev/null", O_RDONLY);
  if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
  dup2(output_fd, STDOUT_FILENO);
  dup2(output_fd, STDERR_FILENO);
  // Descriptors certd opened without O_CLOEXEC (Poco's listening sockets: the admin port,
  // the HTTP-01 listener) must not outlive certd in a service a hook starts.
  close_range(3, ~0U, 0);
  const char* argv[] = {"sh", "-c", command, nullptr};
  execve("/bin/sh", const_cast<char* const*>(argv), envp);
  _exit(127);
}

}  // namespace

shared::Result<HookResult> runHook(const std::string& command, const Environment& env,
                                   std::chrono::milliseconds timeout) {
  const std::vector<std::string> strings = mergedEnvironment(env);
  std::vector<char*> envp;
  for (const std::string& entry : strings) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return shared::Status::fromErrno("hook: pipe", errno);
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close(fds[0]);
    close(fds[1]);
    return shared::Status::fromErrno("hook: fork", error);
  }
  if (pid == 0) execChild(fds[1], command.c_str(), envp.data());
  setpgid(pid, pid);  // also here, so the kill below cannot race the child's own setpgid
  close(fds[1]);

  HookResult result;
  const auto deadline = Clock::now() + timeout;
  int status = 0;
  bool exited = false;
  bool open_pipe = true;
  while (!exited) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left <= std::chrono::milliseconds::zero()) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    if (open_pipe) {
      pollfd fd{fds[0], POLLIN, 0};
      // Short slices: the shell may exit while a child it started keeps the pipe open.
      const int ready = poll(&fd, 1, static_cast<int>(std::min<long long>(left.count(), 50)));
      if (ready > 0) {
        char buffer[4096];
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n > 0) {
          const std::size_t room = kMaxHookOutput - std::min(kMaxHookOutput, result.output.size());
          result.output.append(buffer, std::min<std::size_t>(room, static_cast<std::size_t>(n)));
        } else if (n == 0) {
          open_pipe = false;
        }
      }
    } else {
      usleep(10000);
    }
    exited = waitpid(pid, &status, WNOHANG) == pid;
  }
  if (!exited) waitpid(pid, &status, 0);
  // Whatever is still buffered in the pipe belongs to the output too.
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  char buffer[4096];
  ssize_t n;
  while (result.output.size() < kMaxHookOutput && (n = read(fds[0], buffer, sizeof buffer)) > 0) {
    result.output.append(buffer, std::min<std::size_t>(kMaxHookOutput - result.output.size(),
                                                       static_cast<std::size_t>(n)));
  }
  close(fds[0]);
  // Children a hook left running after a normal exit are its business (it may start a
  // service); only a timeout kills the group.
  if (!result.timed_out) result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace certd::hooks
