// The RandomSource backed by libsodium's CSPRNG: the only source of randomness the
// program uses for anything users rely on (code names now, secrets later).
#pragma once

#include "core/random.h"

namespace conduct::crypto {

class SodiumRandom final : public RandomSource {
 public:
  // Initialises libsodium once; aborts the program if it cannot, since nothing safe
  // can be done without a working random source.
  SodiumRandom();
  std::uint32_t uniform(std::uint32_t upper_bound) override;
};

}  // namespace conduct::crypto
