// Certified member keys (app/accounts.h; docs/security.md "Member keys"): a chair's key
// is certified by the community root key, a member's by a chair's, and the root key's
// fingerprint is pinned in the server's configuration.
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

}  // namespace

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
