// Full-text search in a session: only cases the member holds are opened and searched;
// a case hidden by a conflict, or one whose key was not granted yet, is never named.
#include <gtest/gtest.h>

#include "app/cases.h"
#include "app/conflicts.h"
#include "app_fixture.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using testing::AppTest;

class SearchCasesTest : public AppTest {
 protected:
  domain::CaseRecord open_with(const std::string& text) {
    domain::NewCaseCommand command;
    command.report.report_text = text;
    command.report.channel = "email";
    auto record = open_case(context_, chair_, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? *record : domain::CaseRecord{};
  }
  std::vector<std::string> found_by(const Actor& actor, const std::string& query) {
    auto results = search_cases(context_, actor, query);
    EXPECT_TRUE(results.ok()) << results.error().message;
    std::vector<std::string> names;
    if (results.ok())
      for (const SearchResult& result : *results) names.push_back(result.summary.code_name);
    return names;
  }
};

TEST_F(SearchCasesTest, FindsTextOnlyInCasesTheMemberHolds) {
  const domain::CaseRecord first = open_with("Slurs about a speaker's accent in the hallway.");
  const domain::CaseRecord second = open_with("A second hallway incident, photos taken.");
  EXPECT_EQ(found_by(member_, "HALLWAY"),
            (std::vector<std::string>{second.summary.code_name, first.summary.code_name}));
  EXPECT_EQ(found_by(member_, "accent"), std::vector<std::string>{first.summary.code_name});
  const auto results = search_cases(context_, member_, "photos");
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->size(), 1u);
  EXPECT_EQ((*results)[0].matches.at(0).where, "report 1");
  EXPECT_EQ((*results)[0].matches.at(0).snippet, "A second hallway incident, photos taken.");

  // A conflict hides the case from search at once.
  ASSERT_TRUE(declare_conflict(context_, member_, domain::url_form(first.summary.code_name), "").ok());
  EXPECT_TRUE(found_by(member_, "accent").empty());
  // A member certified after the cases were sealed may read them, but holds no key: not searched.
  const Actor late = add("late@tidewater.example", "Lee Late", "member");
  EXPECT_TRUE(found_by(late, "hallway").empty());
  ASSERT_TRUE(approve_access(context_, chair_, domain::url_form(second.summary.code_name), late.member.email).ok());
  EXPECT_EQ(found_by(late, "hallway"), std::vector<std::string>{second.summary.code_name});
  // Advisers see no case they were not invited to; a bad query names its field.
  EXPECT_TRUE(found_by(adviser_, "hallway").empty());
  EXPECT_EQ(search_cases(context_, member_, "x").error().fields.count("q"), 1u);
}

}  // namespace
}  // namespace conduct::app
