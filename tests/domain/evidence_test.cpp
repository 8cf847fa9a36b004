#include "domain/evidence.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "test_support.h"

namespace conduct::domain {
namespace {

using testing::group_member;
using testing::test_now;

EvidenceCommand valid_command() {
  return EvidenceCommand{"  chat-log 2026-11-20.txt ", "  The messages, as exported.  ", 1200};
}

std::set<std::string> fields_of(const Result<EvidencePlan>& plan) {
  std::set<std::string> fields;
  if (!plan.ok())
    for (const auto& [field, problem] : plan.error().fields) fields.insert(field);
  return fields;
}

TEST(EvidenceTest, PlansTheFileAndItsTimelineEntry) {
  const auto plan = plan_evidence(default_policy(), 3, 9, valid_command(), group_member(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->file.number, 3);
  EXPECT_EQ(plan->file.name, "chat-log 2026-11-20.txt");
  EXPECT_EQ(plan->file.description, "The messages, as exported.");
  EXPECT_EQ(plan->file.size_bytes, 1200);
  EXPECT_EQ(plan->file.author_id, group_member().id);
  EXPECT_EQ(plan->file.created_at, test_now());
  EXPECT_EQ(plan->entry.number, 9);
  EXPECT_EQ(plan->entry.kind, EntryKind::Evidence);
  EXPECT_EQ(plan->entry.author_id, group_member().id);
  EXPECT_EQ(plan->entry.created_at, test_now());
  EXPECT_EQ(plan->entry.body, "The messages, as exported.");
}

TEST(EvidenceTest, WithoutADescriptionTheEntrySaysWhichFileWasAttached) {
  EvidenceCommand command = valid_command();
  command.description = "   ";
  const auto plan = plan_evidence(default_policy(), 2, 5, command, group_member(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->file.description, "");
  EXPECT_EQ(plan->entry.body, "Evidence file 2 attached");
}

TEST(EvidenceTest, TheSizeLimitComesFromThePolicy) {
  Policy policy = default_policy();
  EXPECT_EQ(policy.evidence_max_bytes, 10 * 1024 * 1024);
  EvidenceCommand command = valid_command();
  command.size_bytes = policy.evidence_max_bytes;
  EXPECT_TRUE(plan_evidence(policy, 1, 2, command, group_member(), test_now()).ok());
  command.size_bytes = policy.evidence_max_bytes + 1;
  const auto too_large = plan_evidence(policy, 1, 2, command, group_member(), test_now());
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.error().fields.at("file"), "is larger than this community's limit of 10 MiB (10485760 bytes)");
  policy.evidence_max_bytes = 2000;
  command.size_bytes = 2001;
  EXPECT_EQ(plan_evidence(policy, 1, 2, command, group_member(), test_now()).error().fields.at("file"),
            "is larger than this community's limit of 2000 bytes");
}

struct BadInput {
  const char* label;
  EvidenceCommand command;
  std::set<std::string> fields;
};

TEST(EvidenceTest, EveryBadFieldIsNamedAtOnce) {
  const std::string long_name(kMaxEvidenceNameBytes + 1, 'a');
  const std::string long_description(kMaxEvidenceDescriptionBytes + 1, 'a');
  const BadInput rows[] = {
      {"an empty file", {"log.txt", "", 0}, {"file"}},
      {"a negative size", {"log.txt", "", -5}, {"file"}},
      {"no name", {"   ", "", 10}, {"name"}},
      {"a name too long", {long_name, "", 10}, {"name"}},
      {"a name that is not UTF-8", {"photo\xff.png", "", 10}, {"name"}},
      {"a name with a control character", {std::string("photo\x01.png"), "", 10}, {"name"}},
      {"a name on two lines", {"photo\nsecond.png", "", 10}, {"name"}},
      {"a name with a tab", {"photo\t.png", "", 10}, {"name"}},
      {"a name with a directory", {"../../etc/passwd", "", 10}, {"name"}},
      {"a name with a backslash", {"C:\\Users\\photo.png", "", 10}, {"name"}},
      {"a name that is a dot", {".", "", 10}, {"name"}},
      {"a name that is two dots", {"..", "", 10}, {"name"}},
      {"a description that is not UTF-8", {"log.txt", "caf\xc3", 10}, {"description"}},
      {"a description too long", {"log.txt", long_description, 10}, {"description"}},
      {"everything at once", {"a/b", "\xc0\xaf", 0}, {"name", "description", "file"}},
  };
  for (const BadInput& row : rows) {
    SCOPED_TRACE(row.label);
    const auto plan = plan_evidence(default_policy(), 1, 2, row.command, group_member(), test_now());
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(fields_of(plan), row.fields) << plan.error().message;
  }
}

TEST(EvidenceTest, NamesInAnyScriptAreKept) {
  EvidenceCommand command = valid_command();
  command.name = "Kuvakaappaus – 屏幕截图 😀.png";
  const auto plan = plan_evidence(default_policy(), 1, 2, command, group_member(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->file.name, "Kuvakaappaus – 屏幕截图 😀.png");
}

TEST(EvidenceTest, SizesAreDescribedInTheLargestWholeUnit) {
  EXPECT_EQ(describe_size(10 * 1024 * 1024), "10 MiB");
  EXPECT_EQ(describe_size(512 * 1024), "512 KiB");
  EXPECT_EQ(describe_size(1536 * 1024), "1536 KiB");
  EXPECT_EQ(describe_size(700), "700 bytes");
  EXPECT_EQ(describe_size(1), "1 byte");
}

}  // namespace
}  // namespace conduct::domain
