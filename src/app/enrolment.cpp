// Enrolment links (app/accounts.h): a chair issues one, the member opens it, chooses a
// password and gets keys and a TOTP secret. The first chair's link carries the
// community root key until they enrol (accounts.cpp explains what is derived from what).
#include "app/accounts.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "app/access.h"
#include "app/account_secrets.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/communities.h"
#include "core/field_errors.h"
#include "core/text.h"
#include "crypto/key_certificate.h"
#include "crypto/member_keys.h"
#include "crypto/secretbox.h"
#include "crypto/session_token.h"
#include "crypto/totp.h"
#include "domain/sign_in.h"

namespace conduct::app {
using namespace account_secrets;  // the helpers the account files share
namespace {

// The link row behind a token, if it can still be used.
Result<std::pair<store::EnrolmentRow, crypto::SessionSecrets>> usable_enrolment(Context& context,
                                                                                const std::string& token) {
  const Error invalid = not_found("this enrolment link is not valid: it may have been used or have expired");
  auto secrets = crypto::session_from_token(trim(token));
  if (!secrets.ok()) return invalid;
  auto row = context.store.find_enrolment(secrets->lookup_id);
  if (!row.ok()) return row.error().code == ErrorCode::NotFound ? invalid : row.error();
  if (row->used_at || context.clock.now() >= row->expires_at) return invalid;
  return std::pair{std::move(row).value(), std::move(secrets).value()};
}

// Secrets for a link token. Tokens are base64url; one that starts with '-' would read as
// an option on a command line (`conduct enrol TOKEN`), so such a draw is replaced.
crypto::SessionSecrets new_link_secrets() {
  crypto::SessionSecrets secrets = crypto::new_session();
  while (secrets.token_for_cookie.front() == '-') secrets = crypto::new_session();
  return secrets;
}

}  // namespace

Result<EnrolmentLink> write_enrolment_link(Context& context, const domain::Community& community, std::int64_t issued_by,
                                           const domain::Member& member, const crypto::RootKey* root) {
  const Timestamp now = context.clock.now();
  const crypto::SessionSecrets secrets = new_link_secrets();
  store::EnrolmentRow row;
  row.lookup_id = secrets.lookup_id;
  row.member_id = member.id;
  row.issued_by = issued_by;
  row.created_at = now;
  row.expires_at = Timestamp{now.seconds + community.policy.sign_in.enrolment_link_hours * kSecondsPerHour};
  if (root)
    row.root_secret_sealed =
        crypto::seal_with_key(secrets.session_key, root->sign_secret.view(), root_context(community.id));
  TRY(context.store.insert_enrolment(row));
  return EnrolmentLink{secrets.token_for_cookie, row.expires_at};
}

Result<EnrolmentLink> issue_enrolment(Context& context, const Actor& chair, const std::string& email) {
  TRY(authorize(context, chair, domain::Action::ManageMembers));
  ASSIGN_OR_RETURN(const domain::Member member,
                   context.store.find_member(chair.community.id, to_lower_ascii(trim(email))));
  if (member.status == domain::MemberStatus::Former) return failed_precondition(member.email + " is a former member");
  EnrolmentLink link;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(link, write_enrolment_link(context, chair.community, chair.member.id, member));
    return record_action(context, chair, audit_action::kIssueEnrolment);
  }));
  return link;
}

Result<EnrolmentInfo> check_enrolment(Context& context, const std::string& token) {
  ASSIGN_OR_RETURN(const auto usable, usable_enrolment(context, token));
  ASSIGN_OR_RETURN(domain::Member member, context.store.find_member_by_id(usable.first.member_id));
  ASSIGN_OR_RETURN(const domain::Community community, load_community_by_id(context, member.community_id));
  return EnrolmentInfo{std::move(member), community.name};
}

Result<domain::Member> complete_enrolment(Context& context, const EnrolmentCommand& command) {
  ASSIGN_OR_RETURN(const auto usable, usable_enrolment(context, command.token));
  const auto& [link, link_secrets] = usable;
  ASSIGN_OR_RETURN(const domain::Member member, context.store.find_member_by_id(link.member_id));
  const Timestamp now = context.clock.now();

  FieldErrors errors;
  if (const Status strong = crypto::check_password_strength(command.password); !strong.ok())
    errors.add("password",
               strong.error().fields.count("password") ? strong.error().fields.at("password") : strong.error().message);
  auto totp_secret = crypto::totp_secret_from_base32(command.totp_secret);
  std::int64_t step = 0;
  if (!totp_secret.ok()) {
    errors.add("totp_secret", "is not a base32 TOTP secret of at least 80 bits");
    // Without the secret the code cannot be checked, but a code that is not six digits
    // is a mistake of its own: report it with the others, not after the secret is fixed.
    if (!is_totp_code_shaped(trim(command.totp_code)))
      errors.add("code", "must be the 6 digits the authenticator shows");
  } else {
    auto matched = crypto::verify_totp(*totp_secret, trim(command.totp_code), now.seconds, 1);
    if (!matched.ok())
      errors.add("code", "does not match the authenticator: check the app's clock and try again");
    else
      step = *matched;
  }
  TRY(errors.result("the enrolment could not be completed"));

  ASSIGN_OR_RETURN(auto enrolled, crypto::enrol_password(command.password, context.password_cost));
  const auto& [record, sealing_key] = enrolled;
  const crypto::MemberKeyPair keys = crypto::generate_member_keys();
  store::CredentialsRow credentials;
  credentials.member_id = member.id;
  credentials.box_public = keys.box_public;
  credentials.sign_public = keys.sign_public;
  seal_under_password(credentials, record, sealing_key, keys, *totp_secret, member);
  credentials.totp_last_step = step;
  credentials.enrolled_at = now;

  TRY(transaction(context, [&]() -> Status {
    // A reset (the member had credentials) gives new keys: like a newcomer, the member
    // screens the existing cases again and waits for someone who handles each to let
    // them back in, so whoever held the reset link gains nothing by it.
    // The old keys' wraps go too (the reset may be because the password leaked), and
    // the cases they opened are rotated.
    if (context.store.find_credentials(member.id).ok()) {
      domain::Member returning = member;
      returning.joined_at = now;
      TRY(context.store.update_member(returning));
      TRY(revoke_case_keys(context, std::nullopt, member.id));
    }
    TRY(context.store.save_credentials(credentials));
    TRY(context.store.delete_sessions_of(member.id));
    if (!link.root_secret_sealed.empty()) {
      // The first chair: certify their keys with the root key, then hand the root key
      // to them, sealed to their own X25519 key.
      ASSIGN_OR_RETURN(
          const crypto::SecretBytes root_secret,
          crypto::open_with_key(link_secrets.session_key, link.root_secret_sealed, root_context(member.community_id)));
      ASSIGN_OR_RETURN(const std::string root_public, context.store.find_root_public_key(member.community_id));
      const crypto::RootKey root{root_public, crypto::SecretBytes::copy_of(root_secret.view())};
      const crypto::KeyCertificate certificate =
          crypto::certify(subject_of(member), keys.box_public, keys.sign_public, now.seconds, root);
      TRY(context.store.save_certificate(
          {member.id, certificate.issuer_sign_public, certificate.issued_at, certificate.signature}));
      ASSIGN_OR_RETURN(const std::string wrapped, crypto::box_seal(keys.box_public, root_secret.view()));
      TRY(context.store.save_root_key_wrap({member.community_id, member.id, wrapped}));
    }
    // Used by another process meanwhile? Then this enrolment writes nothing.
    const Status used = context.store.mark_enrolment_used(link.lookup_id, now);
    if (!used.ok() && used.error().code == ErrorCode::FailedPrecondition)
      return not_found("this enrolment link is not valid: it may have been used or have expired");
    TRY(used);
    return record_action(context, member_actor(member.id), member.community_id, audit_action::kCompleteEnrolment, "");
  }));
  return member;
}

}  // namespace conduct::app
