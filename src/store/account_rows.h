// What the store keeps for signing in. Byte fields are opaque to the store: the app
// layer derives and seals them with src/crypto (docs/security.md "Secrets and what is derived
// from them"); nothing here opens anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"

namespace conduct::store {

// A member's sign-in secrets, as stored: the password verifier (never the password or
// the key derived from it), public keys, and the private keys and TOTP secret sealed
// under the password-derived key.
struct CredentialsRow {
  std::int64_t member_id = 0;
  std::string password_salt;
  std::string password_verifier;
  std::uint64_t ops_limit = 0;
  std::uint64_t mem_limit = 0;
  std::string box_public;
  std::string sign_public;
  std::string private_keys_sealed;
  std::string totp_secret_sealed;
  std::int64_t totp_last_step = 0;  // the last accepted TOTP step: codes are single use
  Timestamp enrolled_at;
};

// A signed-in session, found by the lookup id derived from the browser's token. Its
// copy of the member's private keys is sealed under the key derived from that token.
struct SessionRow {
  std::string lookup_id;
  std::int64_t member_id = 0;
  Timestamp created_at;
  Timestamp last_seen_at;
  std::string csrf_token;
  std::string private_keys_sealed;
};

// A one-time enrolment or password-reset link, found by the lookup id of its token.
struct EnrolmentRow {
  std::string lookup_id;
  std::int64_t member_id = 0;
  std::int64_t issued_by = 0;
  Timestamp created_at;
  Timestamp expires_at;
  std::optional<Timestamp> used_at;
  // For the first chair only: the community root key's secret, sealed under the key
  // derived from this link's token, until enrolment certifies the chair and wraps it.
  std::string root_secret_sealed;
};

// Failed attempts counted for one key: a keyed hash of what is counted (an address, an
// account at an address, an account), never the typed text itself.
struct ThrottleRow {
  std::string key;
  int failures = 0;
  Timestamp last_failure;
  Timestamp forgiven_at;  // every failure is forgiven by then: the row may be deleted
};

// A warning to the chairs: many failed sign-ins against one member's account, from any
// addresses. It names the member and the count, nothing typed.
struct SignInWarningRow {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t member_id = 0;
  Timestamp raised_at;
  int failures = 0;
};

// A write sent with an Idempotency-Key (app/idempotency.h): its request's digest, and
// its answer once given (status 0 while the write is in progress), sealed.
struct IdempotentAnswerRow {
  std::string lookup;
  std::string request_digest;
  Timestamp created_at;
  int status = 0;
  std::string answer_sealed;
};

// A certificate on a member's public keys, signed by a chair or the community root.
struct CertificateRow {
  std::int64_t member_id = 0;
  std::string issuer_sign_public;
  std::int64_t issued_at = 0;
  std::string signature;
};

// The community root key: its public half, and its secret half sealed to each chair
// (crypto_box_seal to the chair's box key), so any chair can certify a new chair.
struct RootKeyWrapRow {
  std::int64_t community_id = 0;
  std::int64_t member_id = 0;
  std::string root_secret_sealed;
};

}  // namespace conduct::store
