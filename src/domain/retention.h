// Retention (docs/domain.md "Retention", §3 "Crypto-shredding and backups"): which cases the
// community's policy says must be expunged now, and the anonymous statistics row that
// is all that survives each of them. See retention.cpp for the rule in words.
//
// The rule is pure: the shell loads each case's plain facts (no key is needed, nothing
// sealed is read), asks plan_retention for the plan and applies it (app/retention.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "domain/case.h"
#include "domain/policy.h"
#include "domain/space.h"

namespace conduct::domain {

// A legal hold stops every expunging of the case until a chair lifts it.
struct LegalHold {
  Timestamp since;
  std::int64_t placed_by = 0;  // the chair's member id
};

// A move of the case's state as its timeline records it (the transition entries' plain
// columns).
struct StateChange {
  CaseState from = CaseState::Received;
  CaseState to = CaseState::Received;
  Timestamp at;
};

// What retention knows of one case: plain columns only, readable without any key.
struct CaseRetentionFacts {
  std::int64_t case_id = 0;
  std::int64_t community_id = 0;
  std::string code_name;
  CaseState state = CaseState::Received;
  std::optional<Resolution> resolution;  // with its resolved_at
  Timestamp opened_at;
  std::optional<LegalHold> legal_hold;
  bool escrowed = false;                          // held in escrow: never due while held
  std::optional<std::int64_t> linked_into;        // the case it is linked into (case_links.h)
  std::vector<std::int64_t> reported_person_ids;  // person records of its reported parties
  std::vector<Timestamp> reports_received;        // every report of the case
  // For the statistics row only:
  std::string space_key;
  std::vector<ViolationCategory> categories;
  int people_named = 0;  // parties in the role of reported person
  bool reported_person_flagged = false;
  std::vector<StateChange> transitions;  // in timeline order
};

// The facts a case's own row gives (id, community, code name, state, resolution,
// opening time, space, categories); each store adds the rest from its other rows.
CaseRetentionFacts retention_facts_of(const Case& summary);

// The anonymous row kept for an expunged case (docs/security.md). Nothing in it names the
// case, a person or a place, and nothing links it back to the case.
struct CaseStatistics {
  std::int64_t community_id = 0;
  std::string period;                   // month the case was received: "2024-01"
  std::optional<SpaceKind> space_kind;  // absent when the case names no space the policy knows
  std::vector<ViolationCategory> categories;
  int people_named = 0;
  std::optional<ResolutionSource> resolution_source;
  // Rungs of the enforcement ladder applied (ladder keys). Consequences are not
  // recorded per case yet (a later issue), so this stays empty for now.
  std::vector<std::string> consequence_levels;
  bool flagged = false;                    // a reported person's record is flagged
  bool escalated = false;                  // the case was ever with the board
  std::optional<int> days_to_acknowledge;  // whole days from opening to acknowledgement
  std::optional<int> days_to_resolve;      // whole days from opening to resolution
};

enum class ExpungeRule {
  MinorIncident,  // resolved with no action on anyone's record
  ResolvedCase,   // resolved with action taken
};
std::string_view to_string(ExpungeRule rule);

// One case the policy has finished with.
struct RetentionDecision {
  std::int64_t case_id = 0;
  std::string code_name;
  ExpungeRule rule = ExpungeRule::MinorIncident;
  Timestamp clock_started;  // the resolution, or a later report on the same person
  Timestamp due;            // clock_started plus the policy's period
  // "minor incident, clock started 2024-01-31 (a later report on the same person), due
  // 2026-01-31": plain facts only, safe for logs and the audit trail.
  std::string reason;
};

struct HeldCase {
  RetentionDecision decision;  // what would happen without the hold
  LegalHold hold;
};

struct RetentionPlan {
  struct Expunge {
    RetentionDecision decision;
    CaseStatistics statistics;
  };
  std::vector<Expunge> expunge;  // in the order of the facts given, linked cases first
  std::vector<HeldCase> held;    // due, but under a legal hold
};

// When `start` plus `months` calendar months falls: the same time of day, on the same
// day of the month, or on the month's last day when it is shorter (2024-01-31 plus one
// month is 2024-02-29).
Timestamp add_calendar_months(Timestamp start, int months);

// The cases of one community that are due for expunging at `now` under `policy`, with
// the statistics row each leaves behind, and those a legal hold keeps. `facts` holds
// every case of the community: a report in any of them resets the clock of the minor
// incidents that name the same person.
RetentionPlan plan_retention(const Policy& policy, const std::vector<CaseRetentionFacts>& facts, Timestamp now);

// The statistics row of one case (the plan uses it; exposed for tests).
CaseStatistics statistics_of(const Policy& policy, const CaseRetentionFacts& facts);

}  // namespace conduct::domain
