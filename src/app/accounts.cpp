// Accounts (docs/security.md "Member keys", "Secrets and what is derived from them").
//
// What is derived from what, and where it lives:
//   password --Argon2id--> master --KDF--> verifier (stored) and sealing key (never
//     stored). The sealing key seals the member's private keys and TOTP secret, so the
//     stored row opens nothing without the password (crypto/password.h).
//   session token (256 random bits, only in the cookie) --KDF--> lookup id (stored) and
//     session key (never stored), which seals the session's copy of the private keys.
//     Any server process can serve the session; none keeps the keys in plaintext.
//   enrolment link token: the same derivation. The first chair's link also carries the
//     community root key's secret, sealed under the link's key, until the chair enrols;
//     the root secret is then sealed to the chair's X25519 key (and to every later
//     chair's), never stored in the clear.
//   member public keys are certified: a chair's certificate by the root key, a
//     member's by a chair's key. The root key's fingerprint is pinned in the server's
//     configuration, so a database writer cannot slip in a key of their own.
//
// Failed sign-ins back off per client address and per account at an address, never per
// account alone (app/attempt_throttle.h); many failures against one account from any
// addresses warn the chairs instead. An unknown email costs the same Argon2id work and
// gets the same answer as a wrong password.
//
// This file: signing in and out, sessions and passwords; enrolment.cpp makes and
// completes enrolment links, certificates.cpp certifies member keys.
#include "app/accounts.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "app/access.h"
#include "app/account_secrets.h"
#include "app/attempt_throttle.h"
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

const char* const kWrongCredentials = "the email, password or code is not right";

// A failed sign-in counts against the address and the account at the address (and the
// account, when it is a member's), and is logged as a refusal by the public: a wrong
// password proves no one's identity. When the account's failures from every address
// reach the policy's mark, the chairs are warned: a member is never locked out by them.
Status record_failure(Context& context, const domain::Community& community, const AttemptKeys& keys,
                      const std::optional<domain::Member>& member) {
  const domain::SignInPolicy& policy = community.policy.sign_in;
  return transaction(context, [&]() -> Status {
    TRY(record_action(context, kPublicActor, community.id, audit_action::kRefusedSignIn, "",
                      store::AuditDigest::NothingHandled));
    ASSIGN_OR_RETURN(const FailuresCounted counted, count_failure(context, keys, policy, member.has_value()));
    if (!member || counted.account != policy.warn_chairs_after_failures) return ok_status();
    TRY(context.store.insert_sign_in_warning({0, community.id, member->id, context.clock.now(), counted.account}));
    return record_action(context, kSystemActor, community.id, audit_action::kWarnSignInFailures, "",
                         store::AuditDigest::NothingHandled);
  });
}

}  // namespace

Result<SignedIn> sign_in(Context& context, const SignInCommand& command) {
  const AttemptKeys keys = attempt_keys(context, command.email, command.client_address);
  const Timestamp now = context.clock.now();
  ASSIGN_OR_RETURN(const domain::Community community, choose_community(context, command.community));
  const domain::SignInPolicy& policy = community.policy.sign_in;
  TRY(check_attempt(context, keys, policy));

  const std::string email = to_lower_ascii(trim(command.email));
  auto member = context.store.find_member(community.id, email);
  if (!member.ok() && member.error().code != ErrorCode::NotFound) return member.error();
  const std::optional<domain::Member> known = member.ok() ? std::optional<domain::Member>(*member) : std::nullopt;
  const auto fail = [&]() -> Error {
    const Status recorded = record_failure(context, community, keys, known);
    if (!recorded.ok()) return recorded.error();
    return unauthenticated(kWrongCredentials);
  };

  auto credentials =
      member.ok() ? context.store.find_credentials(member->id) : Result<store::CredentialsRow>(member.error());
  if (!credentials.ok()) {
    (void)crypto::dummy_verify(context.password_cost);  // the same work as a real check
    return fail();
  }
  auto sealing_key = crypto::verify_password(password_record(*credentials), command.password);
  if (!sealing_key.ok() || !domain::is_active_on(*member, date_of(now))) return fail();
  auto totp_secret = crypto::open_with_key(*sealing_key, credentials->totp_secret_sealed, totp_context(*member));
  if (!totp_secret.ok()) return internal_error("the stored second factor does not open");
  auto step = crypto::verify_totp(totp_secret->view(), trim(command.totp_code), now.seconds, policy.totp_window_steps);
  if (!step.ok() || *step <= credentials->totp_last_step) return fail();  // codes are single use
  ASSIGN_OR_RETURN(crypto::MemberKeyPair keys_of_member,
                   crypto::open_private_keys(credentials->box_public, credentials->sign_public,
                                             credentials->private_keys_sealed, *sealing_key, keys_context(*member)));

  const crypto::SessionSecrets secrets = crypto::new_session();
  store::SessionRow session{
      secrets.lookup_id,
      member->id,
      now,
      now,
      crypto::new_csrf_token(),
      crypto::seal_private_keys(keys_of_member, secrets.session_key, session_context(secrets.lookup_id))};
  const Status started = transaction(context, [&]() -> Status {
    TRY(context.store.set_totp_last_step(member->id, *step));  // refused if another sign-in used the step
    TRY(context.store.insert_session(session));
    TRY(clear_account_at_address(context, keys));
    return record_action(context, member_actor(member->id), community.id, audit_action::kSignIn, "");
  });
  if (!started.ok()) return started.error().code == ErrorCode::FailedPrecondition ? fail() : started.error();
  return SignedIn{Actor{community, *member, std::make_shared<const crypto::MemberKeyPair>(std::move(keys_of_member))},
                  secrets.token_for_cookie, session.csrf_token};
}

Result<Authenticated> authenticate(Context& context, const std::string& token) {
  const Error not_signed_in = unauthenticated("not signed in, or the session has ended");
  auto secrets = crypto::session_from_token(token);
  if (!secrets.ok()) return not_signed_in;
  auto session = context.store.find_session(secrets->lookup_id);
  if (!session.ok()) return session.error().code == ErrorCode::NotFound ? not_signed_in : session.error();
  ASSIGN_OR_RETURN(const domain::Member member, context.store.find_member_by_id(session->member_id));
  ASSIGN_OR_RETURN(const domain::Community community, load_community_by_id(context, member.community_id));
  const Timestamp now = context.clock.now();
  const bool alive = domain::session_alive({session->created_at, session->last_seen_at}, community.policy.sign_in, now);
  if (!alive || !domain::is_active_on(member, date_of(now))) {
    TRY(transaction(context, [&] { return context.store.delete_session(session->lookup_id); }));
    return not_signed_in;
  }
  ASSIGN_OR_RETURN(const store::CredentialsRow credentials, context.store.find_credentials(member.id));
  auto keys = crypto::open_private_keys(credentials.box_public, credentials.sign_public, session->private_keys_sealed,
                                        secrets->session_key, session_context(secrets->lookup_id));
  if (!keys.ok()) return not_signed_in;  // keys changed since (a reset): the session is over
  if (domain::session_needs_touch({session->created_at, session->last_seen_at}, now)) {
    TRY(transaction(context, [&] { return context.store.touch_session(session->lookup_id, now); }));
    session->last_seen_at = now;
  }
  return Authenticated{Actor{community, member, std::make_shared<const crypto::MemberKeyPair>(std::move(keys).value())},
                       std::move(session).value()};
}

std::string issue_device_token(const Context& context, std::int64_t member_id) {
  const std::string body = std::to_string(member_id) + "." + crypto::to_hex(crypto::SecretBytes::random(16).view());
  return body + "." + crypto::to_hex(context.indexer.index("device", body));
}

bool device_token_valid(const crypto::BlindIndexer& indexer, std::string_view token) {
  const std::size_t last = token.rfind('.');
  if (token.size() > 200 || last == std::string_view::npos || token.find('.') == last) return false;
  const std::string body(token.substr(0, last));
  return crypto::same_token(token.substr(last + 1), crypto::to_hex(indexer.index("device", body)));
}

bool goes_before_strangers(Context& context, std::string_view device_token, const std::string& session_token) {
  return device_token_valid(context.indexer, device_token) ||
         (!session_token.empty() && session_exists(context, session_token));
}

bool session_exists(Context& context, const std::string& token) {
  auto secrets = crypto::session_from_token(token);
  return secrets.ok() && context.store.find_session(secrets->lookup_id).ok();
}

Status sign_out(Context& context, const std::string& token) {
  auto secrets = crypto::session_from_token(token);
  if (!secrets.ok()) return ok_status();
  return transaction(context, [&] { return context.store.delete_session(secrets->lookup_id); });
}

Status sign_out_everywhere(Context& context, const Authenticated& signed_in) {
  return transaction(context, [&] { return context.store.delete_sessions_of(signed_in.actor.member.id); });
}

Status change_password(Context& context, const Authenticated& signed_in, const std::string& current_password,
                       const std::string& new_password, std::string_view client_address) {
  const domain::Member& member = signed_in.actor.member;
  const domain::SignInPolicy& policy = signed_in.actor.community.policy.sign_in;
  const AttemptKeys keys = attempt_keys(context, member.email, client_address);
  TRY(check_attempt(context, keys, policy));
  ASSIGN_OR_RETURN(store::CredentialsRow credentials, context.store.find_credentials(member.id));
  auto old_key = crypto::verify_password(password_record(credentials), current_password);
  if (!old_key.ok()) {
    // A wrong current password is a guess like a failed sign-in: counted, logged, and
    // after the policy's number of them the session that made them ends.
    bool session_ended = false;
    TRY(transaction(context, [&]() -> Status {
      TRY(record_action(context, signed_in.actor, audit_action::kRefusedPasswordChange));
      ASSIGN_OR_RETURN(const FailuresCounted counted, count_failure(context, keys, policy, true));
      if (counted.account_at_address < policy.password_failures_end_session) return ok_status();
      session_ended = true;
      return context.store.delete_session(signed_in.session.lookup_id);
    }));
    if (session_ended)
      return unauthenticated("the current password is not right, too many times: the session has ended");
    return unauthenticated("the current password is not right");
  }
  ASSIGN_OR_RETURN(const crypto::MemberKeyPair keys_of_member,
                   crypto::open_private_keys(credentials.box_public, credentials.sign_public,
                                             credentials.private_keys_sealed, *old_key, keys_context(member)));
  ASSIGN_OR_RETURN(const crypto::SecretBytes totp_secret,
                   crypto::open_with_key(*old_key, credentials.totp_secret_sealed, totp_context(member)));
  ASSIGN_OR_RETURN(auto enrolled, crypto::enrol_password(new_password, context.password_cost));
  const auto& [record, new_key] = enrolled;
  seal_under_password(credentials, record, new_key, keys_of_member, totp_secret.view(), member);
  return transaction(context, [&]() -> Status {
    TRY(context.store.save_credentials(credentials));
    TRY(context.store.delete_sessions_of(member.id));
    TRY(context.store.insert_session(signed_in.session));  // this session stays
    TRY(clear_account_at_address(context, keys));
    return record_action(context, signed_in.actor, audit_action::kChangePassword);
  });
}

}  // namespace conduct::app
