// Reading the evidence limit from a policy file: a whole number of bytes, checked like
// every other key, and the shipped files agree with the domain's default.
#include "app/policy_file.h"

#include <gtest/gtest.h>

#include <string>

namespace conduct::app {
namespace {

TEST(PolicyFileTest, EvidenceLimitIsReadFromTheTopLevel) {
  const auto absent = parse_policy("");
  ASSERT_TRUE(absent.ok()) << absent.error().message;
  EXPECT_EQ(absent->evidence_max_bytes, domain::kDefaultEvidenceMaxBytes);
  const auto set = parse_policy("evidence_max_bytes = 52428800\n");
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->evidence_max_bytes, 52428800);
}

TEST(PolicyFileTest, IntegersBeyondTheirRangeAreRefusedNotCut) {
  // 4294967320 cut to 32 bits would read as 24 hours.
  const auto hours = parse_policy("[deadlines]\nacknowledge_hours = 4294967320\n");
  ASSERT_FALSE(hours.ok());
  EXPECT_EQ(hours.error().fields.count("deadlines.acknowledge_hours"), 1u);
  const auto backoff = parse_policy("[sign_in]\nbackoff_seconds = [0, 4294967296]\n");
  ASSERT_FALSE(backoff.ok());
  EXPECT_EQ(backoff.error().fields.count("sign_in.backoff_seconds"), 1u);
  // A float is not a whole number, however large; it is never converted (that would be
  // undefined beyond the integer range).
  for (const char* source : {"[sign_in]\nbackoff_seconds = [0, 429496E296]\n",
                             "[deadlines]\nacknowledge_hours = 1e300\n", "evidence_max_bytes = 2.0\n"}) {
    const auto refused = parse_policy(source);
    ASSERT_FALSE(refused.ok()) << source;
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument) << source;
  }
}

TEST(PolicyFileTest, EvidenceLimitProblemsNameTheKey) {
  struct Row {
    const char* source;
    const char* problem;
  };
  const Row rows[] = {
      {"evidence_max_bytes = \"10 MiB\"\n", "must be a whole number"},
      {"evidence_max_bytes = 1.5\n", "must be a whole number"},
      {"evidence_max_bytes = 0\n", "must be from 1 to 268435456 (256 MiB)"},
      {"evidence_max_bytes = 268435457\n", "must be from 1 to 268435456 (256 MiB)"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.source);
    const auto parsed = parse_policy(row.source);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(parsed.error().fields.size(), 1u) << parsed.error().message;
    EXPECT_EQ(parsed.error().fields.at("evidence_max_bytes"), row.problem);
  }
}

TEST(PolicyFileTest, ShippedPoliciesKeepTheDefaultEvidenceLimit) {
  for (const std::string& name : shipped_policy_names()) {
    SCOPED_TRACE(name);
    const auto source = shipped_policy_source(name);
    ASSERT_TRUE(source.ok());
    const auto policy = parse_policy(*source);
    ASSERT_TRUE(policy.ok()) << policy.error().message;
    EXPECT_EQ(policy->evidence_max_bytes, domain::kDefaultEvidenceMaxBytes);
  }
}

}  // namespace
}  // namespace conduct::app

namespace conduct::app {
namespace {

TEST(PolicyFileTest, NewReportsByMailOpenACaseOrAwaitTriage) {
  EXPECT_EQ(parse_policy("")->mail.new_reports, domain::NewMailReports::OpenCase);
  const auto triage = parse_policy("[mail]\nnew_reports = \"triage\"\n");
  ASSERT_TRUE(triage.ok()) << triage.error().message;
  EXPECT_EQ(triage->mail.new_reports, domain::NewMailReports::AwaitTriage);
  const auto wrong = parse_policy("[mail]\nnew_reports = \"later\"\n");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields.at("mail.new_reports"), "must be case or triage");
}

TEST(PolicyFileTest, TheResponseDeadlineAndItsWaiversAreRead) {
  const auto defaults = parse_policy("");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->deadlines.response_days, 7);
  EXPECT_TRUE(defaults->voting.no_response_needed_for.empty());
  const auto set = parse_policy(
      "[deadlines]\nresponse_days = 3\n[voting]\nno_response_needed_for = [\"sexualization\", \"harassment\"]\n");
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->deadlines.response_days, 3);
  EXPECT_EQ(set->voting.no_response_needed_for,
            (std::vector<domain::ViolationCategory>{domain::ViolationCategory::Sexualization,
                                                    domain::ViolationCategory::Harassment}));
  const auto wrong = parse_policy("[voting]\nno_response_needed_for = [\"rudeness\"]\n");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields.count("voting.no_response_needed_for"), 1u);
  EXPECT_FALSE(parse_policy("[deadlines]\nresponse_days = 0\n").ok());
}

}  // namespace
}  // namespace conduct::app
