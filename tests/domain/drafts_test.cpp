// The rules of drafts that need no store (domain/drafts.h): which message a new one's
// recipients are compared with, and the line that says who was added and removed.
#include "domain/drafts.h"

#include <gtest/gtest.h>

namespace conduct::domain {
namespace {

Draft draft(int number, DraftStatus status, std::optional<std::int64_t> decided_at, std::vector<std::string> to) {
  Draft made;
  made.number = number;
  made.status = status;
  if (decided_at) made.decided_at = Timestamp{*decided_at};
  made.content.to = std::move(to);
  return made;
}

TEST(DraftRecipients, TheLastSentMessageIsTheOneComparedWith) {
  EXPECT_TRUE(previous_recipients({}).empty());
  EXPECT_TRUE(previous_recipients({draft(1, DraftStatus::Waiting, {}, {"a@x.org"})}).empty());
  const std::vector<Draft> drafts = {
      draft(1, DraftStatus::Sent, 100, {"a@x.org"}), draft(2, DraftStatus::Sent, 300, {"b@x.org"}),
      draft(3, DraftStatus::Withdrawn, 400, {"c@x.org"}), draft(4, DraftStatus::Sent, 200, {"d@x.org"})};
  EXPECT_EQ(previous_recipients(drafts), std::vector<std::string>{"b@x.org"});
  EXPECT_EQ(recipient_change_line({"a@x.org", "b@x.org"}, {"b@x.org", "c@x.org"}), "[+ c@x.org] [- a@x.org]");
  EXPECT_EQ(recipient_change_line({}, {"b@x.org"}), "");
  EXPECT_EQ(recipient_change_line({"b@x.org"}, {"b@x.org"}), "");
}

}  // namespace
}  // namespace conduct::domain
