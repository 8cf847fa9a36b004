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
// Failed sign-ins back off per account and per client address on the policy's
// schedule (domain/sign_in.h). An unknown email costs the same Argon2id work and gets
// the same answer as a wrong password.
//
// This file: signing in and out, sessions and passwords; enrolment.cpp makes and
// completes enrolment links, certificates.cpp certifies member keys.
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

const char* const kWrongCredentials = "the email, password or code is not right";

// A failed sign-in counts against the account and the address, and is logged as a
// refusal by the public: a wrong password proves no one's identity.
Status record_failure(Context& context, std::int64_t community_id, const std::string& account_key,
                      const std::string& address_key) {
  const Timestamp now = context.clock.now();
  return transaction(context, [&]() -> Status {
    TRY(record_action(context, kPublicActor, community_id, audit_action::kRefusedSignIn, "",
                      store::AuditDigest::NothingHandled));
    for (const std::string& key : {account_key, address_key}) {
      ASSIGN_OR_RETURN(store::ThrottleRow row, context.store.find_throttle(key));
      const domain::ThrottleState state = domain::after_failure({row.failures, row.last_failure}, now);
      row.failures = state.failures;
      row.last_failure = state.last_failure;
      TRY(context.store.save_throttle(row));
    }
    return ok_status();
  });
}

}  // namespace

Result<SignedIn> sign_in(Context& context, const SignInCommand& command) {
  const std::string email = to_lower_ascii(trim(command.email));
  const std::string account_key = "account:" + email;
  const std::string address_key = "address:" + command.client_address;
  const Timestamp now = context.clock.now();
  ASSIGN_OR_RETURN(const domain::Community community, choose_community(context, command.community));
  const domain::SignInPolicy& policy = community.policy.sign_in;

  for (const std::string& key : {account_key, address_key}) {
    ASSIGN_OR_RETURN(const store::ThrottleRow row, context.store.find_throttle(key));
    const domain::ThrottleVerdict verdict = domain::check_throttle({row.failures, row.last_failure}, policy, now);
    if (!verdict.allowed) {
      Error error = resource_exhausted("too many failed sign-ins: try again in " +
                                       std::to_string(verdict.retry_after_seconds) + " seconds");
      error.fields["retry_after"] = std::to_string(verdict.retry_after_seconds);
      return error;
    }
  }
  const auto fail = [&]() -> Error {
    const Status recorded = record_failure(context, community.id, account_key, address_key);
    if (!recorded.ok()) return recorded.error();
    return unauthenticated(kWrongCredentials);
  };

  auto member = context.store.find_member(community.id, email);
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
  ASSIGN_OR_RETURN(crypto::MemberKeyPair keys,
                   crypto::open_private_keys(credentials->box_public, credentials->sign_public,
                                             credentials->private_keys_sealed, *sealing_key, keys_context(*member)));

  const crypto::SessionSecrets secrets = crypto::new_session();
  store::SessionRow session{secrets.lookup_id,
                            member->id,
                            now,
                            now,
                            crypto::new_csrf_token(),
                            crypto::seal_private_keys(keys, secrets.session_key, session_context(secrets.lookup_id))};
  const Status started = transaction(context, [&]() -> Status {
    TRY(context.store.set_totp_last_step(member->id, *step));  // refused if another sign-in used the step
    TRY(context.store.insert_session(session));
    TRY(context.store.save_throttle({account_key, 0, now}));
    TRY(context.store.save_throttle({address_key, 0, now}));
    return record_action(context, member_actor(member->id), community.id, audit_action::kSignIn, "");
  });
  if (!started.ok()) return started.error().code == ErrorCode::FailedPrecondition ? fail() : started.error();
  return SignedIn{Actor{community, *member, std::make_shared<const crypto::MemberKeyPair>(std::move(keys))},
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

Status sign_out(Context& context, const std::string& token) {
  auto secrets = crypto::session_from_token(token);
  if (!secrets.ok()) return ok_status();
  return transaction(context, [&] { return context.store.delete_session(secrets->lookup_id); });
}

Status sign_out_everywhere(Context& context, const Authenticated& signed_in) {
  return transaction(context, [&] { return context.store.delete_sessions_of(signed_in.actor.member.id); });
}

Status change_password(Context& context, const Authenticated& signed_in, const std::string& current_password,
                       const std::string& new_password) {
  const domain::Member& member = signed_in.actor.member;
  ASSIGN_OR_RETURN(store::CredentialsRow credentials, context.store.find_credentials(member.id));
  auto old_key = crypto::verify_password(password_record(credentials), current_password);
  if (!old_key.ok()) return unauthenticated("the current password is not right");
  ASSIGN_OR_RETURN(const crypto::MemberKeyPair keys,
                   crypto::open_private_keys(credentials.box_public, credentials.sign_public,
                                             credentials.private_keys_sealed, *old_key, keys_context(member)));
  ASSIGN_OR_RETURN(const crypto::SecretBytes totp_secret,
                   crypto::open_with_key(*old_key, credentials.totp_secret_sealed, totp_context(member)));
  ASSIGN_OR_RETURN(auto enrolled, crypto::enrol_password(new_password, context.password_cost));
  const auto& [record, new_key] = enrolled;
  seal_under_password(credentials, record, new_key, keys, totp_secret.view(), member);
  return transaction(context, [&]() -> Status {
    TRY(context.store.save_credentials(credentials));
    TRY(context.store.delete_sessions_of(member.id));
    TRY(context.store.insert_session(signed_in.session));  // this session stays
    return record_action(context, signed_in.actor, audit_action::kChangePassword);
  });
}

}  // namespace conduct::app
