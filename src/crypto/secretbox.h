// Authenticated encryption under a 32-byte symmetric key: XChaCha20-Poly1305-IETF with
// associated data. The associated data is not stored in the output; it binds the
// sealed value to where it belongs (community, case, entry, field, or whose keys
// these are), so a value moved elsewhere no longer opens.
//
// Format of a sealed value: a random 24-byte nonce, then the ciphertext, then the
// 16-byte Poly1305 tag (40 bytes longer than the plaintext). Random 192-bit nonces
// make collisions negligible however many values one key seals.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

inline constexpr std::size_t kSecretboxKeyBytes = 32;
inline constexpr std::size_t kSecretboxNonceBytes = 24;
inline constexpr std::size_t kSecretboxTagBytes = 16;
inline constexpr std::size_t kSecretboxOverheadBytes = kSecretboxNonceBytes + kSecretboxTagBytes;

// Seals `plaintext` under `key32`, bound to `associated_data`. Precondition, checked
// (a violation aborts): key32.size() == 32.
std::string seal_with_key(const SecretBytes& key32, std::string_view plaintext, std::string_view associated_data);

// Opens a value made by seal_with_key with the same key and associated data. Errors:
// InvalidArgument when `key32` is not 32 bytes or `sealed` is shorter than 40 bytes;
// PermissionDenied "sealed value does not open" when the key or associated data
// differs or the value was altered (the tag does not verify).
Result<SecretBytes> open_with_key(const SecretBytes& key32, std::string_view sealed, std::string_view associated_data);

}  // namespace conduct::crypto
