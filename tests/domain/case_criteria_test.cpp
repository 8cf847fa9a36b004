#include "domain/case_criteria.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

Policy policy_with_spaces() {
  Policy policy;
  policy.spaces = {{"forum", SpaceKind::Other, "Forum"}, {"chat", SpaceKind::Other, "Chat"}};
  return policy;
}

Case a_case() {
  Case summary;
  summary.opened_at = *parse_timestamp("2026-11-20T10:00:00Z");
  summary.space_key = "forum";
  summary.ongoing = true;
  summary.categories = {ViolationCategory::Harassment};
  return summary;
}

TEST(CaseCriteriaTest, EachFilterNarrowsOnItsPlainColumn) {
  const Policy policy = policy_with_spaces();
  const auto criteria_of = [&](std::map<std::string, std::string> values) {
    return *parse_case_criteria(values, policy);
  };
  EXPECT_TRUE(meets(a_case(), criteria_of({})));
  EXPECT_TRUE(meets(a_case(), criteria_of({{"category", "harassment"}, {"space", "forum"}, {"ongoing", "true"}})));
  EXPECT_FALSE(meets(a_case(), criteria_of({{"space", "chat"}})));
  EXPECT_FALSE(meets(a_case(), criteria_of({{"physical_danger", "true"}})));
  EXPECT_TRUE(meets(a_case(), criteria_of({{"physical_danger", "false"}})));
  EXPECT_TRUE(meets(a_case(), criteria_of({{"opened_from", "2026-11-20"}, {"opened_to", "2026-11-20"}})));
  EXPECT_FALSE(meets(a_case(), criteria_of({{"opened_from", "2026-11-21"}})));
  EXPECT_FALSE(meets(a_case(), criteria_of({{"opened_to", "2026-11-19"}})));
  const auto sexualization = criteria_of({{"category", "sexualization"}});
  EXPECT_FALSE(meets(a_case(), sexualization));
  EXPECT_TRUE(meets(a_case(), criteria_of({{"open", "true"}})));
  Case resolved = a_case();
  resolved.state = CaseState::Resolved;
  EXPECT_FALSE(meets(resolved, criteria_of({{"open", "true"}})));
  EXPECT_TRUE(meets(resolved, criteria_of({{"open", "false"}})));
}

TEST(CaseCriteriaTest, EveryBadValueIsNamedAtOnce) {
  const Result<CaseCriteria> refused = parse_case_criteria({{"category", "rudeness"},
                                                            {"space", "mailing-list"},
                                                            {"ongoing", "yes"},
                                                            {"opened_from", "2026-13-01"},
                                                            {"state", "ignored here"}},
                                                           policy_with_spaces());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(refused.error().fields.size(), 4u);
  for (const char* field : {"category", "space", "ongoing", "opened_from"})
    EXPECT_EQ(refused.error().fields.count(field), 1u) << field;
  const Result<CaseCriteria> backwards =
      parse_case_criteria({{"opened_from", "2026-11-20"}, {"opened_to", "2026-11-01"}}, policy_with_spaces());
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().fields.count("opened_to"), 1u);
}

}  // namespace
}  // namespace conduct::domain
