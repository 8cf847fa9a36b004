#include "crypto/sodium_random.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace conduct::crypto {

SodiumRandom::SodiumRandom() {
  if (sodium_init() < 0) {
    std::fputs("conduct: libsodium could not be initialised\n", stderr);
    std::abort();
  }
}

std::uint32_t SodiumRandom::uniform(std::uint32_t upper_bound) { return randombytes_uniform(upper_bound); }

}  // namespace conduct::crypto
