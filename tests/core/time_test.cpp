#include "core/time.h"

#include <gtest/gtest.h>

namespace conduct {
namespace {

TEST(TimeTest, FormatsAndParsesTimestampsBothWays) {
  struct Row {
    std::int64_t seconds;
    const char* text;
  };
  const Row rows[] = {
      {0, "1970-01-01T00:00:00Z"},
      {951782400, "2000-02-29T00:00:00Z"},
      {1795593600, "2026-11-25T08:00:00Z"},
      {4102444799, "2099-12-31T23:59:59Z"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(format_timestamp(Timestamp{row.seconds}), row.text);
    const auto parsed = parse_timestamp(row.text);
    ASSERT_TRUE(parsed.has_value()) << row.text;
    EXPECT_EQ(parsed->seconds, row.seconds) << row.text;
  }
}

TEST(TimeTest, RejectsMalformedTimestamps) {
  for (const char* text : {"", "2026-11-25", "2026-11-25 08:00:00Z", "2026-11-25T24:00:00Z", "2026-02-30T00:00:00Z",
                           "2026-11-25T08:00:00+01:00", "2026-11-25T08:00:0xZ"})
    EXPECT_FALSE(parse_timestamp(text).has_value()) << text;
}

TEST(TimeTest, ParsesOnlyRealCalendarDates) {
  EXPECT_TRUE(parse_date("2024-02-29").has_value());
  for (const char* text :
       {"2023-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-11-25", "2026/11/25", "abcd-ef-gh"})
    EXPECT_FALSE(parse_date(text).has_value()) << text;
}

TEST(TimeTest, AddsMonthsClampingToTheLastDay) {
  struct Row {
    const char* from;
    int months;
    const char* expected;
  };
  const Row rows[] = {
      {"2026-01-31", 1, "2026-02-28"},  {"2024-01-31", 1, "2024-02-29"}, {"2026-11-25", 12, "2027-11-25"},
      {"2026-03-15", -3, "2025-12-15"}, {"2026-12-31", 2, "2027-02-28"},
  };
  for (const Row& row : rows)
    EXPECT_EQ(format_date(add_months(*parse_date(row.from), row.months)), row.expected) << row.from;
}

TEST(TimeTest, DateOfATimestampIsItsUtcDay) {
  EXPECT_EQ(format_date(date_of(*parse_timestamp("2026-11-25T23:59:59Z"))), "2026-11-25");
  EXPECT_EQ(format_timestamp(start_of(*parse_date("2026-11-25"))), "2026-11-25T00:00:00Z");
}

}  // namespace
}  // namespace conduct
