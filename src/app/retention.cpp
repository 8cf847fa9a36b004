#include "app/retention.h"

#include "app/access.h"
#include "app/audit.h"
#include "app/backup.h"
#include "app/backup_keys.h"
#include "app/communities.h"

namespace conduct::app {
namespace {

// The plan for one community now, from its plain facts.
Result<domain::RetentionPlan> plan_for(Context& context, const domain::Community& community) {
  ASSIGN_OR_RETURN(const std::vector<domain::CaseRetentionFacts> facts,
                   context.store.load_retention_facts(community.id));
  return domain::plan_retention(community.policy, facts, context.clock.now());
}

// Expunges one case if the plan, made again inside the transaction, still says so.
// Answers whether it did. The plan is made again from the facts the case's decision
// depends on (store::RetentionStore::load_retention_facts_around), so the write lock is
// held for one case's worth of work, never for a read of the whole community.
Result<bool> expunge_if_still_due(Context& context, const domain::Community& community, std::int64_t case_id,
                                  std::string_view actor) {
  bool expunged = false;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const std::vector<domain::CaseRetentionFacts> facts,
                     context.store.load_retention_facts_around(case_id));
    const domain::RetentionPlan plan = domain::plan_retention(community.policy, facts, context.clock.now());
    for (const domain::RetentionPlan::Expunge& due : plan.expunge) {
      if (due.decision.case_id != case_id) continue;
      TRY(context.store.expunge_case(case_id, due.statistics));
      // The entry keeps the code name, which was never confidential; the rule that
      // applied is in the run's report, not in the log (it would tell the outcome).
      TRY(record_action(context, actor, community.id, audit_action::kExpungeCase, due.decision.code_name));
      expunged = true;
    }
    return ok_status();
  }));
  return expunged;
}

// Destroys the keys of backups older than the shortest backup horizon, and records it.
Result<std::vector<std::string>> destroy_old_backup_keys(Context& context, const std::string& key_dir,
                                                         std::string_view actor) {
  ASSIGN_OR_RETURN(const int horizon_days, shortest_backup_horizon_days(context));
  ASSIGN_OR_RETURN(const BackupKeyDestruction destruction,
                   destroy_backup_keys_before(key_dir, backup_key_cutoff(context.clock.now(), horizon_days)));
  std::vector<std::string> destroyed;
  for (const DestroyedBackupKey& key : destruction.destroyed) destroyed.push_back(key.backup_id);
  if (!destroyed.empty())
    TRY(transaction(context, [&] { return record_action(context, actor, 0, audit_action::kDestroyBackupKeys, ""); }));
  return destroyed;
}

RetentionReport::Case reported(const domain::Community& community, const domain::RetentionDecision& decision) {
  return RetentionReport::Case{community.slug, decision.code_name, decision.rule, decision.reason};
}

Result<std::vector<domain::Community>> communities_to_run(Context& context, const std::optional<std::string>& slug) {
  if (slug) {
    ASSIGN_OR_RETURN(domain::Community community, load_community(context, *slug));
    return std::vector<domain::Community>{std::move(community)};
  }
  std::vector<domain::Community> communities;
  ASSIGN_OR_RETURN(const std::vector<domain::Community> listed, list_communities(context));
  for (const domain::Community& listed_one : listed) {
    ASSIGN_OR_RETURN(domain::Community community, load_community(context, listed_one.slug));
    communities.push_back(std::move(community));
  }
  return communities;
}

// The case `code_name` names, with its hold, if the actor may do `action` on it.
struct HoldTarget {
  domain::Case summary;
  std::optional<domain::LegalHold> hold;
};
Result<HoldTarget> hold_target(Context& context, const Actor& actor, domain::Action action,
                               const std::string& code_name) {
  HoldTarget target;
  ASSIGN_OR_RETURN(target.summary, find_case_for(context, actor, action, code_name));
  ASSIGN_OR_RETURN(target.hold, context.store.find_legal_hold(target.summary.id));
  return target;
}

}  // namespace

Result<RetentionReport> run_retention(Context& context, const std::optional<std::string>& community_slug,
                                      RetentionMode mode, const RetentionOptions& options) {
  RetentionReport report;
  report.mode = mode;
  ASSIGN_OR_RETURN(const std::vector<domain::Community> communities, communities_to_run(context, community_slug));
  for (const domain::Community& community : communities) {
    ASSIGN_OR_RETURN(const domain::RetentionPlan plan, plan_for(context, community));
    for (const domain::HeldCase& held : plan.held) report.held.push_back(reported(community, held.decision));
    for (const domain::RetentionPlan::Expunge& due : plan.expunge) {
      if (mode == RetentionMode::DryRun) {
        report.expunged.push_back(reported(community, due.decision));
        continue;
      }
      ASSIGN_OR_RETURN(const bool expunged,
                       expunge_if_still_due(context, community, due.decision.case_id, options.actor));
      if (!expunged) continue;
      context.keyring.forget(community.id, due.decision.code_name);
      report.expunged.push_back(reported(community, due.decision));
    }
  }
  if (mode == RetentionMode::Expunge && !report.expunged.empty()) TRY(context.store.purge_deleted_content());
  if (mode == RetentionMode::Expunge && options.backup_key_dir) {
    ASSIGN_OR_RETURN(report.destroyed_backup_keys,
                     destroy_old_backup_keys(context, *options.backup_key_dir, options.actor));
  }
  return report;
}

Result<domain::LegalHold> place_legal_hold(Context& context, const Actor& actor, const std::string& code_name) {
  domain::LegalHold hold{context.clock.now(), actor.member.id};
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const HoldTarget target, hold_target(context, actor, domain::Action::PlaceLegalHold, code_name));
    if (target.hold)
      return failed_precondition("the case is already under a legal hold, since " +
                                 format_timestamp(target.hold->since));
    TRY(context.store.save_legal_hold(target.summary.id, hold));
    return record_action(context, actor, audit_action::kPlaceLegalHold, target.summary.code_name);
  }));
  return hold;
}

Status lift_legal_hold(Context& context, const Actor& actor, const std::string& code_name) {
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const HoldTarget target, hold_target(context, actor, domain::Action::LiftLegalHold, code_name));
    if (!target.hold) return failed_precondition("the case is not under a legal hold");
    TRY(context.store.save_legal_hold(target.summary.id, std::nullopt));
    return record_action(context, actor, audit_action::kLiftLegalHold, target.summary.code_name);
  });
}

}  // namespace conduct::app
