// Per-case keys in the use cases (docs/security.md "Per-case keys", "Granting and revoking").
//
//   - Intake makes a case's key (version 1) before writing the case, and wraps it, once
//     the conflicts known at intake are recorded, for every member the policy lets read
//     the case whose keys are certified, and for the community's recovery key. No
//     session is needed: wrapping uses public keys only.
//   - A signed-in member unlocks the versions wrapped for them into the context's
//     keyring; the store then opens and seals with them.
//   - A member who writes to a case without holding its key (a newcomer declaring a
//     conflict, a board member asking for oversight) seals under a fresh side version
//     of the key, wrapped for the case's holders only: they can read what was written,
//     the writer learns no key that opens anything else.
//   - Removing a holder (a declared conflict, offboarding) deletes their wraps and
//     marks the case for rotation: the next holder to write seals under a new version,
//     wrapped for the remaining holders, so a later copy of the database does not open
//     new entries with a key the removed member once had.
//   - Granting never happens on its own: a holder, in their session, wraps the versions
//     they hold for the new holder (see conflicts.h, access requests).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "domain/access.h"
#include "domain/case.h"

namespace conduct::app {

// A new case's key, made and wrapped before the transaction that writes the case for
// the community's recovery key and every member whose keys are certified. Sealed boxes
// are most of intake's work (two X25519 operations each, one per holder), and made
// outside the write lock they run on every core at once while other intakes commit.
// The transaction stores only the wraps the policy allows once the conflicts known at
// intake are recorded (wrap_new_case_key); a wrap for a member it excludes is dropped
// unsaved, and a holder certified in between is wrapped for inside the transaction.
struct PreparedCaseKey {
  crypto::SecretBytes key;
  std::map<std::string, std::string> wraps;  // the wrapped key, by recipient public key
};
Result<PreparedCaseKey> prepare_case_key(Context& context, std::int64_t community_id);

// Makes version 1 of a new case's key (or takes the prepared one) and holds it as
// current, before the case's sealed fields are written.
void begin_case_key(Context& context, const domain::Case& created);
void begin_case_key(Context& context, const domain::Case& created, const PreparedCaseKey& prepared);

// Wraps version 1 of a new case's key for the members allowed to read it (after the
// exclusions recorded at intake) whose keys are certified, and for the recovery key;
// a wrap `prepared` holds for the same public key is stored as it is.
// Errors: FailedPrecondition when the community has no valid recovery key.
Status wrap_new_case_key(Context& context, const domain::Case& created, const PreparedCaseKey* prepared = nullptr);

// Holds, in the keyring, every version of the case's key wrapped for the actor's
// current keys, and nothing else for that case (keys an earlier step held are
// forgotten first). Holding none is not an error (see holds_case).
Status unlock_case(Context& context, const Actor& actor, const domain::Case& summary);

// The keyring's holdings for the case become exactly the versions wrapped for one
// holder (`member_id`, or the recovery key when absent) to `recipient_public` that
// `open` opens; unlock_case and recovery both go through here.
using OpenWrap = std::function<Result<crypto::SecretBytes>(std::string_view wrapped)>;
Status unlock_case_as_holder(Context& context, const domain::Case& summary, std::optional<std::int64_t> member_id,
                             const std::string& recipient_public, const OpenWrap& open);

// Whether the keyring holds the case's current key (after unlock_case).
Result<bool> holds_case(Context& context, const domain::Case& summary);

// FailedPrecondition for a member the policy lets read a case whose key nobody has
// granted them yet; says what to do.
Error key_not_granted();

// find_case_for, then the actor must hold the case's current key: a member the policy
// lets in whose key nobody has granted yet gets FailedPrecondition saying what to do.
Result<domain::Case> find_held_case_for(Context& context, const Actor& actor, domain::Action action,
                                        const std::string& code_name);

// Before a write: wraps of members the policy no longer lets read the case (an expired
// oversight grant, a former member, a new exclusion) are revoked first; then a holder
// rotates the key when a rotation is due, and a member who does not hold the key gets
// a side version to write with (see above).
Status prepare_case_write(Context& context, const domain::Case& summary);

// Revokes the wraps of members the policy no longer lets read the case, marking it for
// rotation when there were any. Returns how many members lost their wraps.
Result<int> revoke_wraps_beyond_policy(Context& context, const domain::Case& summary);

// Wraps every version the keyring holds for `member`'s certified key. Errors:
// FailedPrecondition when the member has not enrolled or their keys are not
// certified; when the keyring holds no version of the case.
Status grant_case_key(Context& context, const domain::Case& summary, const domain::Member& member);

// Whether `member` holds the case's current key version with their current keys.
Result<bool> member_holds_case(Context& context, const domain::Case& summary, const domain::Member& member);

// Deletes the member's wraps of one case (or of every case) and marks those cases for
// rotation.
Status revoke_case_keys(Context& context, std::optional<std::int64_t> case_id, std::int64_t member_id);

// The member's X25519 public key when their keys are certified (chained to the pinned
// root); nullopt when they have not enrolled or are not certified.
Result<std::optional<std::string>> certified_box_public(Context& context, const domain::Member& member);

// The community's recovery public key, checked against the root key (and the pinned
// fingerprint). Errors: FailedPrecondition when absent or not signed by the root key.
Result<std::string> recovery_public_key(Context& context, std::int64_t community_id);

// The wraps of `key`, the key of a record that is not a case (a quarantined message, a
// meeting's minutes): one for the community's recovery key, and one for each of
// `members` whose keys are certified (the others get none).
Result<std::vector<store::KeyWrapRow>> wrap_record_key(Context& context, std::int64_t community_id,
                                                       const crypto::SecretBytes& key,
                                                       const std::vector<domain::Member>& members);

// The record key opened from the wrap made for the actor's current keys; nullopt when
// none of `wraps` is theirs (or the actor is not signed in).
std::optional<crypto::SecretBytes> open_record_key(const Actor& actor, const std::vector<store::KeyWrapRow>& wraps);

}  // namespace conduct::app
