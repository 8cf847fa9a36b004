// The JSON writer of the list pages prints what nlohmann's dump() prints for the same
// values, so the case list reads the same whichever way it was written.
#include "json/writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json/views.h"

namespace conduct::json {
namespace {

TEST(JsonWriterTest, StringsAreEscapedAsNlohmannEscapesThem) {
  const std::string texts[] = {"",
                               "plain",
                               "quote \" and backslash \\",
                               "controls \b\f\n\r\t and \x01\x1f end",
                               "delete \x7f stays",
                               "UTF-8 stays: Zoë, 東京, 🙂",
                               std::string("nul \0 inside", 12)};
  for (const std::string& text : texts) {
    JsonWriter out;
    out.begin_array().string(text).end_array();
    EXPECT_EQ(out.take(), nlohmann::json::array({text}).dump()) << text;
  }
}

TEST(JsonWriterTest, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  const std::pair<std::string, std::string> cases[] = {
      {"cut \xC3", "cut \xEF\xBF\xBD"},
      {"overlong \xC0\xAF", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
      {"surrogate \xED\xA0\x80", "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"beyond \xF4\x90\x80\x80", "beyond \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"fine \xF0\x9F\x99\x82 then \xFF", "fine \xF0\x9F\x99\x82 then \xEF\xBF\xBD"},
  };
  for (const auto& [given, written] : cases) {
    JsonWriter out;
    out.string(given);
    EXPECT_EQ(out.take(), "\"" + written + "\"") << given;
  }
  // Written again in place: the commas and keys around it stay as they were.
  JsonWriter out;
  out.begin_object().key("a").begin_array().string("x").string("y\xC3").string("z").end_array();
  out.key("b").string("\xFF").end_object();
  EXPECT_EQ(out.take(), "{\"a\":[\"x\",\"y\xEF\xBF\xBD\",\"z\"],\"b\":\"\xEF\xBF\xBD\"}");
}

TEST(JsonWriterTest, ObjectsArraysAndScalarsNest) {
  JsonWriter out;
  out.begin_object().key("a").begin_array().number(-3).boolean(true).null().begin_object().end_object();
  out.begin_array().end_array().end_array().key("b").number(9007199254740993).end_object();
  EXPECT_EQ(out.take(), R"({"a":[-3,true,null,{},[]],"b":9007199254740993})");
}

domain::Case sample(int variant) {
  domain::Case summary;
  summary.code_name = variant % 2 ? "blue kettle" : "grey \"harbour\"\n";
  summary.state = variant % 3 ? domain::CaseState::Received : domain::CaseState::Resolved;
  summary.opened_at = Timestamp{1'700'000'000 + variant};
  summary.updated_at = Timestamp{1'700'000'500 + variant};
  if (variant % 2) summary.occurred_on = Date{19'700 + variant};
  summary.space_key = variant % 2 ? "chat" : "";
  summary.ongoing = variant % 2 == 0;
  summary.physical_danger = variant % 4 == 1;
  if (variant % 3 == 0) {
    summary.resolution = domain::Resolution{domain::ResolutionSource::Local, domain::ResolutionOutcome::OutOfScope,
                                            Timestamp{1'700'600'000}};
    summary.categories = {domain::ViolationCategory::Harassment, domain::ViolationCategory::CharacterAttacks};
  }
  return summary;
}

TEST(JsonWriterTest, TheCaseListReadsAsTheSummariesNlohmannWouldPrint) {
  std::vector<domain::Case> cases;
  for (int variant = 0; variant < 12; ++variant) cases.push_back(sample(variant));
  nlohmann::json items = nlohmann::json::array();
  for (const domain::Case& summary : cases) items.push_back(case_summary_json(summary));
  EXPECT_EQ(case_summaries_text(cases), nlohmann::json({{"cases", items}}).dump());
  EXPECT_EQ(case_summaries_text({}), R"({"cases":[]})");
}

TEST(JsonWriterTest, TheCasePageReadsAsTheRecordNlohmannWouldPrint) {
  for (int variant = 0; variant < 6; ++variant) {
    domain::CaseRecord record;
    record.summary = sample(variant);
    record.summary.location = variant % 2 ? "#general, \"the\" channel" : "";
    for (int i = 1; i <= variant; ++i) {
      domain::Report report;
      report.number = i;
      report.received_at = Timestamp{1'700'000'000 + i};
      report.channel = i % 2 ? domain::ReportChannel::Email : domain::ReportChannel::WebForm;
      report.text = "Report " + std::to_string(i) + ":\n\tline two";
      record.reports.push_back(report);
      domain::Party party;
      party.number = i;
      party.role = i % 2 ? domain::PartyRole::Reporter : domain::PartyRole::ReportedPerson;
      party.name = i % 3 ? "Noor Haddad" : "";
      party.contact = "noor" + std::to_string(i) + "@example.net";
      party.employer = i % 2 ? "" : "Acme";
      party.person_code_name = i % 2 ? "" : "red fox";
      record.parties.push_back(party);
      domain::TimelineEntry entry;
      entry.number = i;
      entry.kind = i % 2 ? domain::EntryKind::Note : domain::EntryKind::Transition;
      if (i % 2) entry.author_id = 7;
      entry.created_at = Timestamp{1'700'000'100 + i};
      entry.body = std::string(400, 'n') + "\u00e9";
      if (i % 3 == 0) entry.corrects = i - 1;
      if (i % 2 == 0) {
        entry.from_state = domain::CaseState::Received;
        entry.to_state = domain::CaseState::Acknowledged;
      }
      record.timeline.push_back(entry);
    }
    EXPECT_EQ(case_record_text(record), case_record_json(record).dump()) << variant;
  }
}

}  // namespace
}  // namespace conduct::json
