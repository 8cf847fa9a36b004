// Actions taken at once (decisions.h "take_action" to "revise_action";
// domain/unilateral.h): recorded, reported to the group and reviewed by its vote, each
// step in the case's transaction with the votes it settles.
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "app/decision_steps.h"
#include "core/field_errors.h"

namespace conduct::app {
namespace {

// Action `number` as the view shows it; InvalidArgument naming "action" when the case
// has none so numbered.
Result<ActionView> action_in(const DecisionsView& view, int number, const std::string& refused) {
  for (const ActionView& shown : view.actions)
    if (shown.action.number == number) return shown;
  FieldErrors errors;
  errors.add("action", "must be the number of an action of this case");
  TRY(errors.result(refused));
  return internal_error("unreachable");
}

}  // namespace

Result<DecisionsView> take_action(Context& context, const Actor& actor, const std::string& code_name,
                                  const domain::ActionCommand& command) {
  return decide(context, actor, code_name, domain::Action::DecideCase,
                [&](domain::Case& current, const DecisionsView&) -> Status {
                  ASSIGN_OR_RETURN(const int number, context.store.next_action_number(current.id));
                  ASSIGN_OR_RETURN(const int next_entry, context.store.next_entry_number(current));
                  ASSIGN_OR_RETURN(
                      const domain::ActionPlan plan,
                      domain::plan_unilateral_action(current, actor.community.policy, command, actor.member, number,
                                                     next_entry, context.clock.now()));
                  TRY(context.store.append_entry(current, plan.entry));
                  TRY(context.store.insert_action(current, plan.entry.number, plan.action));
                  return record_action(context, actor, audit_action::kTakeAction, current.code_name);
                });
}

Result<DecisionsView> report_action(Context& context, const Actor& actor, const std::string& code_name, int number,
                                    const std::string& text) {
  return decide(
      context, actor, code_name, domain::Action::DecideCase,
      [&](domain::Case& current, const DecisionsView& before) -> Status {
        ASSIGN_OR_RETURN(const ActionView shown, action_in(before, number, "the action could not be reported"));
        const Timestamp now = context.clock.now();
        ASSIGN_OR_RETURN(const int next_entry, context.store.next_entry_number(current));
        ASSIGN_OR_RETURN(const domain::ActionReportPlan plan,
                         domain::plan_action_report(current, shown.action, text, actor.community.policy.voting,
                                                    actor.member, next_entry, now));
        TRY(context.store.append_entry(current, plan.entry));
        TRY(context.store.set_action_status(current.id, number, domain::ActionStatus::UnderReview, now));
        ASSIGN_OR_RETURN(const std::int64_t vote_id, context.store.insert_vote(plan.review));
        (void)vote_id;
        return record_action(context, actor, audit_action::kReportAction, current.code_name);
      });
}

Result<DecisionsView> revise_action(Context& context, const Actor& actor, const std::string& code_name, int number,
                                    const domain::ActionCommand& command) {
  return decide(
      context, actor, code_name, domain::Action::DecideCase,
      [&](domain::Case& current, const DecisionsView& before) -> Status {
        ASSIGN_OR_RETURN(const ActionView original,
                         action_in(before, number, "the revision could not be put to the vote"));
        const Timestamp now = context.clock.now();
        ASSIGN_OR_RETURN(const int revision_number, context.store.next_action_number(current.id));
        ASSIGN_OR_RETURN(const int next_entry, context.store.next_entry_number(current));
        ASSIGN_OR_RETURN(const domain::RevisionPlan plan,
                         domain::plan_action_revision(current, original.action, command, actor.community.policy.voting,
                                                      actor.member, revision_number, next_entry, now));
        for (const ActionView& other : before.actions)
          if (other.action.revises == number && other.action.status == domain::ActionStatus::UnderReview)
            TRY(context.store.set_action_status(current.id, other.action.number, domain::ActionStatus::Superseded,
                                                std::nullopt));
        TRY(context.store.set_action_status(current.id, number, domain::ActionStatus::Revising, std::nullopt));
        TRY(context.store.append_entry(current, plan.entry));
        TRY(context.store.insert_action(current, plan.entry.number, plan.revision));
        ASSIGN_OR_RETURN(const std::int64_t vote_id, context.store.insert_vote(plan.review));
        (void)vote_id;
        return record_action(context, actor, audit_action::kReviseAction, current.code_name);
      });
}

}  // namespace conduct::app
