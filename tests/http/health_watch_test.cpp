// The health watch: a probe is answered from what the watch last asked the database,
// and an answer grown too old reports the database as not answering.
#include "http/health_watch.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/app_fixture.h"
#include "http/server.h"

namespace conduct::http {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// The fixture's context, lent to the watch's thread.
class LentWorker final : public Worker {
 public:
  explicit LentWorker(app::Context& context) : context_(context) {}
  app::Context& context() override { return context_; }

 private:
  app::Context& context_;
};

class HealthWatchTest : public app::testing::AppTest {};

TEST_F(HealthWatchTest, AnswersWhatTheDatabaseLastSaid) {
  HealthWatch watch(std::make_unique<LentWorker>(context_), 10ms, 5s);
  const Response response = watch.answer();
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = json::parse(response.body);
  EXPECT_EQ(body.value("status", ""), "ok");
  EXPECT_EQ(body.value("database", ""), "ok");
  EXPECT_EQ(body.value("time", ""), "2026-11-25T08:00:00Z");
  EXPECT_FALSE(body.contains("problem"));
}

TEST_F(HealthWatchTest, AnAnswerOlderThanItsLimitMeansTheDatabaseStoppedAnswering) {
  // The watch asks once at the start and not again for an hour.
  HealthWatch watch(std::make_unique<LentWorker>(context_), 1h, 20ms);
  std::this_thread::sleep_for(60ms);
  const Response response = watch.answer();
  ASSERT_EQ(response.status, 503) << response.body;
  const json body = json::parse(response.body);
  EXPECT_EQ(body.value("status", ""), "degraded");
  EXPECT_EQ(body.value("database", ""), "unavailable");
  EXPECT_EQ(body.value("problem", ""), "the database has not answered for 1 s");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0], (std::pair<std::string, std::string>{"Retry-After", "60"}));
}

}  // namespace
}  // namespace conduct::http
