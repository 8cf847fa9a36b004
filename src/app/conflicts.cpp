#include "app/conflicts.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "app/access.h"
#include "app/accounts.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/case_links.h"
#include "core/field_errors.h"
#include "core/text.h"
#include "domain/code_name.h"

namespace conduct::app {

using domain::Action;

namespace {

// A chair who holds the case grants its key at once with an invitation or an approved
// oversight; otherwise the grant waits in the queue for a holder.
Status grant_if_possible(Context& context, const domain::Case& summary, const domain::Member& member) {
  ASSIGN_OR_RETURN(const bool holder, holds_case(context, summary));
  ASSIGN_OR_RETURN(const bool certified, is_certified(context, member));
  if (!holder || !certified) return ok_status();
  return grant_case_key(context, summary, member);
}

// Records an exclusion on `owner` and takes the member's keys to it away; the other
// cases of its incident get it too (case_links.h). Every exclusion of a member who may
// have held the case goes through here.
Status exclude_member(Context& context, const domain::Case& owner, const domain::Exclusion& exclusion) {
  TRY(context.store.insert_exclusion(owner, exclusion));
  TRY(revoke_case_keys(context, owner.id, exclusion.member_id));
  return share_exclusions_with_linked_cases(context, owner);
}

}  // namespace

domain::MatchKeyFunction blind_match_keys(const Context& context) {
  const crypto::BlindIndexer* indexer = &context.indexer;
  return [indexer](std::string_view kind, std::string_view normal) { return indexer->index(kind, normal); };
}

store::PartyIndexes party_indexes(const Context& context, const domain::Party& party) {
  const domain::PartyMatchKeys keys = domain::match_keys_of(party, blind_match_keys(context));
  return store::PartyIndexes{keys.contact, keys.name, keys.employer};
}

Status record_known_conflicts(Context& context, const domain::Case& owner,
                              const std::vector<domain::PartyMatchKeys>& parties,
                              const std::vector<domain::Member>& members) {
  ASSIGN_OR_RETURN(const domain::AccessFacts facts, context.store.load_case_access_facts(owner.id));
  std::vector<domain::MemberMatchKeys> member_keys;
  for (const domain::Member& member : members)
    member_keys.push_back(domain::match_keys_of(member, blind_match_keys(context)));
  const domain::IntakeConflicts found =
      domain::conflicts_at_intake(owner.id, parties, member_keys, context.clock.now());
  const auto recorded = [&](const auto& rows, std::int64_t member_id) {
    for (const auto& row : rows)
      if (row.case_id == owner.id && row.member_id == member_id) return true;
    return false;
  };
  for (const domain::Exclusion& exclusion : found.exclusions)
    if (!recorded(facts.exclusions, exclusion.member_id)) TRY(exclude_member(context, owner, exclusion));
  for (const domain::PossibleConflict& possible : found.possible_conflicts)
    if (!recorded(facts.possible_conflicts, possible.member_id) && !recorded(facts.exclusions, possible.member_id))
      TRY(context.store.insert_possible_conflict(possible));
  return ok_status();
}

Status declare_conflict(Context& context, const Actor& actor, const std::string& code_name, const std::string& note) {
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::DeclareConflict, code_name));
    ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor.community.id, summary.id));
    const bool confirming = relation_to(context, view, actor, summary).possible_conflict;
    TRY(prepare_case_write(context, summary));  // the note is sealed for the case's holders
    ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(summary));
    domain::ConflictDeclaration declaration =
        domain::plan_conflict_declaration(summary, actor.member, note, next_number, context.clock.now());
    if (confirming) {
      declaration.exclusion.reason = domain::ExclusionReason::SharedEmployer;
      TRY(context.store.delete_possible_conflict(summary.id, actor.member.id));
    }
    TRY(exclude_member(context, summary, declaration.exclusion));
    TRY(context.store.append_entry(summary, declaration.entry));
    return record_action(context, actor, audit_action::kDeclareConflict, summary.code_name);
  });
}

Result<std::vector<ScreeningItem>> cases_to_screen(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, Action::ListCases));
  ASSIGN_OR_RETURN(const std::vector<domain::Case> candidates,
                   context.store.list_cases_to_screen(actor.community.id, actor.member.id, actor.member.joined_at,
                                                      kScreeningPageSize));
  ASSIGN_OR_RETURN(AccessView view, load_access_view(context, actor.community.id, 0));
  std::vector<ScreeningItem> items;
  for (const domain::Case& summary : candidates) {  // the store finds them; the policy decides
    ASSIGN_OR_RETURN(view.facts, context.store.load_case_access_facts(summary.id));
    if (!may(context, view, actor, Action::ScreenCase, summary)) continue;
    items.push_back({summary, relation_to(context, view, actor, summary).possible_conflict});
  }
  return items;
}

Status clear_case(Context& context, const Actor& actor, const std::string& code_name) {
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::ScreenCase, code_name));
    ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor.community.id, summary.id));
    const domain::CaseRelation relation = relation_to(context, view, actor, summary);
    if (relation.possible_conflict) TRY(context.store.delete_possible_conflict(summary.id, actor.member.id));
    if (relation.must_screen) TRY(context.store.insert_screening({summary.id, actor.member.id, context.clock.now()}));
    return record_action(context, actor, audit_action::kScreenCase, summary.code_name);
  });
}

Result<std::optional<AccessRequest>> pending_grant(Context& context, const AccessView& view,
                                                   const domain::Case& summary, const domain::Member& member,
                                                   bool certified) {
  const Timestamp now = context.clock.now();
  const domain::CaseRelation relation = domain::relation_of(member, summary, view.facts, view.members, now);
  if (relation.awaiting_approval) {
    for (const domain::Screening& screening : view.facts.screenings)
      if (screening.case_id == summary.id && screening.member_id == member.id)
        return std::optional<AccessRequest>(AccessRequest{summary, member, "screening", screening.screened_at});
  }
  if (!certified || !domain::decide_access(member, Action::ReadCase, relation, date_of(now)).allowed)
    return std::optional<AccessRequest>();
  ASSIGN_OR_RETURN(const bool holds, member_holds_case(context, summary, member));
  if (holds) return std::optional<AccessRequest>();
  AccessRequest request{summary, member, "member", member.joined_at};
  for (const domain::Invitation& invitation : view.facts.invitations)
    if (relation.invited && invitation.case_id == summary.id && invitation.member_id == member.id)
      request = {summary, member, "adviser", invitation.created_at};
  for (const domain::OversightGrant& grant : view.facts.grants)
    if (relation.oversight && grant.case_id == summary.id && grant.member_id == member.id && grant.is_active(now))
      request = {summary, member, "oversight", grant.approved_at.value_or(grant.requested_at)};
  return std::optional<AccessRequest>(request);
}

Result<AccessQueue> access_requests(Context& context, const Actor& actor, std::size_t limit) {
  TRY(authorize(context, actor, Action::ListCases));
  AccessQueue queue;
  auto actor_keys = context.store.find_credentials(actor.member.id);
  if (!actor_keys.ok()) {
    if (actor_keys.error().code == ErrorCode::NotFound) return queue;  // holds nothing to grant
    return actor_keys.error();
  }
  const std::int64_t community_id = actor.community.id;
  AccessView view;
  ASSIGN_OR_RETURN(view.members, context.store.list_members(community_id));
  const std::vector<domain::Member> members = view.members;
  const std::size_t candidates = limit + 1;  // one more than asked, to know whether more wait
  const store::KeyHolder holder{actor.member.id, actor_keys->box_public};  // only a holder can grant

  // The policy judges each candidate the store found: the actor may approve on the
  // case, holds its key, and the member still waits for something on it.
  const auto judge = [&](const domain::Case& summary, const domain::Member& member, bool certified) -> Status {
    ASSIGN_OR_RETURN(view.facts, context.store.load_case_access_facts(summary.id));
    if (!may(context, view, actor, Action::ApproveAccess, summary)) return ok_status();
    TRY(unlock_case(context, actor, summary));
    ASSIGN_OR_RETURN(const bool holder, holds_case(context, summary));
    if (!holder) return ok_status();  // only a holder can grant
    ASSIGN_OR_RETURN(std::optional<AccessRequest> pending, pending_grant(context, view, summary, member, certified));
    if (pending) queue.requests.push_back(std::move(*pending));
    return ok_status();
  };

  for (const domain::Member& member : members) {
    if (member.id == actor.member.id) continue;
    ASSIGN_OR_RETURN(const bool certified, is_certified(context, member));
    ASSIGN_OR_RETURN(const std::vector<domain::Case> screened,
                     context.store.list_cases_awaiting_screening_approval(community_id, member.id, holder, candidates));
    queue.more = queue.more || screened.size() > limit;
    std::set<std::int64_t> seen;
    for (const domain::Case& summary : screened) {
      seen.insert(summary.id);
      TRY(judge(summary, member, certified));
    }
    if (!certified) continue;  // waits for its certificate before any key
    ASSIGN_OR_RETURN(const store::CredentialsRow member_keys, context.store.find_credentials(member.id));
    store::CaseFilter keyless;
    keyless.limit = candidates;
    keyless.key_missing_for = store::KeyHolder{member.id, member_keys.box_public};
    keyless.key_held_by = holder;
    const domain::CaseListing listing = domain::case_listing_for(member, members, context.clock.now());
    // A member's own wait is the same on every case they may read (their joining); an
    // adviser's or a board member's is their invitation's or grant's, which the newest-
    // first listing does not order by, and they are few: all of them are read.
    if (listing.reach != domain::ListingReach::GroupCases) keyless.limit = store::every_case().limit;
    ASSIGN_OR_RETURN(const std::vector<domain::Case> waiting,
                     context.store.list_visible_cases(community_id, listing, keyless, {}));
    queue.more = queue.more || (listing.reach == domain::ListingReach::GroupCases && waiting.size() > limit);
    for (const domain::Case& summary : waiting)
      if (!seen.count(summary.id)) TRY(judge(summary, member, certified));
  }
  std::stable_sort(queue.requests.begin(), queue.requests.end(), [](const AccessRequest& a, const AccessRequest& b) {
    if (a.waiting_since.seconds != b.waiting_since.seconds) return a.waiting_since.seconds < b.waiting_since.seconds;
    return a.summary.opened_at.seconds > b.summary.opened_at.seconds;
  });
  if (queue.requests.size() > limit) {
    queue.requests.resize(limit);
    queue.more = true;
  }
  return queue;
}

Status approve_access(Context& context, const Actor& actor, const std::string& code_name, const std::string& email) {
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::ApproveAccess, code_name));
    ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor.community.id, summary.id));
    const Error nothing_pending = not_found("nothing waits for access to this case under that email");
    const std::string wanted = to_lower_ascii(trim(email));
    const auto member = std::find_if(view.members.begin(), view.members.end(),
                                     [&](const domain::Member& m) { return m.email == wanted; });
    if (member == view.members.end() || member->id == actor.member.id) return nothing_pending;
    ASSIGN_OR_RETURN(const bool certified, is_certified(context, *member));
    ASSIGN_OR_RETURN(const std::optional<AccessRequest> pending,
                     pending_grant(context, view, summary, *member, certified));
    if (!pending) return nothing_pending;
    ASSIGN_OR_RETURN(const bool holder, holds_case(context, summary));
    if (!holder) return failed_precondition("you do not hold this case's key, so you cannot grant it");
    if (pending->kind == "screening")
      TRY(context.store.approve_screening(summary.id, member->id, actor.member.id, context.clock.now()));
    if (certified) TRY(grant_case_key(context, summary, *member));
    return record_action(context, actor, audit_action::kGrantAccess, summary.code_name);
  });
}

Status invite_adviser(Context& context, const Actor& actor, const std::string& code_name, const std::string& email) {
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::InviteAdviser, code_name));
    auto adviser = context.store.find_member(actor.community.id, to_lower_ascii(trim(email)));
    if (!adviser.ok() || adviser->role != domain::Role::Adviser ||
        !domain::is_active_on(*adviser, date_of(context.clock.now())))
      return field_error("adviser", "must be the email of an active adviser");
    auto invited = context.store.insert_invitation({summary.id, adviser->id, actor.member.id, context.clock.now()});
    if (!invited.ok() && invited.error().code == ErrorCode::AlreadyExists)
      return already_exists(adviser->email + " is already invited to this case");
    TRY(invited);
    TRY(grant_if_possible(context, summary, *adviser));
    return record_action(context, actor, audit_action::kInviteAdviser, summary.code_name);
  });
}

Result<domain::OversightGrant> request_oversight(Context& context, const Actor& actor, const std::string& code_name,
                                                 const std::string& reason, int days) {
  domain::OversightGrant grant;
  // The fields are checked before the case is looked up, so a malformed request
  // cannot tell which code names exist; a well-formed one is recorded for a chair.
  FieldErrors errors;
  const std::string why = trim(reason);
  if (why.empty())
    errors.add("reason", "is required: say what the oversight is for");
  else if (why.size() > 2000 || !is_clean_utf8(why))
    errors.add("reason", "must be at most 2000 bytes of text");
  if (days < 1 || days > 90) errors.add("days", "must be from 1 to 90");
  TRY(errors.result("the oversight request is not valid"));
  // Anyone but a board member meets a missing case, whatever the code names.
  if (!may(context, AccessView{}, actor, Action::RequestOversight, domain::Case{}))
    return find_case_for(context, actor, Action::RequestOversight, code_name).error();

  grant.member_id = actor.member.id;
  grant.reason = why;
  grant.requested_at = context.clock.now();
  grant.days = days;
  TRY(transaction(context, [&]() -> Status {
    // A board member is answered alike whatever the code names: a case they may ask
    // about, a case they are excluded from (a report about them), or no case at all.
    // Only a chair learns which (unmatched_oversight_requests).
    const std::optional<std::string> normal = domain::normalise_case_code_name(code_name);
    auto found =
        normal ? context.store.find_case(actor.community.id, *normal) : Result<domain::Case>(case_not_found(""));
    if (!found.ok() && found.error().code != ErrorCode::NotFound) return found.error();
    ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor.community.id, found.ok() ? found->id : 0));
    if (found.ok() && may(context, view, actor, Action::RequestOversight, *found)) {
      const domain::Case& summary = *found;
      TRY(unlock_case(context, actor, summary));
      TRY(prepare_case_write(context, summary));  // the reason is sealed for the case's holders
      grant.case_id = summary.id;
      ASSIGN_OR_RETURN(grant.id, context.store.insert_oversight_grant(summary, grant));
      return record_action(context, actor, audit_action::kRequestOversight, summary.code_name);
    }
    const std::string asked = normal ? *normal : trim(code_name).substr(0, kLongestCodeAsked);
    TRY(context.store.insert_unmatched_oversight_request(
        {0, actor.community.id, actor.member.id, asked, grant.requested_at, grant.days}));
    return record_action(context, actor, audit_action::kRequestOversight, normal ? *normal : "");
  }));
  return grant;
}

Result<std::vector<UnmatchedOversightRequest>> unmatched_oversight_requests(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, Action::ManageMembers));
  const Timestamp since{context.clock.now().seconds - std::int64_t{kUnmatchedOversightDays} * kSecondsPerDay};
  ASSIGN_OR_RETURN(const std::vector<store::UnmatchedOversightRequest> rows,
                   context.store.unmatched_oversight_requests(actor.community.id, since, kMostUnmatchedOversight));
  std::vector<UnmatchedOversightRequest> requests;
  // The members once, and the relations of each case named (by key), as the trail does.
  ASSIGN_OR_RETURN(AccessView view, load_access_view(context, actor.community.id, 0));
  for (const store::UnmatchedOversightRequest& row : rows) {
    UnmatchedOversightRequest request{{}, row.code_asked, row.requested_at, row.days, false};
    auto found = context.store.find_case(actor.community.id, row.code_asked);
    if (found.ok()) {
      // Names a real case the requester may not ask about: shown only to a chair who
      // may know the case exists.
      ASSIGN_OR_RETURN(view.facts, context.store.load_case_access_facts(found->id));
      if (!may(context, view, actor, Action::ListCases, *found)) continue;
      request.names_a_case = true;
    } else if (found.error().code != ErrorCode::NotFound) {
      return found.error();
    }
    const auto member = std::find_if(view.members.begin(), view.members.end(),
                                     [&](const domain::Member& candidate) { return candidate.id == row.member_id; });
    if (member == view.members.end()) return internal_error("an oversight request names no member");
    request.member = *member;
    requests.push_back(std::move(request));
  }
  return requests;
}

Result<std::vector<domain::OversightGrant>> oversight_requests(Context& context, const Actor& actor,
                                                               const std::string& code_name) {
  ASSIGN_OR_RETURN(const domain::Case summary, find_held_case_for(context, actor, Action::ApproveOversight, code_name));
  ASSIGN_OR_RETURN(std::vector<domain::OversightGrant> grants, context.store.oversight_grants_of_case(summary));
  TRY(record_read(context, actor, audit_action::kListOversight, summary));
  return grants;
}

Status approve_oversight(Context& context, const Actor& actor, const std::string& code_name, std::int64_t grant_id) {
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::ApproveOversight, code_name));
    ASSIGN_OR_RETURN(const std::vector<domain::OversightGrant> grants, context.store.oversight_grants_of_case(summary));
    for (const domain::OversightGrant& grant : grants) {
      if (grant.id != grant_id) continue;
      if (grant.approved_by)
        return failed_precondition("oversight request " + std::to_string(grant_id) + " is already approved");
      TRY(context.store.approve_oversight_grant(grant_id, actor.member.id, context.clock.now()));
      ASSIGN_OR_RETURN(const domain::Member board_member, context.store.find_member_by_id(grant.member_id));
      TRY(grant_if_possible(context, summary, board_member));
      return record_action(context, actor, audit_action::kApproveOversight, summary.code_name);
    }
    return not_found("no oversight request " + std::to_string(grant_id) + " on this case");
  });
}

}  // namespace conduct::app
