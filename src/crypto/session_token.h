// Session and form tokens (docs/security.md "Secrets and what is derived from them"). A
// session token is 256 random bits, handed to the browser base64url-encoded in the
// session cookie and never stored by the server. From it come two BLAKE2b subkeys
// (kdf.h):
//   - the lookup id ("sesslook"), stored in the session row to find it; 64 lower-case
//     hex digits, from which the token cannot be recovered;
//   - the session key ("sesskey_"), never stored, which seals the session's copy of
//     the member's private keys (seal_private_keys), so the row opens only with the
//     cookie. Deleting the row when the session ends makes that copy unrecoverable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

inline constexpr std::size_t kSessionTokenBytes = 32;
inline constexpr std::size_t kSessionTokenLength = 43;  // base64url characters, no padding
inline constexpr std::size_t kLookupIdLength = 64;      // hex digits

struct SessionSecrets {
  std::string token_for_cookie;  // base64url, 43 characters; secret: only in the cookie
  std::string lookup_id;         // 64 hex digits; stored
  SecretBytes session_key;       // 32 bytes; never stored
};

// A new session: a fresh random token and what derives from it.
SessionSecrets new_session();

// Re-derives a session's lookup id and key from the cookie's token. Errors:
// InvalidArgument "session token is malformed" when the token is not exactly 43
// base64url characters encoding 32 bytes. (Whether a session with that lookup id
// exists is the store's question.)
Result<SessionSecrets> session_from_token(std::string_view token_for_cookie);

// A fresh CSRF token: 32 random bytes, base64url (43 characters).
std::string new_csrf_token();

// Compares two tokens in time that depends only on their length. False when the
// lengths differ, and false when either is empty, so a missing token never matches a
// missing token.
bool same_token(std::string_view a, std::string_view b);

}  // namespace conduct::crypto
