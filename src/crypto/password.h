// Passwords (docs/security.md "Secrets and what is derived from them"): the password is
// stretched once with Argon2id under a random 16-byte salt into a 32-byte master key;
// from it come two independent BLAKE2b subkeys (see kdf.h):
//   - the verifier ("pwverify"), stored, which proves the password at sign-in and
//     opens nothing;
//   - the sealing key ("pwseal__"), never stored, which seals the member's private
//     keys (member_keys.h).
// The master key exists only inside these functions and is wiped before they return.
//
// Argon2id is slow by design (MODERATE: ~400 ms and 256 MiB per call on the reference
// machine): call these off the I/O threads and bound how many run at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

// Argon2id work factors: passes over memory and bytes of memory. Stored with each
// record so that raising the default later does not lock out existing members.
struct PasswordHashCost {
  unsigned long long ops_limit = 0;
  std::size_t mem_limit = 0;

  friend bool operator==(const PasswordHashCost&, const PasswordHashCost&) = default;
};

// libsodium's crypto_pwhash_{OPS,MEM}LIMIT_* values (checked against the library in
// password.cpp). kModerateCost is the production default (docs/security.md);
// kInteractiveCost suits interactive secrets with lower stakes; kTestCost is the
// minimum libsodium accepts, for tests only — it runs the same code path, fast.
inline constexpr PasswordHashCost kModerateCost{3, 268435456};
inline constexpr PasswordHashCost kInteractiveCost{2, 67108864};
inline constexpr PasswordHashCost kTestCost{1, 8192};

inline constexpr std::size_t kPasswordSaltBytes = 16;
inline constexpr std::size_t kPasswordVerifierBytes = 32;
inline constexpr std::size_t kPasswordMinCharacters = 12;
inline constexpr std::size_t kPasswordMaxBytes = 1024;

// What is stored for a member's password: the salt (16 raw bytes), the verifier (32
// raw bytes) and the cost it was made with. None of it opens anything.
struct PasswordRecord {
  std::string salt;
  std::string verifier;
  PasswordHashCost cost;
};

// Accepts a password that is valid UTF-8 without control characters (tab, CR and LF
// allowed), at least 12 characters (code points) long, at most 1024 bytes long, and
// not one character repeated. Errors: InvalidArgument with the field "password" and a
// message saying which rule failed; the message never contains the password.
Status check_password_strength(std::string_view password);

// Makes a new record for `password` with a fresh random salt, and returns it with the
// sealing key. The password must pass check_password_strength (checked here too).
// Errors: InvalidArgument from the strength check or for a cost outside libsodium's
// limits; Internal when Argon2id fails (out of memory).
Result<std::pair<PasswordRecord, SecretBytes>> enrol_password(std::string_view password, PasswordHashCost cost);

// Re-derives from `password` with the record's salt and cost; when the derived
// verifier equals the stored one (constant-time comparison) returns the sealing key.
// The strength rules are not applied here (they are for new passwords). Errors:
// PermissionDenied "wrong password" when it does not match; InvalidArgument when the
// record is malformed (salt or verifier of the wrong size, cost outside libsodium's
// limits); Internal when Argon2id fails.
Result<SecretBytes> verify_password(const PasswordRecord& record, std::string_view password);

// Argon2id(secret, salt, cost): the 32-byte master key every key of a stretched secret
// derives from (a password here, a reporter's receipt in receipt.h). Errors:
// InvalidArgument for a salt that is not 16 bytes or a cost outside libsodium's limits;
// Internal when Argon2id fails (out of memory).
Result<SecretBytes> stretch_secret(std::string_view secret, std::string_view salt, PasswordHashCost cost);

// Does the work of verify_password (Argon2id at `cost` over a random salt, the
// subkey derivations and the comparison) for a sign-in whose email matches no
// member, so that answer takes about as long as a wrong password. Pass the cost
// current records use. Returns what that verification answered -- PermissionDenied
// "wrong password" once the whole path ran, InvalidArgument for a cost out of range --
// for tests; callers answer "wrong email or password" either way and ignore it.
Status dummy_verify(PasswordHashCost cost);

}  // namespace conduct::crypto
