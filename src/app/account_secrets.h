// What the account use cases share (app/accounts.cpp, enrolment.cpp,
// certificates.cpp): the contexts secrets are sealed under, and the sealing and opening
// of a member's keys. Internal to src/app.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "app/accounts.h"
#include "crypto/member_keys.h"
#include "crypto/password.h"
#include "crypto/secret_bytes.h"
#include "store/account_rows.h"

namespace conduct::app::account_secrets {

// The context each secret is sealed under names what it belongs to, so a sealed value
// moved to another row does not open.
std::string subject_of(const domain::Member& member);
std::string keys_context(const domain::Member& member);
std::string totp_context(const domain::Member& member);
std::string session_context(const std::string& lookup_id);
std::string root_context(std::int64_t community_id);

// Six digits, as a TOTP code is written.
bool is_totp_code_shaped(std::string_view code);

crypto::PasswordRecord password_record(const store::CredentialsRow& row);

// The private keys of a signed-in member, opened from the session's copy with `token`.
Result<crypto::MemberKeyPair> open_session_keys(Context& context, const Authenticated& signed_in,
                                                const std::string& token);

// Fills the password fields of `credentials` from a fresh enrolment of the password,
// and seals the member's private keys and TOTP secret under the key it derives.
void seal_under_password(store::CredentialsRow& credentials, const crypto::PasswordRecord& record,
                         const crypto::SecretBytes& sealing_key, const crypto::MemberKeyPair& keys,
                         std::string_view totp_secret, const domain::Member& member);

}  // namespace conduct::app::account_secrets
