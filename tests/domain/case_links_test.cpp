// The rules of linked cases (domain/case_links.h), without storage.
#include "domain/case_links.h"

#include "domain/public_report.h"

#include <gtest/gtest.h>

namespace conduct::domain {
namespace {

Case case_with(std::int64_t id, const std::string& code_name) {
  Case summary;
  summary.id = id;
  summary.code_name = code_name;
  return summary;
}

TEST(CaseLinksRules, ALinkNumbersBothEntriesAndKeepsTheNoteOnBoth) {
  const Case primary = case_with(1, "home shelf"), linked = case_with(2, "quiet fern");
  const CaseLinks none;
  Member actor;
  actor.id = 7;
  auto plan = plan_link({primary, none, 5}, {linked, none, 3}, "  Same meetup. ", actor, Timestamp{100});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->link.linked_case_id, 2);
  EXPECT_EQ(plan->link.primary_case_id, 1);
  EXPECT_EQ(plan->primary_entry.number, 5);
  EXPECT_EQ(plan->linked_entry.number, 3);
  EXPECT_EQ(plan->primary_entry.kind, EntryKind::Link);
  EXPECT_EQ(plan->primary_entry.author_id, 7);
  // Neither entry names the other case: a reader of one may not read the other.
  EXPECT_EQ(plan->primary_entry.body.find("quiet fern"), std::string::npos);
  EXPECT_EQ(plan->linked_entry.body.find("home shelf"), std::string::npos);
  EXPECT_EQ(plan->primary_entry.body,
            "Another case was linked into this one: its reports are about the same incident and are handled "
            "here.\n\nWhy:\nSame meetup.");
  EXPECT_NE(plan->linked_entry.body.find("Why:\nSame meetup."), std::string::npos);

  const std::string control(1, '\x01');
  auto bad_note = plan_link({primary, none, 5}, {linked, none, 3}, control, actor, Timestamp{100});
  ASSERT_FALSE(bad_note.ok());
  EXPECT_EQ(bad_note.error().fields.count("note"), 1u);
}

TEST(CaseLinksRules, ASplitOnlyUndoesALinkThatExists) {
  const Case primary = case_with(1, "home shelf"), linked = case_with(2, "quiet fern");
  CaseLinks into_primary;
  into_primary.primary = 1;
  const CaseLinks none;
  Member actor;
  auto wrong = plan_split({primary, none, 2}, {linked, none, 2}, "Not the same.", actor, Timestamp{1});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields.count("case"), 1u);
  auto right = plan_split({primary, none, 2}, {linked, into_primary, 4}, "Not the same.", actor, Timestamp{1});
  ASSERT_TRUE(right.ok()) << right.error().message;
  EXPECT_EQ(right->linked_entry.number, 4);
}

TEST(CaseLinksRules, TheCasesOfAGroupShareEveryExclusionOnce) {
  const std::vector<Exclusion> recorded = {
      {1, 10, ExclusionReason::Declared, Timestamp{1}, ""},
      {2, 11, ExclusionReason::Party, Timestamp{1}, ""},
      {2, 10, ExclusionReason::Declared, Timestamp{1}, ""},
      {9, 12, ExclusionReason::Declared, Timestamp{1}, ""},  // outside the group
  };
  const std::vector<Exclusion> missing = exclusions_to_share({1, 2, 3}, recorded, Timestamp{50});
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
  for (const Exclusion& exclusion : missing) {
    pairs.push_back({exclusion.case_id, exclusion.member_id});
    EXPECT_EQ(exclusion.reason, ExclusionReason::LinkedCase);
    EXPECT_EQ(exclusion.created_at.seconds, 50);
  }
  const std::vector<std::pair<std::int64_t, std::int64_t>> expected = {{1, 11}, {3, 10}, {3, 11}};
  EXPECT_EQ(pairs, expected);
  EXPECT_TRUE(exclusions_to_share({1}, recorded, Timestamp{50}).empty());
}

TEST(CaseLinksRules, TheReporterOfALinkedCaseReadsTheStateOfTheCaseThatHandlesIt) {
  Case own = case_with(2, "quiet fern");
  Case primary = case_with(1, "home shelf");
  primary.state = CaseState::Investigating;
  EXPECT_EQ(reporter_status_key(own, std::nullopt), "status.received");
  EXPECT_EQ(reporter_status_key(own, primary), "status.looking_into_it");
}

}  // namespace
}  // namespace conduct::domain
