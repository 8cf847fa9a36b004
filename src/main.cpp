// Wiring only: the command line decides what runs.
#include <csignal>

#include "cli/cli.h"

// jemalloc's settings (the binary links it: src/CMakeLists.txt). Freed memory goes back
// to the system within a second, purged by jemalloc's own thread, so a server stays
// small once a burst of requests or a background job is over (docs/performance.md).
extern "C" {
const char* malloc_conf = "background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0";
}

int main(int argc, char** argv) {
  // A write past the file-size limit (ulimit -f) fails with EFBIG instead of killing the
  // process: the store names it ("storage is full: … the file-size limit") and the
  // server goes on answering what it can.
  std::signal(SIGXFSZ, SIG_IGN);
  return conduct::cli::run(argc, argv);
}
