#include "domain/policy.h"

#include <set>

#include "core/field_errors.h"
#include "domain/slug.h"

namespace conduct::domain {

Policy default_policy() {
  Policy policy;
  policy.name = "default";
  policy.description = "Consensus, then two-thirds of members without a conflict; acknowledge within a day.";
  policy.spaces = {
      {"forum", SpaceKind::Forum, "Forum"},
      {"chat", SpaceKind::Chat, "Chat"},
      {"mailing-lists", SpaceKind::MailingList, "Mailing lists"},
      {"code-hosting", SpaceKind::CodeHosting, "Code hosting and issue tracker"},
      {"social-media", SpaceKind::SocialMedia, "Official social media"},
      {"events", SpaceKind::Event, "Events"},
      {"affiliated-programs", SpaceKind::AffiliatedProgram, "Affiliated programs and communities"},
      {"representation", SpaceKind::OfficialRepresentation, "Representing the community"},
  };
  policy.ladder = {
      {"warning", "Warning", 1, std::nullopt, std::nullopt, false, false},
      {"temporary-suspension", "Temporary suspension", 2, 30, 90, true, false},
      {"extended-suspension", "Extended suspension", 3, 90, std::nullopt, true, true},
      {"permanent-ban", "Permanent ban", 4, std::nullopt, std::nullopt, false, false},
  };
  return policy;
}

Status validate_policy(const Policy& policy) {
  FieldErrors errors;
  if (!is_slug(policy.name)) errors.add("name", "must be lower-case letters, digits and dashes");

  const Deadlines& d = policy.deadlines;
  const std::pair<const char*, int> deadlines[] = {
      {"deadlines.acknowledge_hours", d.acknowledge_hours},
      {"deadlines.initial_response_days", d.initial_response_days},
      {"deadlines.reporter_update_days", d.reporter_update_days},
      {"deadlines.unilateral_report_hours", d.unilateral_report_hours},
      {"deadlines.feedback_days", d.feedback_days},
      {"deadlines.response_days", d.response_days},
      {"deadlines.board_report_days", d.board_report_days},
      {"voting.default_vote_days", policy.voting.default_vote_days},
      {"membership.term_months", policy.membership.term_months},
      {"membership.renewal_answer_days", policy.membership.renewal_answer_days},
      {"membership.inactivity_days", policy.membership.inactivity_days},
      {"retention.minor_incident_months", policy.retention.minor_incident_months},
      {"retention.resolved_case_years", policy.retention.resolved_case_years},
      {"retention.backup_horizon_days", policy.retention.backup_horizon_days},
      {"sign_in.session_idle_minutes", policy.sign_in.session_idle_minutes},
      {"sign_in.session_absolute_hours", policy.sign_in.session_absolute_hours},
      {"sign_in.enrolment_link_hours", policy.sign_in.enrolment_link_hours},
      {"sign_in.failure_decay_seconds", policy.sign_in.failure_decay_seconds},
      {"sign_in.warn_chairs_after_failures", policy.sign_in.warn_chairs_after_failures},
      {"sign_in.password_failures_end_session", policy.sign_in.password_failures_end_session},
      {"intake.reports_per_address_per_hour", policy.intake.reports_per_address.most},
      {"intake.reports_per_hour", policy.intake.reports_overall.most},
      {"intake.receipt_failures_per_address_per_hour", policy.intake.receipt_failures_per_address.most},
      {"intake.receipt_failures_per_hour", policy.intake.receipt_failures_overall.most},
      {"intake.portal_session_minutes", policy.intake.portal_session_minutes},
  };
  for (const auto& [field, value] : deadlines)
    if (value <= 0) errors.add(field, "must be a positive number");

  if (!(policy.voting.quorum_share >= 0.0 && policy.voting.quorum_share < 1.0))
    errors.add("voting.quorum_share", "must be at least 0 and less than 1");
  if (policy.voting.minimum_eligible < 1) errors.add("voting.minimum_eligible", "must be at least 1");
  if (policy.membership.minimum_active_members < 1)
    errors.add("membership.minimum_active_members", "must be at least 1");
  if (policy.sign_in.totp_window_steps < 0 || policy.sign_in.totp_window_steps > 10)
    errors.add("sign_in.totp_window_steps", "must be from 0 to 10");
  if (policy.sign_in.backoff_seconds.empty()) errors.add("sign_in.backoff_seconds", "must list at least one delay");
  for (int delay : policy.sign_in.backoff_seconds)
    if (delay < 0 || delay > 86400) errors.add("sign_in.backoff_seconds", "each delay must be from 0 to 86400 seconds");
  if (policy.evidence_max_bytes < 1 || policy.evidence_max_bytes > kLargestEvidenceMaxBytes)
    errors.add("evidence_max_bytes", "must be from 1 to " + std::to_string(kLargestEvidenceMaxBytes) + " (256 MiB)");
  if (policy.intake.reporter_files_most < 0 || policy.intake.reporter_files_most > kMostReporterFiles)
    errors.add("intake.reporter_files_most", "must be from 0 to " + std::to_string(kMostReporterFiles));
  if (policy.intake.reporter_files_max_bytes < 1 || policy.intake.reporter_files_max_bytes > kLargestReporterFilesBytes)
    errors.add("intake.reporter_files_max_bytes",
               "must be from 1 to " + std::to_string(kLargestReporterFilesBytes) + " (64 MiB)");
  if (policy.statistics_suppression_threshold < 1) errors.add("statistics_suppression_threshold", "must be at least 1");
  if (policy.idempotency_hours < 1 || policy.idempotency_hours > kLongestIdempotencyHours)
    errors.add("idempotency_hours", "must be from 1 to " + std::to_string(kLongestIdempotencyHours) + " (30 days)");

  if (policy.spaces.empty()) errors.add("spaces", "must list at least one covered space");
  std::set<std::string> space_keys;
  for (std::size_t i = 0; i < policy.spaces.size(); ++i) {
    const Space& space = policy.spaces[i];
    const std::string path = "spaces[" + std::to_string(i) + "]";
    if (!is_slug(space.key))
      errors.add(path + ".key", "must be lower-case letters, digits and dashes");
    else if (!space_keys.insert(space.key).second)
      errors.add(path + ".key", "repeats '" + space.key + "'");
    if (space.name.empty()) errors.add(path + ".name", "is required");
  }

  if (policy.ladder.empty()) errors.add("ladder", "must have at least one level");
  std::set<std::string> level_keys;
  int previous_rank = 0;
  for (std::size_t i = 0; i < policy.ladder.size(); ++i) {
    const LadderLevel& level = policy.ladder[i];
    const std::string path = "ladder[" + std::to_string(i) + "]";
    if (!is_slug(level.key))
      errors.add(path + ".key", "must be lower-case letters, digits and dashes");
    else if (!level_keys.insert(level.key).second)
      errors.add(path + ".key", "repeats '" + level.key + "'");
    if (level.name.empty()) errors.add(path + ".name", "is required");
    if (level.rank <= previous_rank) errors.add(path + ".rank", "must be greater than the level before it");
    previous_rank = level.rank;
    if (level.minimum_days && *level.minimum_days <= 0) errors.add(path + ".minimum_days", "must be positive");
    if (level.minimum_days && level.maximum_days && *level.maximum_days < *level.minimum_days)
      errors.add(path + ".maximum_days", "must not be less than minimum_days");
  }
  return errors.result("the policy is not valid");
}

const LadderLevel* find_ladder_level(const Policy& policy, std::string_view key) {
  for (const LadderLevel& level : policy.ladder)
    if (level.key == key) return &level;
  return nullptr;
}

}  // namespace conduct::domain
