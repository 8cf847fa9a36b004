#include "app/case_keys.h"

#include <algorithm>
#include <set>

#include "app/access.h"
#include "app/accounts.h"
#include "app/audit.h"
#include "core/text.h"
#include "crypto/key_certificate.h"
#include "crypto/recovery_key.h"
#include "domain/access.h"
#include "domain/conflicts.h"

namespace conduct::app {
namespace {

Result<std::uint32_t> next_version(Context& context, const domain::Case& summary, const store::CaseKeyState& state) {
  ASSIGN_OR_RETURN(const std::vector<store::CaseKeyWrapRow> wraps, context.store.case_key_wraps(summary.id));
  std::uint32_t highest = state.current_version;
  for (const store::CaseKeyWrapRow& wrap : wraps) highest = std::max(highest, wrap.key_version);
  return highest + 1;
}

Status save_wrap(Context& context, const domain::Case& summary, std::uint32_t version, const crypto::SecretBytes& key,
                 std::optional<std::int64_t> member_id, const std::string& recipient_public,
                 const PreparedCaseKey* prepared = nullptr) {
  std::string wrapped;
  const auto made =
      prepared ? prepared->wraps.find(recipient_public) : std::map<std::string, std::string>::const_iterator{};
  if (prepared && made != prepared->wraps.end()) {
    wrapped = made->second;
  } else {
    ASSIGN_OR_RETURN(wrapped, crypto::box_seal(recipient_public, key.view()));
  }
  return context.store.save_case_key_wrap(
      {summary.id, version, member_id, recipient_public, std::move(wrapped), context.clock.now()});
}

// Wraps `key` as `version` for every holder of the case's current version (members
// and the recovery key), to the same public keys their wraps were made for.
Status wrap_for_current_holders(Context& context, const domain::Case& summary, const store::CaseKeyState& state,
                                std::uint32_t version, const crypto::SecretBytes& key) {
  ASSIGN_OR_RETURN(const std::vector<store::CaseKeyWrapRow> wraps, context.store.case_key_wraps(summary.id));
  for (const store::CaseKeyWrapRow& wrap : wraps)
    if (wrap.key_version == state.current_version)
      TRY(save_wrap(context, summary, version, key, wrap.member_id, wrap.recipient_public));
  return ok_status();
}

}  // namespace

Result<std::optional<std::string>> certified_box_public(Context& context, const domain::Member& member) {
  auto credentials = context.store.find_credentials(member.id);
  if (!credentials.ok()) {
    if (credentials.error().code == ErrorCode::NotFound) return std::optional<std::string>();
    return credentials.error();
  }
  ASSIGN_OR_RETURN(const bool certified, is_certified(context, member));
  if (!certified) return std::optional<std::string>();
  return std::optional<std::string>(credentials->box_public);
}

Result<PreparedCaseKey> prepare_case_key(Context& context, std::int64_t community_id) {
  PreparedCaseKey prepared{crypto::new_case_key(), {}};
  std::vector<std::string> recipients;
  auto recovery = context.store.find_recovery_key(community_id);
  if (recovery.ok()) recipients.push_back(recovery->box_public);  // checked again when it is stored
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(community_id));
  for (const domain::Member& member : members) {
    ASSIGN_OR_RETURN(const std::optional<std::string> box_public, certified_box_public(context, member));
    if (box_public) recipients.push_back(*box_public);
  }
  for (const std::string& recipient : recipients) {
    ASSIGN_OR_RETURN(prepared.wraps[recipient], crypto::box_seal(recipient, prepared.key.view()));
  }
  return prepared;
}

void begin_case_key(Context& context, const domain::Case& created) {
  context.keyring.hold(created.community_id, created.code_name, 1, crypto::new_case_key(), true);
}

void begin_case_key(Context& context, const domain::Case& created, const PreparedCaseKey& prepared) {
  context.keyring.hold(created.community_id, created.code_name, 1, crypto::SecretBytes::copy_of(prepared.key.view()),
                       true);
}

Status wrap_new_case_key(Context& context, const domain::Case& created, const PreparedCaseKey* prepared) {
  const crypto::SecretBytes* key = context.keyring.key(created.community_id, created.code_name, 1);
  if (!key) return internal_error("the new case's key is not held");
  // Prepared wraps are of the prepared key only.
  if (prepared && !(*key == prepared->key)) prepared = nullptr;
  ASSIGN_OR_RETURN(const std::string recovery, recovery_public_key(context, created.community_id));
  TRY(save_wrap(context, created, 1, *key, std::nullopt, recovery, prepared));
  ASSIGN_OR_RETURN(const domain::AccessFacts facts, context.store.load_case_access_facts(created.id));
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(created.community_id));
  const Timestamp now = context.clock.now();
  for (const domain::Member& member : members) {
    // A case held in escrow is wrapped as if released: the release then needs no key.
    const domain::CaseRelation relation = domain::relation_of(member, created, facts, members, now);
    if (!domain::decide_key_holding(member, relation, date_of(now)).allowed) continue;
    ASSIGN_OR_RETURN(const std::optional<std::string> box_public, certified_box_public(context, member));
    if (box_public) TRY(save_wrap(context, created, 1, *key, member.id, *box_public, prepared));
  }
  return ok_status();
}

Status unlock_case_as_holder(Context& context, const domain::Case& summary, std::optional<std::int64_t> member_id,
                             const std::string& recipient_public, const OpenWrap& open) {
  // Only what this holder's wraps open is held, whatever an earlier step unlocked.
  context.keyring.forget(summary.community_id, summary.code_name);
  ASSIGN_OR_RETURN(const store::CaseKeyState state, context.store.find_case_key_state(summary.id));
  ASSIGN_OR_RETURN(const std::vector<store::CaseKeyWrapRow> wraps, context.store.case_key_wraps(summary.id));
  for (const store::CaseKeyWrapRow& wrap : wraps) {
    if (wrap.member_id != member_id || wrap.recipient_public != recipient_public) continue;
    auto opened = open(wrap.wrapped_key);
    if (!opened.ok() || opened->size() != crypto::kCaseKeyBytes) continue;  // an altered wrap opens nothing
    context.keyring.hold(summary.community_id, summary.code_name, wrap.key_version, std::move(opened).value(),
                         wrap.key_version == state.current_version);
  }
  return ok_status();
}

Status unlock_case(Context& context, const Actor& actor, const domain::Case& summary) {
  if (!actor.keys) {
    context.keyring.forget(summary.community_id, summary.code_name);
    return ok_status();
  }
  const crypto::MemberKeyPair& keys = *actor.keys;
  return unlock_case_as_holder(context, summary, actor.member.id, keys.box_public,
                               [&keys](std::string_view wrapped) { return crypto::box_open(keys, wrapped); });
}

Result<bool> holds_case(Context& context, const domain::Case& summary) {
  ASSIGN_OR_RETURN(const store::CaseKeyState state, context.store.find_case_key_state(summary.id));
  return state.current_version > 0 &&
         context.keyring.holds(summary.community_id, summary.code_name, state.current_version);
}

Error key_not_granted() {
  return failed_precondition(
      "you may read this case, but its key has not been granted to you yet: a member who holds the case "
      "grants it from their list of pending access (your keys must be certified first)");
}

Result<domain::Case> find_held_case_for(Context& context, const Actor& actor, domain::Action action,
                                        const std::string& code_name) {
  ASSIGN_OR_RETURN(const domain::Case found, find_case_for(context, actor, action, code_name));
  ASSIGN_OR_RETURN(const bool holder, holds_case(context, found));
  if (!holder) {
    TRY(record_refusal(context, actor, action, found.code_name));
    return key_not_granted();
  }
  return found;
}

Result<int> revoke_wraps_beyond_policy(Context& context, const domain::Case& summary) {
  ASSIGN_OR_RETURN(const std::vector<store::CaseKeyWrapRow> wraps, context.store.case_key_wraps(summary.id));
  std::set<std::int64_t> holders;
  for (const store::CaseKeyWrapRow& wrap : wraps)
    if (wrap.member_id) holders.insert(*wrap.member_id);
  if (holders.empty()) return 0;
  ASSIGN_OR_RETURN(const domain::AccessFacts facts, context.store.load_case_access_facts(summary.id));
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(summary.community_id));
  const Timestamp now = context.clock.now();
  int revoked = 0;
  for (const domain::Member& member : members) {
    if (!holders.count(member.id)) continue;
    // Escrow hides a case but takes no key away (domain/access.h decide_key_holding).
    const domain::CaseRelation relation = domain::relation_of(member, summary, facts, members, now);
    if (domain::decide_key_holding(member, relation, date_of(now)).allowed) continue;
    TRY(revoke_case_keys(context, summary.id, member.id));
    ++revoked;
  }
  return revoked;
}

Status prepare_case_write(Context& context, const domain::Case& summary) {
  TRY(revoke_wraps_beyond_policy(context, summary));
  ASSIGN_OR_RETURN(store::CaseKeyState state, context.store.find_case_key_state(summary.id));
  if (state.current_version == 0)
    return failed_precondition(
        "this case is still stored in plaintext: a chair runs 'conduct keys seal-plaintext --as CHAIR' first");
  const bool holder = context.keyring.holds(summary.community_id, summary.code_name, state.current_version);
  if (holder && !state.rotation_due) return ok_status();
  if (!holder && context.keyring.current_version(summary.community_id, summary.code_name)) return ok_status();
  ASSIGN_OR_RETURN(const std::uint32_t version, next_version(context, summary, state));
  crypto::SecretBytes key = crypto::new_case_key();
  TRY(wrap_for_current_holders(context, summary, state, version, key));
  context.keyring.hold(summary.community_id, summary.code_name, version, std::move(key), true);
  if (!holder) return ok_status();  // a side version: the case's current version stays
  state.current_version = version;
  state.rotation_due = false;
  return context.store.save_case_key_state(state);
}

Status grant_case_key(Context& context, const domain::Case& summary, const domain::Member& member) {
  ASSIGN_OR_RETURN(const std::optional<std::string> box_public, certified_box_public(context, member));
  if (!box_public) return failed_precondition(member.email + " has not enrolled or their keys are not certified yet");
  const std::vector<std::uint32_t> versions = context.keyring.versions(summary.community_id, summary.code_name);
  if (versions.empty()) return failed_precondition("you do not hold this case's key, so you cannot grant it");
  for (const std::uint32_t version : versions)
    TRY(save_wrap(context, summary, version, *context.keyring.key(summary.community_id, summary.code_name, version),
                  member.id, *box_public));
  return ok_status();
}

Result<bool> member_holds_case(Context& context, const domain::Case& summary, const domain::Member& member) {
  auto credentials = context.store.find_credentials(member.id);
  if (!credentials.ok())
    return credentials.error().code == ErrorCode::NotFound ? Result<bool>(false) : credentials.error();
  ASSIGN_OR_RETURN(const store::CaseKeyState state, context.store.find_case_key_state(summary.id));
  ASSIGN_OR_RETURN(const std::vector<store::CaseKeyWrapRow> wraps, context.store.case_key_wraps(summary.id));
  return std::any_of(wraps.begin(), wraps.end(), [&](const store::CaseKeyWrapRow& wrap) {
    return wrap.member_id == member.id && wrap.key_version == state.current_version &&
           wrap.recipient_public == credentials->box_public;
  });
}

Status revoke_case_keys(Context& context, std::optional<std::int64_t> case_id, std::int64_t member_id) {
  ASSIGN_OR_RETURN(const std::vector<std::int64_t> cases, context.store.delete_case_key_wraps(case_id, member_id));
  for (const std::int64_t id : cases) {
    ASSIGN_OR_RETURN(store::CaseKeyState state, context.store.find_case_key_state(id));
    state.rotation_due = true;
    TRY(context.store.save_case_key_state(state));
  }
  return ok_status();
}

Result<std::string> recovery_public_key(Context& context, std::int64_t community_id) {
  auto row = context.store.find_recovery_key(community_id);
  if (!row.ok()) {
    if (row.error().code == ErrorCode::NotFound) return failed_precondition("the community has no recovery key");
    return row.error();
  }
  ASSIGN_OR_RETURN(const std::string root_public, context.store.find_root_public_key(community_id));
  const std::string pinned = pinned_root_of(context, community_id);
  if (!pinned.empty() && !crypto::same_fingerprint(crypto::fingerprint(root_public), pinned))
    return failed_precondition("the community's root key does not match the pinned fingerprint");
  if (!crypto::verify_recovery_key(root_public, community_id, row->box_public, row->signature).ok())
    return failed_precondition("the community's recovery key is not signed by its root key");
  return row->box_public;
}

Result<std::vector<store::KeyWrapRow>> wrap_record_key(Context& context, std::int64_t community_id,
                                                       const crypto::SecretBytes& key,
                                                       const std::vector<domain::Member>& members) {
  std::vector<store::KeyWrapRow> wraps;
  ASSIGN_OR_RETURN(const std::string recovery, recovery_public_key(context, community_id));
  ASSIGN_OR_RETURN(std::string recovery_wrap, crypto::box_seal(recovery, key.view()));
  wraps.push_back({std::nullopt, recovery, std::move(recovery_wrap)});
  for (const domain::Member& member : members) {
    ASSIGN_OR_RETURN(const std::optional<std::string> box_public, certified_box_public(context, member));
    if (!box_public) continue;
    ASSIGN_OR_RETURN(std::string wrapped, crypto::box_seal(*box_public, key.view()));
    wraps.push_back({member.id, *box_public, std::move(wrapped)});
  }
  return wraps;
}

std::optional<crypto::SecretBytes> open_record_key(const Actor& actor, const std::vector<store::KeyWrapRow>& wraps) {
  if (!actor.keys) return std::nullopt;
  for (const store::KeyWrapRow& wrap : wraps) {
    if (wrap.member_id != actor.member.id || wrap.recipient_public != actor.keys->box_public) continue;
    auto key = crypto::box_open(*actor.keys, wrap.wrapped_key);
    if (key.ok()) return std::move(key).value();
  }
  return std::nullopt;
}

}  // namespace conduct::app
