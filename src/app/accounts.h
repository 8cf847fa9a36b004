// Accounts: enrolment (password, TOTP second factor, member keys), signing in and out,
// sessions, password changes and resets, and certifying members' keys. docs/security.md
// "Member keys" and "Secrets and what is derived from them" is the specification;
// accounts.cpp says how each secret is derived and where it is kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/context.h"
#include "core/result.h"
#include "crypto/blind_index.h"
#include "crypto/key_certificate.h"
#include "store/account_rows.h"

namespace conduct::app {

// A one-time link that lets a member set their password and second factor. The token
// is shown once; only a value derived from it is stored.
struct EnrolmentLink {
  std::string token;
  Timestamp expires_at;
};

// Issues an enrolment link for a member: for a new member, or as a password reset
// (which gives the member new keys and a new second factor when used). Chairs only.
// Errors: PermissionDenied; NotFound for the email; FailedPrecondition for a former member.
Result<EnrolmentLink> issue_enrolment(Context& context, const Actor& chair, const std::string& email);

// Stores a new enrolment link for `member`, issued by `issued_by`, inside the caller's
// transaction (for use cases that add a member and their link together). With `root`,
// the link also carries the community root key's secret, sealed under the link's key
// (the first chair's link).
Result<EnrolmentLink> write_enrolment_link(Context& context, const domain::Community& community, std::int64_t issued_by,
                                           const domain::Member& member, const crypto::RootKey* root = nullptr);

// What an enrolment page shows before the member sets anything.
struct EnrolmentInfo {
  domain::Member member;
  std::string community_name;
};
// Errors: NotFound for an unknown, used or expired link (alike).
Result<EnrolmentInfo> check_enrolment(Context& context, const std::string& token);

struct EnrolmentCommand {
  std::string token;
  std::string password;
  std::string totp_secret;  // base32, as shown to the member's authenticator
  std::string totp_code;    // the current code from that authenticator, proving it works
};

// Sets the member's password and second factor, generates their X25519 and Ed25519 keys,
// and ends their other sessions. The first chair's keys are certified by the community
// root key here; other members wait for a chair to certify them.
// Errors: NotFound for the link; InvalidArgument for a weak password, a bad secret or
// a wrong code (by field).
Result<domain::Member> complete_enrolment(Context& context, const EnrolmentCommand& command);

struct SignInCommand {
  std::optional<std::string> community;  // needed when the database holds several
  std::string email;
  std::string password;
  std::string totp_code;
  std::string client_address;  // for the back-off per address and per account at an address
};

struct SignedIn {
  Actor actor;
  std::string token;       // for the session cookie; shown once, never stored
  std::string csrf_token;  // echoed by the client on every state change
};

// Signs a member in with password and TOTP code. Every failure answers the same
// Unauthenticated message, in similar time whether or not the email exists.
// Errors: Unauthenticated; ResourceExhausted while the policy's back-off runs (for the
// address, or the account at the address), with the wait in field "retry_after".
Result<SignedIn> sign_in(Context& context, const SignInCommand& command);

struct Authenticated {
  Actor actor;
  store::SessionRow session;
};

// The member a session token belongs to, if the session is alive and the member still
// active; refreshes the session's idle clock. Errors: Unauthenticated.
Result<Authenticated> authenticate(Context& context, const std::string& token);

// A device token: proof that this browser signed in as a member before, so that its
// next sign-in is served before strangers' (a flood of failed sign-ins never stands
// between a member and their session). It is the member's id, 128 random bits and a
// keyed hash of both under the blind-index key; it opens nothing and proves nothing of
// identity: the sign-in still needs the password and the code.
std::string issue_device_token(const Context& context, std::int64_t member_id);
bool device_token_valid(const crypto::BlindIndexer& indexer, std::string_view token);

// Whether a password attempt (a sign-in, a password change) goes before strangers':
// it comes from a browser that signed in before (a valid device token) or with a live
// session. A look-up by key at most.
bool goes_before_strangers(Context& context, std::string_view device_token, const std::string& session_token);

// Whether a session token names a stored session, without opening it or touching its
// idle clock: a look-up by key, for deciding whether to read a large body at all.
bool session_exists(Context& context, const std::string& token);

Status sign_out(Context& context, const std::string& token);
// Ends every session of the member, this one included.
Status sign_out_everywhere(Context& context, const Authenticated& signed_in);

// Changes the password: the private keys and TOTP secret are resealed under the new
// password; other sessions end. A wrong current password is throttled and logged like a
// failed sign-in from `client_address`, and the policy's number of them ends this
// session. Errors: Unauthenticated for a wrong current password; ResourceExhausted
// while the back-off runs ("retry_after"); InvalidArgument for a weak new one.
Status change_password(Context& context, const Authenticated& signed_in, const std::string& current_password,
                       const std::string& new_password, std::string_view client_address);

// A chair certifies a member's public keys with their own signing key (or, for a new
// chair, with the community root key the chair holds). `token` is the chair's session
// token: their private keys open only with it.
// Errors: PermissionDenied for non-chairs; NotFound; FailedPrecondition when the member
// has not enrolled or the chair's own keys are not certified.
Status certify_member(Context& context, const Authenticated& chair, const std::string& token, const std::string& email);

// Whether the member's current public keys carry a certificate that chains to the
// community's root key. `pinned_fingerprint`, when given, must match that root key.
Result<bool> is_certified(Context& context, const domain::Member& member, const std::string& pinned_fingerprint);
// The same against the fingerprint the context pins for the member's community.
Result<bool> is_certified(Context& context, const domain::Member& member);

// The community root key as the chair `chair_id` holds it: sealed to their X25519 key,
// opened with `keys`. Errors: NotFound when the chair holds no copy; PermissionDenied
// when it does not open; FailedPrecondition when what opens is not a root key (anyone
// who can write the database can seal a box to a chair's public key).
Result<crypto::RootKey> open_root_key(Context& context, std::int64_t community_id, std::int64_t chair_id,
                                      const crypto::MemberKeyPair& keys);

// The community root key's fingerprint, for pinning in the server's configuration.
Result<std::string> root_fingerprint(Context& context, std::int64_t community_id);

}  // namespace conduct::app
