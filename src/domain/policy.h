// A community's policy: every rule of the procedure that differs between communities,
// as data. The defaults here follow reference/ (enforcement-manual.md,
// working-group-manual.md, enforcement-ladder.md, membership.md); policies/default.toml
// spells them out and policies/two-thirds-weekly.toml is the shipped variant.
// src/app/policy_file.cpp reads the TOML; this header only holds the values and checks
// that they make sense together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/rate_limit.h"
#include "domain/sign_in.h"
#include "domain/space.h"
#include "domain/violation.h"

namespace conduct::domain {

// The procedure's clocks. Each is measured from the event that starts it.
struct Deadlines {
  int acknowledge_hours = 24;        // receipt confirmed to the reporter
  int initial_response_days = 7;     // first substantive answer to the reporter
  int reporter_update_days = 14;     // keep the reporter informed while the case is open
  int unilateral_report_hours = 24;  // a member acting alone reports to the group
  int feedback_days = 7;             // affected parties answer a proposed resolution
  int response_days = 7;             // a reported person answers what was reported
  int board_report_days = 30;        // report to the board after resolution
};

enum class VoteRule {
  ConsensusThenTwoThirds,  // consensus first; failing it, two-thirds of eligible members
  TwoThirdsOnly,           // skip the consensus step
};

struct VotingPolicy {
  VoteRule rule = VoteRule::ConsensusThenTwoThirds;
  // Quorum is reached when more than this share of the eligible members have voted.
  double quorum_share = 0.5;
  // Fewer eligible voters than this sends the matter to the board.
  int minimum_eligible = 3;
  // Severe cases (ladder rank >= this) need a majority of all voting members, not only
  // of the eligible ones. Absent: no such rule.
  std::optional<int> all_members_majority_from_rank;
  int default_vote_days = 7;
  // Categories for which a proposal may go to a vote without the reported person having
  // been given the chance to respond (domain/response.h). Empty: none.
  std::vector<ViolationCategory> no_response_needed_for;
};

// One rung of the enforcement ladder (enforcement-ladder.md). `rank` orders rungs: 0 is
// "no sanction" outcomes, higher is more severe. Durations are in days; absent means
// the rung has no duration (a warning) or no upper bound (an extended suspension).
struct LadderLevel {
  std::string key;   // "warning", "temporary-suspension", …
  std::string name;  // "Warning"
  int rank = 0;
  std::optional<int> minimum_days;
  std::optional<int> maximum_days;
  bool requires_readmission_request = false;
  bool requires_conditions = false;
};

struct RetentionPolicy {
  int minor_incident_months = 24;  // clock reset by a new report on the same person
  int resolved_case_years = 7;
  int backup_horizon_days = 90;
};

struct MembershipPolicy {
  int term_months = 12;
  int renewal_answer_days = 7;
  int inactivity_days = 90;
  int minimum_active_members = 3;
};

// Reports from people without an account (the public form, the portal): how often a
// stranger may send one or guess a receipt, and who hears of a new report.
enum class NotifyOnReport {
  Chairs,   // the active chairs and vice-chairs the report does not exclude
  Members,  // every active working group member the report does not exclude
};
struct IntakePolicy {
  RateLimit reports_per_address{10, 3600};
  RateLimit reports_overall{600, 3600};
  RateLimit receipt_failures_per_address{10, 3600};
  RateLimit receipt_failures_overall{300, 3600};
  NotifyOnReport notify = NotifyOnReport::Chairs;
  int portal_session_minutes = 30;  // a reporter's portal session unused this long ends
  // Files a reporter sends with a report or a portal message: how many at most (0: the
  // form takes none), and their bytes together. Each file also keeps to
  // evidence_max_bytes. The server reads such a body whole, from anyone, so the ceiling
  // is lower than a member's (kLargestReporterFilesBytes).
  int reporter_files_most = 5;
  std::int64_t reporter_files_max_bytes = 20 * 1024 * 1024;
};
inline constexpr int kMostReporterFiles = 20;
inline constexpr std::int64_t kLargestReporterFilesBytes = 64 * 1024 * 1024;

// Evidence files: the largest a member may attach (the whole file, in bytes). The
// server reads a request body this large whole before sealing it, so the ceiling
// keeps one upload from filling the server's memory.
inline constexpr std::int64_t kDefaultEvidenceMaxBytes = 10 * 1024 * 1024;
inline constexpr std::int64_t kLargestEvidenceMaxBytes = 256 * 1024 * 1024;

// What a new report by mail does: open a case at once (acknowledged), or wait in the
// quarantine for a chair's triage (filed into a case, which acknowledges it, or
// discarded), for a group whose address draws more than reports.
enum class NewMailReports { OpenCase, AwaitTriage };

// Mail: the kinds of recipient whose drafts need a second member's approval before
// they are sent (domain/drafts.h), and what a new report by mail does.
struct MailPolicy {
  std::vector<std::string> review_before_sending = {"reported-person", "moderators", "event-organisers"};
  NewMailReports new_reports = NewMailReports::OpenCase;
};

struct Policy {
  std::string name;         // "default"
  std::string description;  // one line, shown to administrators
  std::vector<Space> spaces;
  Deadlines deadlines;
  VotingPolicy voting;
  std::vector<LadderLevel> ladder;  // sanction rungs, ascending rank
  RetentionPolicy retention;
  MembershipPolicy membership;
  SignInPolicy sign_in;
  IntakePolicy intake;
  MailPolicy mail;
  int statistics_suppression_threshold = 3;  // counts below this are shown as "fewer than N"
  bool require_second_factor = true;
  std::int64_t evidence_max_bytes = kDefaultEvidenceMaxBytes;  // 1 byte to kLargestEvidenceMaxBytes
  // How long the answer of a write sent with an Idempotency-Key is kept for a retry
  // (1 to kLongestIdempotencyHours).
  int idempotency_hours = 24;
};
inline constexpr int kLongestIdempotencyHours = 720;

// The policy that follows reference/ to the letter; policies/default.toml matches it.
Policy default_policy();

// Checks that the values are usable and consistent: positive deadlines, a quorum share
// in [0, 1), ladder keys unique and ranks ascending, durations ordered, space keys
// unique and well-formed. Every problem is reported, by its dotted TOML path.
Status validate_policy(const Policy& policy);

const LadderLevel* find_ladder_level(const Policy& policy, std::string_view key);

}  // namespace conduct::domain
