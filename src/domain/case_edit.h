// Plans: what a use case will change, computed by the domain and applied by src/app in
// one transaction (the leveldb VersionEdit pattern). A plan is a plain value, so tests
// can inspect it without a store.
#pragma once

#include <optional>
#include <vector>

#include "domain/case.h"

namespace conduct::domain {

// A change to an existing case: an optional new state (and resolution), new flags, and
// entries to append to its timeline. Entries carry their numbers already; the store refuses a
// number that is taken, so two concurrent writers cannot interleave silently.
struct CaseEdit {
  std::optional<CaseState> new_state;
  std::optional<Resolution> resolution;
  // The case's flags as they become, when they change (plan_flags_change).
  std::optional<bool> ongoing;
  std::optional<bool> physical_danger;
  std::vector<TimelineEntry> new_entries;
};

// A party to record with a new case. A reported person with no existing person record
// gets a new one (`needs_person_record`); the shell draws its code name.
struct PlannedParty {
  Party party;
  bool needs_person_record = false;
};

// A new case with its first report.
struct NewCasePlan {
  Case summary;
  Report report;
  std::vector<PlannedParty> parties;
  std::vector<TimelineEntry> timeline;  // the report entry first
};

}  // namespace conduct::domain
