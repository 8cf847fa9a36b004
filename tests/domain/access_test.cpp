#include "domain/access.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

// Roles × actions, written out: A = allowed, - = denied. Rows follow the Role enum,
// columns the Action enum.
TEST(AccessTest, RoleTableForActiveMembers) {
  const Action actions[] = {Action::ListCases,  Action::ReadCase,   Action::OpenCase,      Action::WriteCase,
                            Action::TransitionCase, Action::ListPeople, Action::ManageMembers, Action::ListMembers};
  struct Row {
    Role role;
    const char* expected;  // one character per action
  };
  const Row rows[] = {
      {Role::Member, "AAAAAA-A"},
      {Role::Chair, "AAAAAAAA"},
      {Role::ViceChair, "AAAAAAAA"},
      {Role::Adviser, "--------"},
      {Role::BoardMember, "--------"},
      {Role::Liaison, "--------"},
      {Role::LocalRepresentative, "--A-----"},
      {Role::InstanceAdmin, "-------A"},
  };
  const Date today = *parse_date("2026-11-25");
  for (const Row& row : rows) {
    Member actor = testing::group_member(row.role);
    for (std::size_t i = 0; i < std::size(actions); ++i) {
      const AccessDecision decision = decide_access(actor, actions[i], CaseRelation::Ordinary, today);
      EXPECT_EQ(decision.allowed, row.expected[i] == 'A') << to_string(row.role) << " action " << i;
      EXPECT_FALSE(decision.reason.empty());
    }
  }
}

TEST(AccessTest, FormerMembersAndEndedTermsMayDoNothing) {
  Member former = testing::group_member(Role::Chair);
  former.status = MemberStatus::Former;
  Member expired = testing::group_member(Role::Chair);
  expired.term_end = *parse_date("2026-11-24");
  const Date today = *parse_date("2026-11-25");
  for (const Member& actor : {former, expired}) {
    const AccessDecision decision = decide_access(actor, Action::ReadCase, CaseRelation::Ordinary, today);
    EXPECT_FALSE(decision.allowed);
    EXPECT_EQ(decision.reason, "the member is not active");
  }
}

}  // namespace
}  // namespace conduct::domain
