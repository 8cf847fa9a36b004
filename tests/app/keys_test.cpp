// Case keys in the use cases: who gets a wrap at intake, rotation when a holder goes,
// side versions for writers who hold no key, the sweep of grants the policy no longer
// allows, rotation on demand and recovery with the kit.
#include "app/keys.h"

#include <gmock/gmock.h>

#include "app/case_keys.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "app_fixture.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using testing::AppTest;

class KeysTest : public AppTest {
 protected:
  domain::CaseRecord open_case_as(const Actor& actor) {
    domain::NewCaseCommand command;
    command.report.report_text = "Repeated unwanted messages after being asked to stop.";
    command.report.channel = "email";
    command.report.parties = {{"reported", "", "@drift_wood", "", ""}};
    auto record = open_case(context_, actor, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? *record : domain::CaseRecord{};
  }
  static std::string url(const domain::CaseRecord& record) { return domain::url_form(record.summary.code_name); }

  store::CaseKeyState state_of(const domain::CaseRecord& record) { return *store_.find_case_key_state(record.summary.id); }

  // Who holds a wrap of `version` (0 stands for the recovery key).
  std::vector<std::int64_t> holders_of(const domain::CaseRecord& record, std::uint32_t version) {
    std::vector<std::int64_t> holders;
    const std::vector<store::CaseKeyWrapRow> wraps = *store_.case_key_wraps(record.summary.id);
    for (const store::CaseKeyWrapRow& wrap : wraps)
      if (wrap.key_version == version) holders.push_back(wrap.member_id.value_or(0));
    return holders;
  }

  bool reads(const Actor& actor, const domain::CaseRecord& record) { return show_case(context_, actor, url(record)).ok(); }
};

TEST_F(KeysTest, IntakeWrapsForAllowedCertifiedMembersAndTheRecoveryKeyOnly) {
  const Actor uncertified = [&] {
    members_hold_keys_ = false;
    const Actor added = add("sol@tidewater.example", "Sol Duarte", "member");
    members_hold_keys_ = true;
    EXPECT_TRUE(holders_.enrol_uncertified(added.member.email).ok());
    return added;
  }();
  const domain::CaseRecord record = open_case_as(member_);
  EXPECT_EQ(state_of(record).current_version, 1u);
  EXPECT_FALSE(state_of(record).rotation_due);
  // The adviser is not invited and Sol's keys are not certified: neither gets a wrap.
  EXPECT_THAT(holders_of(record, 1), UnorderedElementsAre(0, chair_.member.id, member_.member.id));
  (void)uncertified;
}

TEST_F(KeysTest, ADeclaredConflictRevokesTheWrapAndTheNextWriteRotates) {
  const Actor jonas = add("jonas@tidewater.example", "Jonas Berg", "member");
  const domain::CaseRecord record = open_case_as(chair_);
  ASSERT_TRUE(reads(jonas, record));
  ASSERT_TRUE(declare_conflict(context_, jonas, url(record), "I coach the reporter.").ok());
  EXPECT_TRUE(state_of(record).rotation_due);
  EXPECT_EQ(state_of(record).current_version, 1u) << "rotation waits for the next holder's write";
  EXPECT_THAT(holders_of(record, 1), UnorderedElementsAre(0, chair_.member.id, member_.member.id));
}

TEST_F(KeysTest, AWriterWhoHoldsNoKeySealsUnderASideVersionForTheHolders) {
  const Actor board = add("bea@tidewater.example", "Beatrix Hale", "board-member");
  const domain::CaseRecord record = open_case_as(chair_);
  const auto requested = request_oversight(context_, board, url(record), "The reporter asked for a review.", 7);
  ASSERT_TRUE(requested.ok()) << requested.error().message;
  EXPECT_EQ(state_of(record).current_version, 1u) << "the case's own version does not change";
  EXPECT_THAT(holders_of(record, 2), UnorderedElementsAre(0, chair_.member.id, member_.member.id))
      << "the side version is wrapped for the holders, not for the writer";
  const auto requests = oversight_requests(context_, chair_, url(record));
  ASSERT_TRUE(requests.ok()) << requests.error().message;
  EXPECT_EQ(requests->front().reason, "The reporter asked for a review.");
}

TEST_F(KeysTest, TheNextHolderWriteSealsUnderANewVersionForTheRemainingHolders) {
  const Actor jonas = add("jonas@tidewater.example", "Jonas Berg", "member");
  const domain::CaseRecord record = open_case_as(chair_);
  ASSERT_TRUE(declare_conflict(context_, jonas, url(record), "").ok());
  const std::uint32_t before = state_of(record).current_version;
  ASSERT_TRUE(add_note(context_, member_, url(record), {"note", "Written after the conflict.", std::nullopt}).ok());
  const store::CaseKeyState after = state_of(record);
  EXPECT_GT(after.current_version, before);
  EXPECT_FALSE(after.rotation_due);
  EXPECT_THAT(holders_of(record, after.current_version), UnorderedElementsAre(0, chair_.member.id, member_.member.id));
  // Old and new entries still read for the holders.
  const auto shown = show_case(context_, chair_, url(record));
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  EXPECT_EQ(shown->timeline.back().body, "Written after the conflict.");
  EXPECT_EQ(shown->reports.front().text, "Repeated unwanted messages after being asked to stop.");
}

TEST_F(KeysTest, RotationOnDemandNeedsAHolder) {
  const domain::CaseRecord record = open_case_as(chair_);
  const auto rotated = rotate_case_key(context_, member_, url(record));
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;
  EXPECT_EQ(*rotated, 2u);
  EXPECT_THAT(holders_of(record, 2), UnorderedElementsAre(0, chair_.member.id, member_.member.id));
  EXPECT_TRUE(reads(chair_, record));
  // An adviser who is not invited cannot even find it; one who may read but holds no key cannot rotate.
  EXPECT_EQ(rotate_case_key(context_, adviser_, url(record)).error().code, ErrorCode::NotFound);
  const Actor late = add("late@tidewater.example", "Lee Late", "member");  // certified after intake
  const auto refused = rotate_case_key(context_, late, url(record));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
}

TEST_F(KeysTest, AnExpiredOversightGrantIsSweptAndTheCaseRotates) {
  const Actor board = add("bea@tidewater.example", "Beatrix Hale", "board-member");
  const domain::CaseRecord record = open_case_as(chair_);
  const auto requested = request_oversight(context_, board, url(record), "Annual review.", 3);
  ASSERT_TRUE(requested.ok()) << requested.error().message;
  ASSERT_TRUE(approve_oversight(context_, chair_, url(record), requested->id).ok());
  ASSERT_TRUE(reads(board, record)) << "the approving chair held the case and granted its key";
  EXPECT_EQ(*sweep_case_keys(context_, chair_.community.id), 0);

  clock_.advance_seconds(3 * kSecondsPerDay);
  EXPECT_EQ(*sweep_case_keys(context_, chair_.community.id), 1);
  const std::vector<store::CaseKeyWrapRow> wraps = *store_.case_key_wraps(record.summary.id);
  for (const store::CaseKeyWrapRow& wrap : wraps) EXPECT_NE(wrap.member_id, board.member.id);
  EXPECT_TRUE(state_of(record).rotation_due);
  EXPECT_EQ(*sweep_case_keys(context_, chair_.community.id), 0);
}

TEST_F(KeysTest, TheRecoveryKitGrantsWhenNoHolderIsLeft) {
  const Actor vice = add("vera@tidewater.example", "Vera Lindqvist", "vice-chair");
  const domain::CaseRecord record = open_case_as(chair_);
  // Everyone who held the case goes: a conflict for the chair, offboarding for the others.
  ASSERT_TRUE(declare_conflict(context_, chair_, url(record), "").ok());
  ASSERT_TRUE(offboard_member(context_, vice, member_.member.email).ok());
  ASSERT_TRUE(declare_conflict(context_, vice, url(record), "").ok());
  ASSERT_THAT(holders_of(record, state_of(record).current_version), ElementsAre(0));

  // A new member joins, screens the case, and waits: nobody can let them in but the kit.
  clock_.advance_seconds(60);
  const Actor newcomer = add("noor@tidewater.example", "Noor Haddad", "member");
  ASSERT_TRUE(clear_case(context_, newcomer, url(record)).ok());
  EXPECT_THAT(*access_requests(context_, vice), IsEmpty());

  const auto wrong = recover_case_keys(context_, vice, "AAAA-BBBB", std::nullopt);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields.count("kit"), 1u);
  const auto by_member = recover_case_keys(context_, newcomer, recovery_kit_, std::nullopt);
  ASSERT_FALSE(by_member.ok());
  EXPECT_EQ(by_member.error().code, ErrorCode::PermissionDenied);

  const auto recovered = recover_case_keys(context_, vice, recovery_kit_, std::nullopt);
  ASSERT_TRUE(recovered.ok()) << recovered.error().message;
  EXPECT_EQ(recovered->cases, 1);
  EXPECT_EQ(recovered->grants, 1);
  EXPECT_TRUE(reads(newcomer, record));
  EXPECT_FALSE(reads(vice, record)) << "the kit grants to others; the chair's own conflict stands";
  EXPECT_EQ(recover_case_keys(context_, vice, recovery_kit_, std::nullopt)->grants, 0) << "nothing left to grant";
}

}  // namespace
}  // namespace conduct::app
