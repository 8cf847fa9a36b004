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
#include "app/accounts.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "app/access.h"
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
namespace {

const char* const kWrongCredentials = "the email, password or code is not right";

std::string subject_of(const domain::Member& member) {
  return "community:" + std::to_string(member.community_id) + "/member:" + std::to_string(member.id);
}
std::string keys_context(const domain::Member& member) { return "conduct:member-keys:" + subject_of(member); }
std::string totp_context(const domain::Member& member) { return "conduct:totp:" + subject_of(member); }
std::string session_context(const std::string& lookup_id) { return "conduct:session:" + lookup_id; }
std::string root_context(std::int64_t community_id) { return "conduct:root:" + std::to_string(community_id); }

// Whether the chain verifies (crypto::verify_chain), remembering the chains that did: a
// chain is read for every holder at every intake, and its two Ed25519 checks would
// otherwise be most of intake's work. The memo is keyed by every byte verification
// reads, so a new key, certificate or pin is a new entry; only successes are kept, and
// the memo is emptied when it grows past a bound.
bool chain_verifies(const crypto::KeyCertificate& member_cert, const crypto::KeyCertificate& chair_cert,
                    const std::string& pinned) {
  static std::mutex guard;
  static std::set<std::string> verified;
  std::string key;
  for (const crypto::KeyCertificate* cert : {&member_cert, &chair_cert})
    for (const std::string* field :
         {&cert->subject, &cert->box_public, &cert->sign_public, &cert->issuer_sign_public, &cert->signature})
      key += std::to_string(field->size()) + ":" + *field;
  key += std::to_string(member_cert.issued_at) + "/" + std::to_string(chair_cert.issued_at) + "/" + pinned;
  {
    const std::lock_guard<std::mutex> lock(guard);
    if (verified.count(key)) return true;
  }
  if (!crypto::verify_chain(member_cert, chair_cert, pinned).ok()) return false;
  const std::lock_guard<std::mutex> lock(guard);
  if (verified.size() >= 4096) verified.clear();
  verified.insert(std::move(key));
  return true;
}

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

bool is_totp_code_shaped(std::string_view code) {
  return code.size() == static_cast<std::size_t>(crypto::kTotpDigits) &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Fills the password fields of `credentials` from a fresh enrolment of the password,
// and seals the member's private keys and TOTP secret under the key it derives.
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

Result<bool> is_certified(Context& context, const domain::Member& member, const std::string& pinned_fingerprint) {
  auto certificate_row = context.store.find_certificate(member.id);
  auto credentials = context.store.find_credentials(member.id);
  if (!certificate_row.ok() || !credentials.ok()) return false;
  ASSIGN_OR_RETURN(const std::string root_public, context.store.find_root_public_key(member.community_id));
  const std::string pinned = pinned_fingerprint.empty() ? crypto::fingerprint(root_public) : pinned_fingerprint;
  const crypto::KeyCertificate certificate{subject_of(member),
                                           credentials->box_public,
                                           credentials->sign_public,
                                           certificate_row->issued_at,
                                           certificate_row->issuer_sign_public,
                                           certificate_row->signature};
  if (certificate.issuer_sign_public == root_public) return chain_verifies(certificate, certificate, pinned);
  // Issued by a chair: find the chair by signing key and check their certificate too.
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(member.community_id));
  for (const domain::Member& chair : members) {
    auto chair_credentials = context.store.find_credentials(chair.id);
    if (!chair_credentials.ok() || chair_credentials->sign_public != certificate.issuer_sign_public) continue;
    auto chair_row = context.store.find_certificate(chair.id);
    if (!chair_row.ok() || !domain::is_chair_role(chair.role)) return false;
    const crypto::KeyCertificate chair_certificate{
        subject_of(chair),    chair_credentials->box_public, chair_credentials->sign_public,
        chair_row->issued_at, chair_row->issuer_sign_public, chair_row->signature};
    return chain_verifies(certificate, chair_certificate, pinned);
  }
  return false;
}

Result<crypto::RootKey> open_root_key(Context& context, std::int64_t community_id, std::int64_t chair_id,
                                      const crypto::MemberKeyPair& keys) {
  ASSIGN_OR_RETURN(const store::RootKeyWrapRow wrap, context.store.find_root_key_wrap(community_id, chair_id));
  ASSIGN_OR_RETURN(crypto::SecretBytes root_secret, crypto::box_open(keys, wrap.root_secret_sealed));
  if (root_secret.size() != crypto::kSignSecretKeyBytes)  // refused here, not left to abort the signing
    return failed_precondition("the community root key held for you is malformed");
  ASSIGN_OR_RETURN(std::string root_public, context.store.find_root_public_key(community_id));
  return crypto::RootKey{std::move(root_public), std::move(root_secret)};
}

Result<bool> is_certified(Context& context, const domain::Member& member) {
  return is_certified(context, member, pinned_root_of(context, member.community_id));
}

Status certify_member(Context& context, const Authenticated& chair, const std::string& token,
                      const std::string& email) {
  TRY(authorize(context, chair.actor, domain::Action::ManageMembers));
  ASSIGN_OR_RETURN(const bool chair_certified, is_certified(context, chair.actor.member, ""));
  if (!chair_certified) return failed_precondition("your own keys are not certified yet");
  ASSIGN_OR_RETURN(const domain::Member member,
                   context.store.find_member(chair.actor.community.id, to_lower_ascii(trim(email))));
  auto credentials = context.store.find_credentials(member.id);
  if (!credentials.ok()) return failed_precondition(member.email + " has not enrolled yet");
  ASSIGN_OR_RETURN(const crypto::MemberKeyPair chair_keys, open_session_keys(context, chair, token));
  const Timestamp now = context.clock.now();
  return transaction(context, [&]() -> Status {
    TRY(record_action(context, chair.actor, audit_action::kCertifyMember));
    if (!domain::is_chair_role(member.role)) {
      const crypto::KeyCertificate certificate = crypto::certify(subject_of(member), credentials->box_public,
                                                                 credentials->sign_public, now.seconds, chair_keys);
      return context.store.save_certificate(
          {member.id, certificate.issuer_sign_public, certificate.issued_at, certificate.signature});
    }
    // A chair is certified by the root key, which the certifying chair holds sealed.
    ASSIGN_OR_RETURN(const crypto::RootKey root,
                     open_root_key(context, member.community_id, chair.actor.member.id, chair_keys));
    const crypto::KeyCertificate certificate =
        crypto::certify(subject_of(member), credentials->box_public, credentials->sign_public, now.seconds, root);
    TRY(context.store.save_certificate(
        {member.id, certificate.issuer_sign_public, certificate.issued_at, certificate.signature}));
    ASSIGN_OR_RETURN(const std::string wrapped, crypto::box_seal(credentials->box_public, root.sign_secret.view()));
    return context.store.save_root_key_wrap({member.community_id, member.id, wrapped});
  });
}

Result<std::string> root_fingerprint(Context& context, std::int64_t community_id) {
  ASSIGN_OR_RETURN(const std::string root_public, context.store.find_root_public_key(community_id));
  return crypto::fingerprint(root_public);
}

}  // namespace conduct::app
