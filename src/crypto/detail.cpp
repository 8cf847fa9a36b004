#include "crypto/detail.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace conduct::crypto::detail {

void ensure_sodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) {
      std::fputs("conduct: libsodium could not be initialised\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)ready;
}

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "conduct: crypto precondition violated: %s\n", what);
  std::abort();
}

}  // namespace conduct::crypto::detail
