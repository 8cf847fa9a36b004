#include "app/conflicts.h"

#include <limits>

#include "app/access.h"
#include "core/field_errors.h"
#include "core/text.h"

namespace conduct::app {

using domain::Action;

Status record_known_conflicts(Context& context, const domain::Case& owner, const std::vector<domain::Party>& parties,
                              const std::vector<domain::Member>& members) {
  ASSIGN_OR_RETURN(const domain::AccessFacts facts, context.store.load_access_facts(owner.community_id));
  const domain::IntakeConflicts found =
      domain::conflicts_at_intake(owner.id, parties, members, context.clock.now());
  const auto recorded = [&](const auto& rows, std::int64_t member_id) {
    for (const auto& row : rows)
      if (row.case_id == owner.id && row.member_id == member_id) return true;
    return false;
  };
  for (const domain::Exclusion& exclusion : found.exclusions)
    if (!recorded(facts.exclusions, exclusion.member_id)) TRY(context.store.insert_exclusion(owner, exclusion));
  for (const domain::PossibleConflict& possible : found.possible_conflicts)
    if (!recorded(facts.possible_conflicts, possible.member_id) && !recorded(facts.exclusions, possible.member_id))
      TRY(context.store.insert_possible_conflict(possible));
  return ok_status();
}

Status declare_conflict(Context& context, const Actor& actor, const std::string& code_name, const std::string& note) {
  return context.store.in_transaction([&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::DeclareConflict, code_name));
    ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor));
    const bool confirming = relation_to(context, view, actor, summary).possible_conflict;
    ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(summary));
    domain::ConflictDeclaration declaration =
        domain::plan_conflict_declaration(summary, actor.member, note, next_number, context.clock.now());
    if (confirming) {
      declaration.exclusion.reason = domain::ExclusionReason::SharedEmployer;
      TRY(context.store.delete_possible_conflict(summary.id, actor.member.id));
    }
    TRY(context.store.insert_exclusion(summary, declaration.exclusion));
    return context.store.append_entry(summary, declaration.entry);
  });
}

Result<std::vector<ScreeningItem>> cases_to_screen(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, Action::ListCases));
  store::CaseFilter everything;
  everything.limit = std::numeric_limits<std::int64_t>::max();
  ASSIGN_OR_RETURN(const std::vector<domain::Case> all, context.store.list_cases(actor.community.id, everything));
  ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor));
  std::vector<ScreeningItem> items;
  for (const domain::Case& summary : all) {
    if (!may(context, view, actor, Action::ScreenCase, summary)) continue;
    items.push_back({summary, relation_to(context, view, actor, summary).possible_conflict});
  }
  return items;
}

Status clear_case(Context& context, const Actor& actor, const std::string& code_name) {
  return context.store.in_transaction([&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::ScreenCase, code_name));
    ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor));
    const domain::CaseRelation relation = relation_to(context, view, actor, summary);
    if (relation.possible_conflict) TRY(context.store.delete_possible_conflict(summary.id, actor.member.id));
    if (relation.must_screen)
      TRY(context.store.insert_screening({summary.id, actor.member.id, context.clock.now()}));
    return ok_status();
  });
}

Result<std::vector<AccessRequest>> access_requests(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, Action::ListCases));
  ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor));
  store::CaseFilter everything;
  everything.limit = std::numeric_limits<std::int64_t>::max();
  ASSIGN_OR_RETURN(const std::vector<domain::Case> all, context.store.list_cases(actor.community.id, everything));
  std::vector<AccessRequest> requests;
  for (const domain::Screening& screening : view.facts.screenings) {
    if (screening.approved_by) continue;
    for (const domain::Case& summary : all) {
      if (summary.id != screening.case_id || !may(context, view, actor, Action::ApproveAccess, summary)) continue;
      for (const domain::Member& member : view.members)
        if (member.id == screening.member_id) requests.push_back({summary, member, screening.screened_at});
    }
  }
  return requests;
}

Status approve_access(Context& context, const Actor& actor, const std::string& code_name, const std::string& email) {
  return context.store.in_transaction([&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::ApproveAccess, code_name));
    ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor));
    for (const domain::Screening& screening : view.facts.screenings) {
      if (screening.case_id != summary.id || screening.approved_by) continue;
      for (const domain::Member& member : view.members)
        if (member.id == screening.member_id && member.email == to_lower_ascii(trim(email)))
          return context.store.approve_screening(summary.id, member.id, actor.member.id, context.clock.now());
    }
    return not_found("no member waits for access to this case under that email");
  });
}

Status invite_adviser(Context& context, const Actor& actor, const std::string& code_name, const std::string& email) {
  return context.store.in_transaction([&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::InviteAdviser, code_name));
    auto adviser = context.store.find_member(actor.community.id, to_lower_ascii(trim(email)));
    if (!adviser.ok() || adviser->role != domain::Role::Adviser ||
        !domain::is_active_on(*adviser, date_of(context.clock.now())))
      return field_error("adviser", "must be the email of an active adviser");
    auto invited = context.store.insert_invitation({summary.id, adviser->id, actor.member.id, context.clock.now()});
    if (!invited.ok() && invited.error().code == ErrorCode::AlreadyExists)
      return already_exists(adviser->email + " is already invited to this case");
    return invited;
  });
}

Result<domain::OversightGrant> request_oversight(Context& context, const Actor& actor, const std::string& code_name,
                                                 const std::string& reason, int days) {
  domain::OversightGrant grant;
  // The fields are checked before the case is looked up, so a malformed request
  // cannot tell which code names exist; a well-formed one is recorded for a chair.
  FieldErrors errors;
  const std::string why = trim(reason);
  if (why.empty()) errors.add("reason", "is required: say what the oversight is for");
  else if (why.size() > 2000 || !is_clean_utf8(why)) errors.add("reason", "must be at most 2000 bytes of text");
  if (days < 1 || days > 90) errors.add("days", "must be from 1 to 90");
  TRY(errors.result("the oversight request is not valid"));
  TRY(context.store.in_transaction([&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::RequestOversight, code_name));
    grant.case_id = summary.id;
    grant.member_id = actor.member.id;
    grant.reason = why;
    grant.requested_at = context.clock.now();
    grant.days = days;
    ASSIGN_OR_RETURN(grant.id, context.store.insert_oversight_grant(summary, grant));
    return ok_status();
  }));
  return grant;
}

Result<std::vector<domain::OversightGrant>> oversight_requests(Context& context, const Actor& actor,
                                                              const std::string& code_name) {
  ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::ApproveOversight, code_name));
  return context.store.oversight_grants_of_case(summary);
}

Status approve_oversight(Context& context, const Actor& actor, const std::string& code_name, std::int64_t grant_id) {
  return context.store.in_transaction([&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, Action::ApproveOversight, code_name));
    ASSIGN_OR_RETURN(const std::vector<domain::OversightGrant> grants, context.store.oversight_grants_of_case(summary));
    for (const domain::OversightGrant& grant : grants) {
      if (grant.id != grant_id) continue;
      if (grant.approved_by) return failed_precondition("oversight request " + std::to_string(grant_id) + " is already approved");
      return context.store.approve_oversight_grant(grant_id, actor.member.id, context.clock.now());
    }
    return not_found("no oversight request " + std::to_string(grant_id) + " on this case");
  });
}

}  // namespace conduct::app
