// The rules of conflicts.cpp, table by table: how a member stands towards a case
// (relation_of), which conflicts intake finds by itself (conflicts_at_intake), and what
// declaring a conflict records (plan_conflict_declaration).
#include "domain/conflicts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace conduct::domain {
namespace {

using testing::group_member;
using testing::test_now;

constexpr std::int64_t kCase = 40;
constexpr std::int64_t kOther = 41;
constexpr std::int64_t kDay = 86'400;

Member member(std::int64_t id, Role role, Timestamp joined_at) {
  Member made = group_member(role);
  made.id = id;
  made.joined_at = joined_at;
  return made;
}

Case the_case(Timestamp opened_at) {
  Case summary;
  summary.id = kCase;
  summary.community_id = 1;
  summary.code_name = "home shelf";
  summary.opened_at = opened_at;
  return summary;
}

// One relation flag per column, in this order, for the expectation strings below:
// excluded, must_screen, awaiting_approval, possible_conflict, invited, oversight,
// routed_to_board. 'x' is set, '.' is not.
std::string flags_of(const CaseRelation& relation) {
  std::string flags;
  for (const bool flag : {relation.excluded, relation.must_screen, relation.awaiting_approval,
                          relation.possible_conflict, relation.invited, relation.oversight, relation.routed_to_board})
    flags += flag ? 'x' : '.';
  return flags;
}

TEST(RelationOf, EachRecordedFactSetsItsOwnFlagAndOnlyForItsCaseAndMember) {
  const Timestamp now = test_now();
  const Timestamp opened{now.seconds - 10 * kDay};
  const Timestamp before{opened.seconds - kDay};
  const Timestamp after{opened.seconds + kDay};
  const Member chair = member(1, Role::Chair, before);
  const Member vice = member(2, Role::ViceChair, before);
  const Member subject = member(7, Role::Member, before);
  const Member newcomer = member(7, Role::Member, after);

  OversightGrant active;
  active.case_id = kCase;
  active.member_id = 7;
  active.requested_at = Timestamp{now.seconds - 2 * kDay};
  active.days = 7;
  active.approved_by = 1;
  active.approved_at = active.requested_at;
  OversightGrant expired = active;
  expired.days = 1;
  OversightGrant unapproved = active;
  unapproved.approved_by.reset();
  unapproved.approved_at.reset();
  OversightGrant elsewhere = active;
  elsewhere.case_id = kOther;

  struct Row {
    std::string name;
    Member who;
    AccessFacts facts;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"nothing recorded", subject, {}, "......."},
      {"an exclusion", subject, {{{kCase, 7, ExclusionReason::Declared, now, ""}}}, "x......"},
      {"an exclusion of another member", subject, {{{kCase, 9, ExclusionReason::Party, now, ""}}}, "......."},
      {"an exclusion from another case", subject, {{{kOther, 7, ExclusionReason::Party, now, ""}}}, "......."},
      {"a possible conflict", subject, {{}, {{kCase, 7, now}}}, "...x..."},
      {"joined after the case was opened", newcomer, {}, ".x....."},
      {"joined after, screened, not approved",
       newcomer,
       {{}, {}, {{kCase, 7, now, std::nullopt, std::nullopt}}},
       "..x...."},
      {"joined after, screened and approved", newcomer, {{}, {}, {{kCase, 7, now, 1, now}}}, "......."},
      {"joined before: a screening changes nothing",
       subject,
       {{}, {}, {{kCase, 7, now, std::nullopt, std::nullopt}}},
       "......."},
      {"invited", subject, {{}, {}, {}, {{kCase, 7, 1, now}}}, "....x.."},
      {"invited to another case", subject, {{}, {}, {}, {{kOther, 7, 1, now}}}, "......."},
      {"an approved grant within its days", subject, {{}, {}, {}, {}, {active}}, ".....x."},
      {"a grant past its days", subject, {{}, {}, {}, {}, {expired}}, "......."},
      {"a grant not approved", subject, {{}, {}, {}, {}, {unapproved}}, "......."},
      {"a grant on another case", subject, {{}, {}, {}, {}, {elsewhere}}, "......."},
      {"one of two chairs excluded", subject, {{{kCase, 1, ExclusionReason::Party, now, ""}}}, "......."},
      {"both chairs excluded: routed to the board",
       subject,
       {{{kCase, 1, ExclusionReason::Party, now, ""}, {kCase, 2, ExclusionReason::Declared, now, ""}}},
       "......x"},
  };
  const std::vector<Member> members = {chair, vice, subject};
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const CaseRelation relation = relation_of(row.who, the_case(opened), row.facts, members, now);
    EXPECT_TRUE(relation.concerns_case);
    EXPECT_EQ(flags_of(relation), row.expected);
  }
}

TEST(RelationOf, OnlyActiveChairsCountForRoutingToTheBoard) {
  const Timestamp now = test_now();
  Member chair = member(1, Role::Chair, Timestamp{0});
  Member former_chair = member(2, Role::ViceChair, Timestamp{0});
  former_chair.status = MemberStatus::Former;
  Member ended_chair = member(3, Role::Chair, Timestamp{0});
  ended_chair.term_end = Date{date_of(now).days - 1};
  const Member subject = member(7, Role::BoardMember, Timestamp{0});
  const AccessFacts chair_excluded{{{kCase, 1, ExclusionReason::Party, now, ""}}};
  struct Row {
    std::string name;
    std::vector<Member> members;
    bool routed;
  };
  const std::vector<Row> rows = {
      {"the one active chair excluded; a former and an ended chair do not count",
       {chair, former_chair, ended_chair, subject},
       true},
      {"no chair at all: nothing to route", {subject}, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(relation_of(subject, the_case(Timestamp{0}), chair_excluded, row.members, now).routed_to_board,
              row.routed);
  }
}

PartyMatchKeys party(PartyRole role, std::string contact, std::string name = "", std::string employer = "") {
  return PartyMatchKeys{role, std::move(contact), std::move(name), std::move(employer)};
}

MemberMatchKeys keys(std::int64_t id, std::vector<std::string> contacts, std::string name = "",
                     std::string employer = "") {
  return MemberMatchKeys{id, std::move(contacts), std::move(name), std::move(employer)};
}

TEST(ConflictsAtIntake, MatchesExcludeNamedPeopleAndAskAboutSharedEmployers) {
  const Timestamp now = test_now();
  struct Row {
    std::string name;
    std::vector<PartyMatchKeys> parties;
    MemberMatchKeys member;
    std::string expected;  // "excluded:<reason>", "possible" or "none"
  };
  const std::vector<Row> rows = {
      {"no match", {party(PartyRole::Reporter, "noor")}, keys(7, {"priya"}), "none"},
      {"the member's email is the reporter's",
       {party(PartyRole::Reporter, "priya")},
       keys(7, {"priya"}),
       "excluded:party"},
      {"a handle of the member is a witness's",
       {party(PartyRole::Witness, "@pr")},
       keys(7, {"priya", "@pr"}),
       "excluded:party"},
      {"the member is the reported person, by contact",
       {party(PartyRole::ReportedPerson, "@pr")},
       keys(7, {"priya", "@pr"}),
       "excluded:named-as-reported"},
      {"the member is the reported person, by name",
       {party(PartyRole::ReportedPerson, "", "priya raman")},
       keys(7, {"priya"}, "priya raman"),
       "excluded:named-as-reported"},
      {"a reporter's name alone does not exclude",
       {party(PartyRole::Reporter, "", "priya raman")},
       keys(7, {"priya"}, "priya raman"),
       "none"},
      {"named as reported wins over being a party",
       {party(PartyRole::Witness, "priya"), party(PartyRole::ReportedPerson, "priya")},
       keys(7, {"priya"}),
       "excluded:named-as-reported"},
      {"a shared employer asks",
       {party(PartyRole::ReportedPerson, "@x", "", "acme")},
       keys(7, {"priya"}, "", "acme"),
       "possible"},
      {"an exclusion makes the shared employer moot",
       {party(PartyRole::Reporter, "priya", "", "acme")},
       keys(7, {"priya"}, "", "acme"),
       "excluded:party"},
      {"empty keys never match", {party(PartyRole::ReportedPerson, "", "", "")}, keys(7, {""}, "", ""), "none"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const IntakeConflicts found = conflicts_at_intake(kCase, row.parties, {row.member}, now);
    std::string outcome = "none";
    if (!found.exclusions.empty()) {
      ASSERT_EQ(found.exclusions.size(), 1u);
      EXPECT_EQ(found.exclusions.front().case_id, kCase);
      EXPECT_EQ(found.exclusions.front().member_id, 7);
      EXPECT_EQ(found.exclusions.front().created_at, now);
      outcome = "excluded:" + std::string(to_string(found.exclusions.front().reason));
    }
    if (!found.possible_conflicts.empty()) {
      ASSERT_EQ(found.possible_conflicts.size(), 1u);
      EXPECT_EQ(found.possible_conflicts.front().member_id, 7);
      outcome = outcome == "none" ? "possible" : outcome + "+possible";
    }
    EXPECT_EQ(outcome, row.expected);
  }
}

TEST(ConflictsAtIntake, EachMemberIsJudgedOnItsOwn) {
  const IntakeConflicts found = conflicts_at_intake(
      kCase, {party(PartyRole::Reporter, "priya"), party(PartyRole::ReportedPerson, "@x", "", "acme")},
      {keys(7, {"priya"}), keys(8, {"jonas"}, "", "acme"), keys(9, {"mei"})}, test_now());
  ASSERT_EQ(found.exclusions.size(), 1u);
  EXPECT_EQ(found.exclusions.front().member_id, 7);
  ASSERT_EQ(found.possible_conflicts.size(), 1u);
  EXPECT_EQ(found.possible_conflicts.front().member_id, 8);
}

TEST(PlanConflictDeclaration, RecordsTheExclusionAndAnEntryThatSaysNoMore) {
  const Timestamp now = test_now();
  const Member declarer = member(7, Role::Member, Timestamp{0});
  const ConflictDeclaration declared =
      plan_conflict_declaration(the_case(Timestamp{0}), declarer, "  I coach the reporter on weekends. ", 12, now);
  EXPECT_EQ(declared.exclusion.case_id, kCase);
  EXPECT_EQ(declared.exclusion.member_id, 7);
  EXPECT_EQ(declared.exclusion.reason, ExclusionReason::Declared);
  EXPECT_EQ(declared.exclusion.created_at, now);
  EXPECT_EQ(declared.exclusion.note, "I coach the reporter on weekends.");  // trimmed, and sealed by the store
  EXPECT_EQ(declared.entry.number, 12);
  EXPECT_EQ(declared.entry.kind, EntryKind::ConflictDisclosure);
  EXPECT_EQ(declared.entry.author_id, std::optional<std::int64_t>(7));
  EXPECT_EQ(declared.entry.created_at, now);
  EXPECT_EQ(declared.entry.body, "");  // the group learns that a member recused, never why
}

}  // namespace
}  // namespace conduct::domain
