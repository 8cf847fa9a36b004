// Internal helpers shared by the files of src/crypto; not part of the layer's contract.
#pragma once

namespace conduct::crypto::detail {

// Initialises libsodium once per process (thread-safe). Every public function that
// draws randomness or runs a primitive calls it first. Aborts when libsodium cannot
// start, since nothing safe can be done without it.
void ensure_sodium();

// Checks a precondition whose violation is a programming error (a key of the wrong
// size built by our own code), not untrusted input. Aborts with `what` on failure;
// `what` names the broken rule and never contains secret material.
void require(bool condition, const char* what);

}  // namespace conduct::crypto::detail
