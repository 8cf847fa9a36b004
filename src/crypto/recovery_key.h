// The community's recovery key (docs/security.md "Granting and revoking"): an X25519 key pair
// made at `conduct init`. Every case key is also wrapped for its public half, so a case
// whose holders have all gone can still be re-granted. The secret half is shown once
// as a printable recovery kit and never stored; the public half is stored with a
// signature by the community root key, so a database writer cannot put in a key of
// their own.
//
// The kit: the 32-byte secret and a 3-byte BLAKE2b checksum (35 bytes) in base32
// (RFC 4648 alphabet), 56 characters in 14 groups of 4 separated by dashes. Typing
// mistakes are caught by the checksum; 0, 1 and 8 are read as O, I and B, and case,
// spaces and dashes do not matter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/key_certificate.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

struct RecoveryKey {
  std::string box_public;  // X25519, 32 bytes
  SecretBytes box_secret;  // X25519, 32 bytes
};

// A fresh key pair from libsodium's CSPRNG.
RecoveryKey generate_recovery_key();

// The printable kit for the secret half.
std::string recovery_kit_text(const RecoveryKey& key);
// The key pair back from a kit (the public half is recomputed). Errors:
// InvalidArgument "the recovery kit is not complete or has a typing mistake"; the
// message never repeats the text.
Result<RecoveryKey> parse_recovery_kit(std::string_view text);

// The root key's signature over the community's recovery public key, and its check.
// Errors: InvalidArgument for wrong lengths; PermissionDenied when it does not verify.
std::string sign_recovery_key(const RootKey& root, std::int64_t community_id, std::string_view box_public);
Status verify_recovery_key(std::string_view root_sign_public, std::int64_t community_id, std::string_view box_public,
                           std::string_view signature);

// Opens a sealed box (a wrapped case key) with the recovery key. Errors as box_open.
Result<SecretBytes> box_open(const RecoveryKey& key, std::string_view sealed);

}  // namespace conduct::crypto
