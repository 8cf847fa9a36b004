#include "domain/access.h"

#include <gtest/gtest.h>

#include <cstring>

#include "test_support.h"

namespace conduct::domain {
namespace {

// Columns, in this order, for every expectation string below: A = allowed, - = denied.
constexpr Action kActions[] = {
    Action::ListCases,        Action::ReadCase,         Action::OpenCase,       Action::WriteCase,
    Action::TransitionCase,   Action::DeclareConflict,  Action::ScreenCase,     Action::InviteAdviser,
    Action::RequestOversight, Action::ApproveOversight, Action::ListPeople,     Action::ManageMembers,
    Action::ListMembers,      Action::ApproveAccess,    Action::PlaceLegalHold, Action::LiftLegalHold,
    Action::ReadAuditTrail,   Action::ReviewQuarantine, Action::SubmitLocally,  Action::DecideCase,
    Action::VoteOnCase,       Action::ReadMeetings,     Action::RecordMeeting,  Action::DecideGroupMatters,
};

CaseRelation on_case() {
  CaseRelation relation;
  relation.concerns_case = true;
  return relation;
}

CaseRelation with(bool CaseRelation::*flag) {
  CaseRelation relation = on_case();
  relation.*flag = true;
  return relation;
}

CaseRelation held(CaseRelation relation) {
  relation.escrowed = true;
  return relation;
}

struct Row {
  const char* subject;
  Role role;
  CaseRelation relation;
  const char* expected;  // one character per action in kActions
};

// Written out by hand from the rules in access.cpp, so a change to either shows here.
const Row kRows[] = {
    // No particular case.                                          LRODTCSIRAPMMXHLTQSDVRMG
    {"member, no case", Role::Member, no_case(), "A-A-------A-A--------AAA"},
    {"chair, no case", Role::Chair, no_case(), "A-A-------AAA---AA---AAA"},
    {"vice-chair, no case", Role::ViceChair, no_case(), "A-A-------AAA---AA---AAA"},
    {"adviser, no case", Role::Adviser, no_case(), "A-----------------------"},
    {"board member, no case", Role::BoardMember, no_case(), "A---------------A-------"},
    {"liaison, no case", Role::Liaison, no_case(), "------------------------"},
    {"local rep, no case", Role::LocalRepresentative, no_case(), "--A---------------A-----"},
    {"instance admin, no case", Role::InstanceAdmin, no_case(), "------------A-----------"},
    // One case, no recorded relation.
    {"member, case", Role::Member, on_case(), "AA-AAA-------A-----AA---"},
    {"chair, case", Role::Chair, on_case(), "AA-AAA-A-A---AAAA--AA---"},
    {"vice-chair, case", Role::ViceChair, on_case(), "AA-AAA-A-A---AAAA--AA---"},
    {"adviser not invited", Role::Adviser, on_case(), "------------------------"},
    {"board without grant", Role::BoardMember, on_case(), "--------A---------------"},
    {"liaison, case", Role::Liaison, on_case(), "------------------------"},
    {"local rep, case", Role::LocalRepresentative, on_case(), "------------------------"},
    {"instance admin, case", Role::InstanceAdmin, on_case(), "------------------------"},
    // Relations.
    {"member excluded", Role::Member, with(&CaseRelation::excluded), "------------------------"},
    {"chair excluded", Role::Chair, with(&CaseRelation::excluded), "------------------------"},
    {"member must screen", Role::Member, with(&CaseRelation::must_screen), "-----AA-----------------"},
    {"chair possible conflict", Role::Chair, with(&CaseRelation::possible_conflict), "-----AA-----------------"},
    {"member awaiting approval", Role::Member, with(&CaseRelation::awaiting_approval), "-----A------------------"},
    {"adviser invited", Role::Adviser, with(&CaseRelation::invited), "AA-A-A------------------"},
    {"member invited (no effect)", Role::Member, with(&CaseRelation::invited), "AA-AAA-------A-----AA---"},
    {"board with grant", Role::BoardMember, with(&CaseRelation::oversight), "AA---A--A-------A-------"},
    {"board, case concerns chairs", Role::BoardMember, with(&CaseRelation::routed_to_board),
     "AA-AAA--A-------A--AA---"},
    {"board excluded", Role::BoardMember, with(&CaseRelation::excluded), "------------------------"},
    // A case held in escrow exists for nobody, whatever else holds.
    {"member, held case", Role::Member, held(on_case()), "------------------------"},
    {"chair, held case", Role::Chair, held(on_case()), "------------------------"},
    {"vice-chair, held case", Role::ViceChair, held(on_case()), "------------------------"},
    {"adviser invited, held case", Role::Adviser, held(with(&CaseRelation::invited)), "------------------------"},
    {"board with grant, held case", Role::BoardMember, held(with(&CaseRelation::oversight)),
     "------------------------"},
    {"board, held case concerns chairs", Role::BoardMember, held(with(&CaseRelation::routed_to_board)),
     "------------------------"},
    {"board without grant, held case", Role::BoardMember, held(on_case()), "------------------------"},
    {"member must screen, held case", Role::Member, held(with(&CaseRelation::must_screen)), "------------------------"},
    {"liaison, held case", Role::Liaison, held(on_case()), "------------------------"},
    {"local rep, held case", Role::LocalRepresentative, held(on_case()), "------------------------"},
    {"instance admin, held case", Role::InstanceAdmin, held(on_case()), "------------------------"},
};

TEST(AccessTest, EverySubjectAndActionFollowsTheTable) {
  const Date today = *parse_date("2026-11-25");
  int cells = 0;
  for (const Row& row : kRows) {
    ASSERT_EQ(std::strlen(row.expected), std::size(kActions)) << row.subject;
    const Member actor = testing::group_member(row.role);
    for (std::size_t i = 0; i < std::size(kActions); ++i) {
      const AccessDecision decision = decide_access(actor, kActions[i], row.relation, today);
      EXPECT_EQ(decision.allowed, row.expected[i] == 'A')
          << row.subject << ", " << to_string(kActions[i]) << ": " << decision.reason;
      EXPECT_FALSE(decision.reason.empty());
      ++cells;
    }
  }
  EXPECT_EQ(cells, static_cast<int>(std::size(kRows) * std::size(kActions)));
}

TEST(AccessTest, FormerMembersAndEndedTermsMayDoNothing) {
  Member former = testing::group_member(Role::Chair);
  former.status = MemberStatus::Former;
  Member expired = testing::group_member(Role::Chair);
  expired.term_end = *parse_date("2026-11-24");
  const Date today = *parse_date("2026-11-25");
  for (const Member& actor : {former, expired}) {
    for (Action action : kActions) {
      for (const CaseRelation& relation : {no_case(), on_case()}) {
        const AccessDecision decision = decide_access(actor, action, relation, today);
        EXPECT_FALSE(decision.allowed) << to_string(action);
        EXPECT_EQ(decision.reason, "the member is not active");
      }
    }
  }
}

// Escrow hides a case but takes no key from anyone: whoever will read it once it is
// released holds its key while it is held, and nobody else does.
TEST(AccessTest, AHeldCasesKeyIsHeldByWhoeverWillReadItOnceReleased) {
  const Date today = *parse_date("2026-11-25");
  const struct {
    const char* subject;
    Role role;
    CaseRelation relation;
    bool holds;
  } cases[] = {
      {"chair", Role::Chair, held(on_case()), true},
      {"member", Role::Member, held(on_case()), true},
      {"adviser invited", Role::Adviser, held(with(&CaseRelation::invited)), true},
      {"adviser not invited", Role::Adviser, held(on_case()), false},
      {"member excluded", Role::Member, held(with(&CaseRelation::excluded)), false},
      {"member must screen", Role::Member, held(with(&CaseRelation::must_screen)), false},
      {"board without grant", Role::BoardMember, held(on_case()), false},
      {"instance admin", Role::InstanceAdmin, held(on_case()), false},
  };
  for (const auto& each : cases) {
    const Member actor = testing::group_member(each.role);
    EXPECT_EQ(decide_key_holding(actor, each.relation, today).allowed, each.holds) << each.subject;
    CaseRelation released = each.relation;
    released.escrowed = false;
    EXPECT_EQ(decide_key_holding(actor, each.relation, today).allowed,
              decide_access(actor, Action::ReadCase, released, today).allowed)
        << each.subject;
  }
}

}  // namespace
}  // namespace conduct::domain
