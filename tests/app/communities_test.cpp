#include "app_fixture.h"

namespace conduct::app {
namespace {

using testing::AppTest;

TEST_F(AppTest, InitCreatesTheCommunityWithItsPolicyAndChair) {
  const auto community = load_community(context_, "tidewater");
  ASSERT_TRUE(community.ok());
  EXPECT_EQ(community->name, "Tidewater Open Source Community");
  EXPECT_EQ(community->policy.name, "default");
  EXPECT_EQ(chair_.member.role, domain::Role::Chair);
  EXPECT_EQ(chair_.member.community_id, community->id);
}

TEST_F(AppTest, InitRefusesATakenSlugAndChangesNothing) {
  const auto again = init_community(context_, {*shipped_policy_source("two-thirds-weekly"),
                                               {"tidewater", "Another", "other@example.org"},
                                               "x@example.org",
                                               "X"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::AlreadyExists);
  EXPECT_EQ((*list_communities(context_)).size(), 1u);
}

TEST_F(AppTest, InitRefusesABadPolicyNamingTheKey) {
  const auto bad = init_community(
      context_, {"[deadlines]\nacknowlege_hours = 2\n", {"second", "Second", "c@example.org"}, "x@example.org", "X"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(bad.error().fields.count("deadlines.acknowlege_hours")) << bad.error().message;
}

TEST_F(AppTest, ChoosingACommunityNeedsANameOnceThereAreSeveral) {
  ASSERT_TRUE(choose_community(context_, std::nullopt).ok());
  ASSERT_TRUE(init_community(context_, {*shipped_policy_source("two-thirds-weekly"),
                                        {"harbour", "Harbour", "conduct@harbour.example"},
                                        "chair@harbour.example",
                                        "Chair"})
                  .ok());
  const auto ambiguous = choose_community(context_, std::nullopt);
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.error().code, ErrorCode::InvalidArgument);
  const auto harbour = choose_community(context_, std::string("harbour"));
  ASSERT_TRUE(harbour.ok());
  EXPECT_EQ(harbour->policy.voting.rule, domain::VoteRule::TwoThirdsOnly);
  EXPECT_EQ(harbour->policy.deadlines.acknowledge_hours, 168);
}

TEST_F(AppTest, OnlyChairsAddMembersAndEmailsAreUnique) {
  const auto by_member = add_member(context_, member_, {"new@example.org", "New", "member", ""});
  ASSERT_FALSE(by_member.ok());
  EXPECT_EQ(by_member.error().code, ErrorCode::PermissionDenied);
  const auto duplicate = add_member(context_, chair_, {"PRIYA@tidewater.example", "Priya again", "member", ""});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::AlreadyExists);
  EXPECT_EQ((*list_members(context_, chair_)).size(), 3u);
}

}  // namespace
}  // namespace conduct::app
