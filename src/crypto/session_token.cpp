#include "crypto/session_token.h"

#include <sodium.h>

#include "crypto/detail.h"
#include "crypto/kdf.h"

namespace conduct::crypto {

namespace {

SessionSecrets derive_session(const SecretBytes& token) {
  const SecretBytes lookup = derive_subkey(token, kDefaultSubkeyId, kSessionLookupContext, 32);
  return SessionSecrets{to_base64(token.view()), to_hex(lookup.view()),
                        derive_subkey(token, kDefaultSubkeyId, kSessionKeyContext, 32)};
}

}  // namespace

SessionSecrets new_session() { return derive_session(SecretBytes::random(kSessionTokenBytes)); }

Result<SessionSecrets> session_from_token(std::string_view token_for_cookie) {
  if (token_for_cookie.size() != kSessionTokenLength) return invalid_argument("session token is malformed");
  Result<SecretBytes> token = secret_from_base64(token_for_cookie);
  if (!token.ok() || token->size() != kSessionTokenBytes) return invalid_argument("session token is malformed");
  return derive_session(*token);
}

std::string new_csrf_token() { return to_base64(SecretBytes::random(32).view()); }

bool same_token(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  detail::ensure_sodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace conduct::crypto
