// Key derivation: from one secret, independent subkeys (docs/security.md "Secrets and what is
// derived from them"). Each secret is stretched or drawn once; every key it yields is
// a BLAKE2b subkey (crypto_kdf_derive_from_key) under its own context, so learning one
// subkey (a stored verifier, a lookup id) reveals nothing about another.
//
// Contexts in use — each is exactly 8 characters, and every use of a secret has its
// own. Add new ones here, never reuse one for a second purpose:
//   "pwverify"  password master  -> the verifier stored in the member's row
//   "pwseal__"  password master  -> the key that seals the member's private keys
//   "sesslook"  session token    -> the lookup id stored in the session row
//   "sesskey_"  session token    -> the key that seals the session's copy of the keys
//   "rcptvrfy"  receipt master   -> the verifier stored with a reporter's thread
//   "rcptkey_"  receipt master   -> the key that seals the thread's key for the reporter
//   "mailqueu"  blind-index key  -> the key that seals mail waiting in the outgoing queue
// Every subkey above uses subkey id 1 (kDefaultSubkeyId); the id exists to number
// several keys of one kind under one context.
#pragma once

#include <cstddef>
#include <cstdint>

#include "crypto/secret_bytes.h"

namespace conduct::crypto {

inline constexpr std::size_t kMasterKeyBytes = 32;
inline constexpr std::size_t kSubkeyMinBytes = 16;
inline constexpr std::size_t kSubkeyMaxBytes = 64;
inline constexpr std::uint64_t kDefaultSubkeyId = 1;

inline constexpr char kPasswordVerifierContext[] = "pwverify";
inline constexpr char kPasswordSealingContext[] = "pwseal__";
inline constexpr char kSessionLookupContext[] = "sesslook";
inline constexpr char kSessionKeyContext[] = "sesskey_";
inline constexpr char kReceiptVerifierContext[] = "rcptvrfy";
inline constexpr char kReceiptKeyContext[] = "rcptkey_";
inline constexpr char kMailQueueContext[] = "mailqueu";

// The subkey number `subkey_id` of `length` bytes under `context`, derived from
// `master32`. Deterministic: the same inputs always give the same subkey.
// `context` is a string literal of exactly 8 characters (the parameter type makes the
// compiler check the length). Preconditions, checked (a violation is a programming
// error and aborts): master32.size() == 32 and 16 <= length <= 64.
SecretBytes derive_subkey(const SecretBytes& master32, std::uint64_t subkey_id, const char (&context)[9],
                          std::size_t length);

}  // namespace conduct::crypto
