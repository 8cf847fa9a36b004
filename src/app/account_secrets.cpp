#include "app/account_secrets.h"

#include <algorithm>

#include "crypto/secretbox.h"
#include "crypto/session_token.h"
#include "crypto/totp.h"

namespace conduct::app::account_secrets {

std::string subject_of(const domain::Member& member) {
  return "community:" + std::to_string(member.community_id) + "/member:" + std::to_string(member.id);
}
std::string keys_context(const domain::Member& member) { return "conduct:member-keys:" + subject_of(member); }
std::string totp_context(const domain::Member& member) { return "conduct:totp:" + subject_of(member); }
std::string session_context(const std::string& lookup_id) { return "conduct:session:" + lookup_id; }
std::string root_context(std::int64_t community_id) { return "conduct:root:" + std::to_string(community_id); }

crypto::PasswordRecord password_record(const store::CredentialsRow& row) {
  return crypto::PasswordRecord{row.password_salt, row.password_verifier,
                                crypto::PasswordHashCost{row.ops_limit, static_cast<std::size_t>(row.mem_limit)}};
}

Result<crypto::MemberKeyPair> open_session_keys(Context& context, const Authenticated& signed_in,
                                                const std::string& token) {
  ASSIGN_OR_RETURN(const crypto::SessionSecrets secrets, crypto::session_from_token(token));
  if (secrets.lookup_id != signed_in.session.lookup_id) return unauthenticated("the token is not this session's");
  ASSIGN_OR_RETURN(const store::CredentialsRow credentials, context.store.find_credentials(signed_in.actor.member.id));
  return crypto::open_private_keys(credentials.box_public, credentials.sign_public,
                                   signed_in.session.private_keys_sealed, secrets.session_key,
                                   session_context(secrets.lookup_id));
}

void seal_under_password(store::CredentialsRow& credentials, const crypto::PasswordRecord& record,
                         const crypto::SecretBytes& sealing_key, const crypto::MemberKeyPair& keys,
                         std::string_view totp_secret, const domain::Member& member) {
  credentials.password_salt = record.salt;
  credentials.password_verifier = record.verifier;
  credentials.ops_limit = record.cost.ops_limit;
  credentials.mem_limit = record.cost.mem_limit;
  credentials.private_keys_sealed = crypto::seal_private_keys(keys, sealing_key, keys_context(member));
  credentials.totp_secret_sealed = crypto::seal_with_key(sealing_key, totp_secret, totp_context(member));
}

bool is_totp_code_shaped(std::string_view code) {
  return code.size() == static_cast<std::size_t>(crypto::kTotpDigits) &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace conduct::app::account_secrets
