#include "cli/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>

extern char** environ;

namespace conduct::cli {
namespace {

// A pipe's two ends, closed when they go.
struct Pipe {
  int read_end = -1;
  int write_end = -1;
  ~Pipe() {
    if (read_end >= 0) ::close(read_end);
    if (write_end >= 0) ::close(write_end);
  }
  bool open() {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) return false;
    read_end = ends[0];
    write_end = ends[1];
    return true;
  }
};

// Reads what is there from `fd` into `into` (bounded); false at the end of the stream.
bool drain(int fd, std::string& into) {
  std::array<char, 4096> buffer;
  const ssize_t got = ::read(fd, buffer.data(), buffer.size());
  if (got <= 0) return got < 0 && (errno == EINTR || errno == EAGAIN);
  if (into.size() < kMostChildOutput)
    into.append(buffer.data(), std::min<std::size_t>(static_cast<std::size_t>(got), kMostChildOutput - into.size()));
  return true;
}

}  // namespace

Result<ChildOutcome> run_this_program(const std::vector<std::string>& arguments, std::chrono::milliseconds timeout) {
  Pipe out, err;
  if (!out.open() || !err.open()) return internal_error("cannot make pipes for a child process");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write_end, STDERR_FILENO);
  std::vector<std::string> words = {"conduct"};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  const int spawned = ::posix_spawn(&child, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return internal_error("cannot start a child process");
  ::close(out.write_end);
  ::close(err.write_end);
  out.write_end = err.write_end = -1;

  ChildOutcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      outcome.timed_out = true;
      ::kill(child, SIGKILL);
      break;
    }
    std::array<pollfd, 2> watched = {pollfd{out_open ? out.read_end : -1, POLLIN, 0},
                                     pollfd{err_open ? err.read_end : -1, POLLIN, 0}};
    if (::poll(watched.data(), watched.size(), static_cast<int>(std::min<long>(left.count(), 1000))) < 0 &&
        errno != EINTR)
      break;
    if (out_open && watched[0].revents) out_open = drain(out.read_end, outcome.standard_output);
    if (err_open && watched[1].revents) err_open = drain(err.read_end, outcome.standard_error);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

}  // namespace conduct::cli
