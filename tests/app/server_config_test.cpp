// conduct.toml (app/server_config.h): the retention interval the server runs on.
#include "app/server_config.h"

#include <gtest/gtest.h>

namespace conduct::app {
namespace {

TEST(ServerConfig, RetentionRunsDailyUnlessTheFileSaysOtherwise) {
  auto empty = parse_server_config("");
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_EQ(empty->retention_interval_seconds, 86400);
  auto shortened = parse_server_config("[retention]\ninterval_seconds = 1\n");
  ASSERT_TRUE(shortened.ok()) << shortened.error().message;
  EXPECT_EQ(shortened->retention_interval_seconds, 1);
}

TEST(ServerConfig, ABadRetentionIntervalIsRefusedByName) {
  for (const char* text : {"[retention]\ninterval_seconds = 0\n", "[retention]\ninterval_seconds = 604801\n",
                           "[retention]\ninterval_seconds = 1.5\n", "[retention]\ninterval_seconds = \"daily\"\n",
                           "[retention]\nevery = 1\n", "retention = 1\n"}) {
    auto parsed = parse_server_config(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument) << text;
    EXPECT_NE(parsed.error().message.find("retention"), std::string::npos) << parsed.error().message;
  }
}

}  // namespace
}  // namespace conduct::app
