// Builders shared by the domain tests.
#pragma once

#include <vector>

#include "core/random.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/community.h"
#include "domain/member.h"

namespace conduct::domain::testing {

inline Timestamp test_now() { return *parse_timestamp("2026-11-25T08:00:00Z"); }

// A case being decided whose party 1 is the reporter and party 2 the reported person.
inline CaseRecord case_being_decided() {
  CaseRecord record;
  record.summary.id = 7;
  record.summary.code_name = "home shelf";
  record.summary.state = CaseState::Deciding;
  record.summary.categories = {ViolationCategory::CharacterAttacks};
  Party reporter;
  reporter.number = 1;
  reporter.role = PartyRole::Reporter;
  Party reported;
  reported.number = 2;
  reported.role = PartyRole::ReportedPerson;
  record.parties = {reporter, reported};
  return record;
}

inline Member group_member(Role role = Role::Member) {
  Member member;
  member.id = 7;
  member.community_id = 1;
  member.email = "priya@tidewater.example";
  member.display_name = "Priya Raman";
  member.role = role;
  member.term_start = *parse_date("2026-01-01");
  member.term_end = *parse_date("2026-12-31");
  return member;
}

inline Community test_community() {
  Community community;
  community.id = 1;
  community.slug = "tidewater";
  community.name = "Tidewater Open Source Community";
  community.contact_email = "conduct@tidewater.example";
  community.policy = default_policy();
  return community;
}

// Answers a fixed sequence of numbers, cycling; for deterministic code names.
class SequenceRandom final : public RandomSource {
 public:
  explicit SequenceRandom(std::vector<std::uint32_t> values) : values_(std::move(values)) {}
  std::uint32_t uniform(std::uint32_t upper_bound) override {
    const std::uint32_t value = values_[next_++ % values_.size()];
    return value % upper_bound;
  }

 private:
  std::vector<std::uint32_t> values_;
  std::size_t next_ = 0;
};

}  // namespace conduct::domain::testing
