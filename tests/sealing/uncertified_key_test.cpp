// Wraps go only to certified keys (docs/security.md "Member keys"; app/case_keys.h): someone
// who can write the database but not sign as a chair swaps in a public key of their own
// and waits for the next report. Intake needs no session, so it decides from the rows
// alone; a key without a certificate chaining to the root key gets nothing. The same
// holds for the community's recovery key, which must carry the root key's signature.
#include <gmock/gmock.h>

#include <string>

#include "app/accounts.h"
#include "app/cases.h"
#include "crypto/member_keys.h"
#include "domain/code_name.h"
#include "sqlite_community.h"

namespace conduct::testing {
namespace {

using ::testing::IsEmpty;

constexpr char kReport[] = "Repeated unwanted messages after being asked to stop.";

domain::NewCaseCommand new_case() {
  domain::NewCaseCommand command;
  command.report.report_text = kReport;
  command.report.channel = "email";
  command.categories = {"harassment"};
  return command;
}

class UncertifiedKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status started = world_.start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    auto priya = world_.add_holder("priya@tidewater.example", "Priya Raman", "member");
    ASSERT_TRUE(priya.ok()) << priya.error().message;
    priya_ = priya->actor;
    auto sam = world_.add_holder("sam@tidewater.example", "Sam Okafor", "member");
    ASSERT_TRUE(sam.ok()) << sam.error().message;
    sam_ = sam->actor;
  }

  TempDirectory directory_{"uncertified"};
  SqliteCommunity world_{directory_.path() / "conduct.db", StoreSealing::CaseKeys};
  app::Actor priya_, sam_;
};

TEST_F(UncertifiedKeyTest, AMemberKeySwappedInByADatabaseWriterReceivesNoWrapAtIntake) {
  // Sam's row gets the writer's X25519 key; Sam's certificate covers the old one.
  auto credentials = world_.store().find_credentials(sam_.member.id);
  ASSERT_TRUE(credentials.ok()) << credentials.error().message;
  const crypto::MemberKeyPair intruder = crypto::generate_member_keys();
  credentials->box_public = intruder.box_public;
  ASSERT_TRUE(world_.store().save_credentials(*credentials).ok());
  auto certified = app::is_certified(world_.context(), sam_.member, "");
  ASSERT_TRUE(certified.ok());
  ASSERT_FALSE(*certified) << "the swapped key still counts as certified";

  auto opened = app::open_case(world_.context(), priya_, new_case());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  world_.keyring().forget_all();
  auto wraps = world_.store().case_key_wraps(opened->summary.id);
  ASSERT_TRUE(wraps.ok()) << wraps.error().message;

  bool chair_wrapped = false, priya_wrapped = false, recovery_wrapped = false;
  for (const store::CaseKeyWrapRow& wrap : *wraps) {
    EXPECT_NE(wrap.member_id, std::optional<std::int64_t>(sam_.member.id)) << "Sam's row received a wrap";
    EXPECT_NE(wrap.recipient_public, intruder.box_public) << "the writer's key received a wrap";
    EXPECT_FALSE(crypto::box_open(intruder, wrap.wrapped_key).ok()) << "the writer's key opens a wrap";
    if (wrap.member_id == world_.chair().actor.member.id) chair_wrapped = true;
    if (wrap.member_id == priya_.member.id && wrap.recipient_public == priya_.keys->box_public) priya_wrapped = true;
    if (!wrap.member_id) recovery_wrapped = true;
  }
  EXPECT_TRUE(chair_wrapped);
  EXPECT_TRUE(priya_wrapped);
  EXPECT_TRUE(recovery_wrapped);

  // The certified member reads the case; Sam, signed in with the keys he enrolled
  // with, holds nothing to open it.
  auto read = app::show_case(world_.context(), priya_, domain::url_form(opened->summary.code_name));
  world_.keyring().forget_all();
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_FALSE(read->reports.empty());
  EXPECT_EQ(read->reports.front().text, kReport);
  auto sam_reads = app::show_case(world_.context(), sam_, domain::url_form(opened->summary.code_name));
  world_.keyring().forget_all();
  ASSERT_FALSE(sam_reads.ok());
  EXPECT_EQ(sam_reads.error().code, ErrorCode::FailedPrecondition) << sam_reads.error().message;  // key not granted
}

TEST_F(UncertifiedKeyTest, ARecoveryKeySwappedInByADatabaseWriterStopsIntakeInsteadOfReceivingAWrap) {
  auto recovery = world_.store().find_recovery_key(world_.chair().actor.community.id);
  ASSERT_TRUE(recovery.ok()) << recovery.error().message;
  const crypto::MemberKeyPair intruder = crypto::generate_member_keys();
  recovery->box_public = intruder.box_public;  // the root key's signature covers the old key
  ASSERT_TRUE(world_.store().save_recovery_key(*recovery).ok());

  auto opened = app::open_case(world_.context(), priya_, new_case());
  world_.keyring().forget_all();
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::FailedPrecondition) << opened.error().message;
  auto listed = app::list_cases(world_.context(), world_.chair().actor, {});
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_THAT(*listed, IsEmpty()) << "the refused intake left a case behind";
}

}  // namespace
}  // namespace conduct::testing
