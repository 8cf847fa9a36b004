#include "app/keys.h"

#include <limits>

#include "app/access.h"
#include "app/accounts.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/conflicts.h"
#include "crypto/member_keys.h"
#include "crypto/recovery_key.h"
#include "crypto/sealer.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

// A recovery key for a community made before sealed records, which has none: signed
// with the community root key, which the chair holds sealed for their own keys (as
// certify_member opens it). Returns the printable kit.
Result<std::string> make_recovery_key(Context& context, const Actor& chair) {
  const std::int64_t community_id = chair.community.id;
  const Error no_root_key = failed_precondition(
      "the community has no recovery key yet, and making one needs the community root key, which you do not hold "
      "with your current keys: ask a chair who does (the first chair, or a chair certified since) to run this");
  if (!chair.keys) return no_root_key;
  auto root = open_root_key(context, community_id, chair.member.id, *chair.keys);
  if (!root.ok()) return root.error().code == ErrorCode::Internal ? root.error() : no_root_key;
  const crypto::RecoveryKey recovery = crypto::generate_recovery_key();
  TRY(context.store.save_recovery_key({community_id, recovery.box_public,
                                       crypto::sign_recovery_key(*root, community_id, recovery.box_public),
                                       context.clock.now()}));
  // Checked as every later use checks it: against the root key and the pinned
  // fingerprint (a root key copy that is not the community's signs in vain).
  TRY(recovery_public_key(context, community_id));
  return crypto::recovery_kit_text(recovery);
}

// Seals one case stored in plaintext as intake seals a new one (see seal_plaintext).
Status seal_case(Context& context, const domain::Case& summary, crypto::Sealer& earlier_release) {
  begin_case_key(context, summary);
  TRY(context.store.reseal_case(summary, earlier_release, context.keyring,
                                [&](const domain::Party& party) { return party_indexes(context, party); }));
  TRY(context.store.save_case_key_state({summary.id, 1, false}));
  return wrap_new_case_key(context, summary);
}

}  // namespace

Result<std::uint32_t> rotate_case_key(Context& context, const Actor& actor, const std::string& code_name) {
  std::uint32_t version = 0;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, domain::Action::WriteCase, code_name));
    ASSIGN_OR_RETURN(const bool holder, holds_case(context, summary));
    if (!holder) return failed_precondition("you do not hold this case's key, so you cannot rotate it");
    ASSIGN_OR_RETURN(store::CaseKeyState state, context.store.find_case_key_state(summary.id));
    state.rotation_due = true;
    TRY(context.store.save_case_key_state(state));
    TRY(prepare_case_write(context, summary));
    ASSIGN_OR_RETURN(const store::CaseKeyState rotated, context.store.find_case_key_state(summary.id));
    version = rotated.current_version;
    return record_action(context, actor, audit_action::kRotateKey, summary.code_name);
  }));
  return version;
}

Result<Recovered> recover_case_keys(Context& context, const Actor& chair, const std::string& kit,
                                    const std::optional<std::string>& code_name) {
  TRY(authorize(context, chair, domain::Action::ManageMembers));
  const std::int64_t community_id = chair.community.id;
  auto recovery = crypto::parse_recovery_kit(kit);
  if (!recovery.ok()) return field_error("kit", recovery.error().message);
  ASSIGN_OR_RETURN(const std::string community_recovery, recovery_public_key(context, community_id));
  if (recovery->box_public != community_recovery) return field_error("kit", "is not this community's recovery kit");

  Recovered recovered;
  TRY(transaction(context, [&]() -> Status {
    std::vector<domain::Case> cases;
    if (code_name) {
      const std::optional<std::string> normal = domain::normalise_case_code_name(*code_name);
      if (!normal) return case_not_found(*code_name);
      auto found = context.store.find_case(community_id, *normal);
      if (!found.ok()) return found.error().code == ErrorCode::NotFound ? case_not_found(*normal) : found.error();
      cases.push_back(*found);
    } else {
      ASSIGN_OR_RETURN(cases, context.store.list_cases(community_id, store::every_case()));
    }
    for (const domain::Case& summary : cases) {
      ASSIGN_OR_RETURN(AccessView view, load_access_view(context, community_id, summary.id));
      TRY(revoke_wraps_beyond_policy(context, summary));
      TRY(unlock_case_as_holder(context, summary, std::nullopt, recovery->box_public,
                                [&](std::string_view wrapped) { return crypto::box_open(*recovery, wrapped); }));
      if (context.keyring.versions(summary.community_id, summary.code_name).empty()) continue;
      int granted_here = 0;
      const std::vector<domain::Member> members = view.members;  // the view is reloaded below
      for (const domain::Member& member : members) {
        ASSIGN_OR_RETURN(const bool certified, is_certified(context, member));
        ASSIGN_OR_RETURN(std::optional<AccessRequest> pending,
                         pending_grant(context, view, summary, member, certified));
        if (!pending) continue;
        if (pending->kind == "screening") {
          TRY(context.store.approve_screening(summary.id, member.id, chair.member.id, context.clock.now()));
          ASSIGN_OR_RETURN(view, load_access_view(context, community_id, summary.id));  // the approval changes it
          if (!certified) continue;
        }
        TRY(grant_case_key(context, summary, member));
        ++granted_here;
      }
      context.keyring.forget(summary.community_id, summary.code_name);
      if (granted_here > 0) {
        ++recovered.cases;
        recovered.grants += granted_here;
        TRY(record_action(context, chair, audit_action::kRecoverKey, summary.code_name));
      }
    }
    return ok_status();
  }));
  return recovered;
}

Result<int> sweep_case_keys(Context& context, const Actor& chair) {
  TRY(authorize(context, chair, domain::Action::ManageMembers));
  return sweep_case_keys(context, chair.community.id);
}

Result<int> sweep_case_keys(Context& context, std::int64_t community_id) {
  // The store names the cases where a wrap may have outlived the policy; each is judged
  // and revoked in a transaction of its own, so the sweep never holds the writer long.
  ASSIGN_OR_RETURN(const std::vector<std::int64_t> candidates,
                   context.store.cases_to_sweep(community_id, date_of(context.clock.now())));
  int revoked = 0;
  for (const std::int64_t case_id : candidates) {
    TRY(transaction(context, [&]() -> Status {
      auto summary = context.store.find_case_by_id(case_id);
      if (!summary.ok()) return summary.error().code == ErrorCode::NotFound ? ok_status() : summary.error();
      ASSIGN_OR_RETURN(const int here, revoke_wraps_beyond_policy(context, *summary));
      revoked += here;
      if (here == 0) return ok_status();
      return record_action(context, kSystemActor, community_id, audit_action::kRevokeKeys, summary->code_name);
    }));
  }
  return revoked;
}

Result<SealedPlaintext> seal_plaintext(Context& context, const Actor& chair) {
  TRY(authorize(context, chair, domain::Action::ManageMembers));
  const std::int64_t community_id = chair.community.id;
  // What the earlier release stored with: values as given.
  crypto::PassThroughSealer earlier_release;
  SealedPlaintext sealed;
  TRY(transaction(context, [&]() -> Status {
    sealed = SealedPlaintext{};
    auto recovery = context.store.find_recovery_key(community_id);
    if (!recovery.ok()) {
      if (recovery.error().code != ErrorCode::NotFound) return recovery.error();
      ASSIGN_OR_RETURN(sealed.recovery_kit, make_recovery_key(context, chair));
    }
    ASSIGN_OR_RETURN(const std::vector<domain::Case> cases, context.store.cases_without_keys(community_id));
    for (const domain::Case& summary : cases) {
      const Status done = seal_case(context, summary, earlier_release);
      context.keyring.forget(summary.community_id, summary.code_name);  // made for this step only
      TRY(done);
      TRY(record_action(context, chair, audit_action::kSealPlaintext, summary.code_name));
      ++sealed.cases;
    }
    return ok_status();
  }));
  return sealed;
}

Status check_index_key(Context& context, bool replace) {
  const std::string expected = context.indexer.index("index-key-check", "conduct blind-index key");
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const std::optional<std::string> stored, context.store.index_key_check());
    if (!stored || replace) return context.store.save_index_key_check(expected);
    if (*stored == expected) return ok_status();
    return failed_precondition(
        "the blind-index key is not the one this database was made with: repeat reports and party matches "
        "would stop matching; restore the database's own conduct-index.key (or CONDUCT_INDEX_KEY) from where "
        "you keep it (docs/security.md)");
  });
}

Status check_sealed_records(Context& context) {
  ASSIGN_OR_RETURN(const std::vector<store::CommunityRow> communities, context.store.list_communities());
  for (const store::CommunityRow& row : communities) {
    const std::string community = "the community '" + row.community.slug + "'";
    const std::string command = "'conduct keys seal-plaintext " +
                                (communities.size() > 1 ? "--community " + row.community.slug + " " : "") +
                                "--as CHAIR' (docs/security.md)";
    ASSIGN_OR_RETURN(const std::vector<domain::Case> waiting, context.store.cases_without_keys(row.community.id));
    if (!waiting.empty())
      return failed_precondition(community + " has " + std::to_string(waiting.size()) +
                                 " case(s) that a release before sealed records stored in plaintext: seal them "
                                 "first with " +
                                 command);
    auto recovery = context.store.find_recovery_key(row.community.id);
    if (!recovery.ok()) {
      if (recovery.error().code != ErrorCode::NotFound) return recovery.error();
      return failed_precondition(community +
                                 " has no recovery key, as a release before sealed records made it: "
                                 "make one first with " +
                                 command);
    }
  }
  return ok_status();
}

}  // namespace conduct::app
