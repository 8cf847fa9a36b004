#include "domain/search.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace conduct::domain {
namespace {

CaseRecord record_with_text() {
  CaseRecord record;
  record.summary.location = "Review threads on the parser rewrite";
  record.reports.push_back({0, 1, {}, ReportChannel::Email, std::nullopt, "They called my patches AMATEUR garbage."});
  record.parties.push_back({0, 1, PartyRole::ReportedPerson, std::nullopt, "", "Casey Vance", "@cvance", "Globex"});
  TimelineEntry note;
  note.number = 2;
  note.kind = EntryKind::Note;
  note.body = "Spoke with Casey; screenshots saved.\nNext: the meeting.";
  record.timeline.push_back(note);
  return record;
}

TEST(SearchTest, FindsEveryFieldWithTheQueryIgnoringLetterCase) {
  const std::vector<TextMatch> found = find_in_record(record_with_text(), "casey");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].where, "party 1 name");
  EXPECT_EQ(found[0].snippet, "Casey Vance");
  EXPECT_EQ(found[1].where, "entry 2 (note)");
  EXPECT_EQ(found[1].snippet, "Spoke with Casey; screenshots saved. Next: the meeting.");
  const std::vector<TextMatch> amateur = find_in_record(record_with_text(), "amateur garbage");
  ASSERT_EQ(amateur.size(), 1u);
  EXPECT_EQ(amateur[0].where, "report 1");
  EXPECT_TRUE(find_in_record(record_with_text(), "nowhere to be found").empty());
}

TEST(SearchTest, SnippetsAreCutAtCharacterBoundaries) {
  CaseRecord record;
  record.summary.location = std::string(60, 'x') + "ééééééééééééééééééééééé needle " + std::string(60, 'y');
  const std::vector<TextMatch> found = find_in_record(record, "needle");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].snippet.rfind("…", 0), 0u);
  EXPECT_NE(found[0].snippet.find("needle"), std::string::npos);
  EXPECT_LT(found[0].snippet.size(), record.summary.location.size());
  for (std::size_t i = 0; i + 1 < found[0].snippet.size(); ++i) {  // no broken two-byte é
    if (static_cast<unsigned char>(found[0].snippet[i]) == 0xC3) {
      EXPECT_EQ(static_cast<unsigned char>(found[0].snippet[i + 1]) & 0xC0, 0x80);
    }
  }
}

TEST(SearchTest, QueriesAreTrimmedFoldedAndBounded) {
  EXPECT_EQ(*normalise_search_query("  Casey   VANCE "), "casey vance");
  for (const std::string& bad : {std::string("a"), std::string(" "), std::string(201, 'q'), std::string("\xff\xfe")}) {
    const Result<std::string> refused = normalise_search_query(bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().fields.count("q"), 1u);
  }
}

}  // namespace
}  // namespace conduct::domain
