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

TEST(ServerConfig, ThreadCountsDefaultToTheCoresAndAreReadByName) {
  auto empty = parse_server_config("");
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_EQ(empty->workers, 0);  // 0: one per core
  EXPECT_EQ(empty->password_workers, 1);
  EXPECT_EQ(empty->io_threads, 0);  // 0: one per core
  auto set = parse_server_config("[server]\nworkers = 6\npassword_workers = 2\nio_threads = 3\n");
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->workers, 6);
  EXPECT_EQ(set->password_workers, 2);
  EXPECT_EQ(set->io_threads, 3);
  const std::pair<const char*, const char*> refused[] = {
      {"[server]\nio_threads = -1\n", "server.io_threads"},
      {"[server]\nio_threads = 257\n", "server.io_threads"},
      {"[server]\npassword_workers = 0\n", "server.password_workers"},
      {"[server]\nworkers = \"many\"\n", "server.workers"},
      {"[server]\nthreads = 2\n", "server.threads"},
  };
  for (const auto& [text, field] : refused) {
    auto parsed = parse_server_config(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument) << text;
    EXPECT_TRUE(parsed.error().fields.count(field)) << text << ": " << parsed.error().message;
  }
}

}  // namespace
}  // namespace conduct::app
