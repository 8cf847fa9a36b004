#include "domain/member.h"

#include <gtest/gtest.h>

#include "domain/community.h"
#include "domain/policy.h"
#include "test_support.h"

namespace conduct::domain {
namespace {

using testing::test_now;

TEST(MemberTest, NewGroupMemberGetsThePolicyTerm) {
  const MembershipPolicy membership;  // 12-month terms
  const auto member =
      plan_new_member({" Sam@Tidewater.Example ", " Sam Okonkwo ", "vice-chair", ""}, 1, membership, test_now());
  ASSERT_TRUE(member.ok()) << member.error().message;
  EXPECT_EQ(member->email, "sam@tidewater.example");
  EXPECT_EQ(member->display_name, "Sam Okonkwo");
  EXPECT_EQ(member->role, Role::ViceChair);
  EXPECT_EQ(format_date(member->term_start), "2026-11-25");
  EXPECT_EQ(format_date(*member->term_end), "2027-11-25");
}

TEST(MemberTest, AdvisersHaveNoFixedTermUnlessGiven) {
  const MembershipPolicy membership;
  const auto adviser = plan_new_member({"ada@example.org", "Ada", "adviser", ""}, 1, membership, test_now());
  ASSERT_TRUE(adviser.ok());
  EXPECT_FALSE(adviser->term_end.has_value());
  const auto limited = plan_new_member({"ada@example.org", "Ada", "adviser", "2027-03-01"}, 1, membership, test_now());
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(format_date(*limited->term_end), "2027-03-01");
}

TEST(MemberTest, ReportsEveryBadFieldAtOnce) {
  const auto member = plan_new_member({"not-an-email", "", "king", "2020-01-01"}, 1, MembershipPolicy{}, test_now());
  ASSERT_FALSE(member.ok());
  EXPECT_EQ(member.error().code, ErrorCode::InvalidArgument);
  for (const char* field : {"email", "name", "role", "term_end"})
    EXPECT_TRUE(member.error().fields.count(field)) << field;
}

TEST(MemberTest, ActiveOnlyWithinTheTermAndUntilOffboarded) {
  Member member = testing::group_member();
  EXPECT_TRUE(is_active_on(member, *parse_date("2026-12-31")));
  EXPECT_FALSE(is_active_on(member, *parse_date("2027-01-01")));
  member.status = MemberStatus::Former;
  EXPECT_FALSE(is_active_on(member, *parse_date("2026-06-01")));
}

TEST(CommunityTest, ValidatesItsFields) {
  const auto community = plan_new_community({"Tide Water", "", "nobody"}, default_policy(), test_now());
  ASSERT_FALSE(community.ok());
  for (const char* field : {"slug", "name", "contact"}) EXPECT_TRUE(community.error().fields.count(field)) << field;
  const auto good =
      plan_new_community({"tidewater", "Tidewater", "Conduct@Tidewater.example"}, default_policy(), test_now());
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->contact_email, "conduct@tidewater.example");
  EXPECT_NE(find_space(*good, "chat"), nullptr);
  EXPECT_EQ(find_space(*good, "moon"), nullptr);
}

}  // namespace
}  // namespace conduct::domain
