// The server's queue of work (http/work_queue.h): first in, first out within a lane;
// the priority lane first; each lane full on its own.
#include "http/work_queue.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace conduct::http {
namespace {

TEST(WorkQueueTest, ThePriorityLaneIsServedFirstAndEachLaneFillsOnItsOwn) {
  WorkQueue queue(2);
  std::vector<std::string> order;
  const auto job = [&order](std::string name) { return [&order, name](app::Context&) { order.push_back(name); }; };
  ASSERT_TRUE(queue.push(job("stranger 1")));
  ASSERT_TRUE(queue.push(job("stranger 2")));
  EXPECT_FALSE(queue.push(job("stranger 3"))) << "the normal lane is full";
  ASSERT_TRUE(queue.push(job("member"), Lane::Priority)) << "the flood does not fill the priority lane";
  queue.close();
  app::Context* no_context = nullptr;
  while (std::optional<Job> next = queue.pop()) (*next)(*no_context);
  EXPECT_EQ(order, (std::vector<std::string>{"member", "stranger 1", "stranger 2"}));
}

}  // namespace
}  // namespace conduct::http
