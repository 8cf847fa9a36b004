// The randomness seam. Code names and (later) secrets need unpredictable numbers; the
// domain asks this interface so its rules stay pure and testable, and the shell passes
// the libsodium-backed implementation (src/crypto/sodium_random.h).
#pragma once

#include <cstdint>

namespace conduct {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // A uniformly distributed number in [0, upper_bound). `upper_bound` > 0.
  virtual std::uint32_t uniform(std::uint32_t upper_bound) = 0;
};

}  // namespace conduct
