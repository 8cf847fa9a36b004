// Case keys in the use cases: who gets a wrap at intake, rotation when a holder goes,
// side versions for writers who hold no key, the sweep of grants the policy no longer
// allows, rotation on demand, recovery with the kit, and sealing the cases an earlier
// release stored in plaintext.
#include "app/keys.h"

#include <gmock/gmock.h>

#include "app/case_keys.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "app_fixture.h"
#include "crypto/case_keys.h"
#include "crypto/recovery_key.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using testing::AppTest;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

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

  store::CaseKeyState state_of(const domain::CaseRecord& record) {
    return *store_->find_case_key_state(record.summary.id);
  }

  // Who holds a wrap of `version` (0 stands for the recovery key).
  std::vector<std::int64_t> holders_of(const domain::CaseRecord& record, std::uint32_t version) {
    std::vector<std::int64_t> holders;
    const std::vector<store::CaseKeyWrapRow> wraps = *store_->case_key_wraps(record.summary.id);
    for (const store::CaseKeyWrapRow& wrap : wraps)
      if (wrap.key_version == version) holders.push_back(wrap.member_id.value_or(0));
    return holders;
  }

  bool reads(const Actor& actor, const domain::CaseRecord& record) {
    return show_case(context_, actor, url(record)).ok();
  }
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
  const std::vector<store::CaseKeyWrapRow> wraps = *store_->case_key_wraps(record.summary.id);
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
  EXPECT_THAT(access_requests(context_, vice)->requests, IsEmpty());

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

// ---- Sealing what an earlier release stored in plaintext ----------------------------------

// The store's Sealer across an upgrade: the earlier release's pass-through while a test
// writes what that release wrote, then this release's keyring. The store keeps one
// Sealer for its lifetime as a database keeps its rows across releases; this stands for
// the program around the same rows changing.
class AcrossTheUpgrade final : public crypto::Sealer {
 public:
  explicit AcrossTheUpgrade(crypto::CaseKeyring& keyring) : keyring_(keyring) {}
  void earlier_release() { current_ = &pass_through_; }
  void this_release() { current_ = &keyring_; }

  Result<std::string> seal(const crypto::SealContext& context, std::string_view plaintext) override {
    return current_->seal(context, plaintext);
  }
  Result<std::string> open(const crypto::SealContext& context, std::string_view sealed) override {
    return current_->open(context, sealed);
  }

 private:
  crypto::PassThroughSealer pass_through_;
  crypto::CaseKeyring& keyring_;
  crypto::Sealer* current_ = &keyring_;
};

constexpr const char* kLocation = "the venue's back room";
constexpr const char* kReportText = "Repeated unwanted messages after being asked to stop.";
constexpr const char* kNoteText = "Spoke with the reporter; they want no contact.";
constexpr const char* kConflictNote = "I coach the reporter.";
constexpr const char* kOversightReason = "The reporter appealed to the board.";

// A community as the release before sealed records made it: a root key the first chair
// holds, no recovery key; members enrolled, the chair's keys certified by the root key
// and the others' by the chair. Its cases are written as that release wrote them.
class SealPlaintextTest : public ::testing::Test {
 protected:
  SealPlaintextTest()
      : sealer_(keyring_),
        store_(sealer_),
        clock_(*parse_timestamp("2026-11-25T08:00:00Z")),
        context_{store_, clock_, random_, keyring_, indexer_, crypto::kTestCost},
        holders_(context_, clock_) {}

  void SetUp() override {
    const Timestamp now = clock_.now();
    auto policy = parse_policy(*shipped_policy_source("default"));
    ASSERT_TRUE(policy.ok()) << policy.error().message;
    auto community = domain::plan_new_community(
        {"tidewater", "Tidewater Open Source Community", "conduct@tidewater.example"}, *policy, now);
    ASSERT_TRUE(community.ok()) << community.error().message;
    auto chair = domain::plan_new_member({"robin@tidewater.example", "Robin Achterberg", "chair", ""}, 0,
                                         community->policy.membership, now);
    ASSERT_TRUE(chair.ok()) << chair.error().message;
    InitResult created{*community, *chair, {}, ""};
    const Status initialised = store_->in_transaction([&] { return init_without_recovery_key(created); });
    ASSERT_TRUE(initialised.ok()) << initialised.error().message;
    auto enrolled = holders_.enrol_first_chair(created);
    ASSERT_TRUE(enrolled.ok()) << enrolled.error().message;
    chair_ = *enrolled;
    member_ = add("priya@tidewater.example", "Priya Raman", "member");
    conflicted_ = add("jonas@tidewater.example", "Jonas Berg", "member");
    board_ = add("bea@tidewater.example", "Beatrix Hale", "board-member");
    clock_.advance_seconds(60);
  }

  // What `conduct init` did before sealed records: the community, its first chair, and
  // the root key, whose secret travels with the chair's enrolment link.
  Status init_without_recovery_key(InitResult& created) {
    ASSIGN_OR_RETURN(created.community.id,
                     store_->insert_community({created.community, *shipped_policy_source("default")}));
    created.chair.community_id = created.community.id;
    ASSIGN_OR_RETURN(created.chair.id, store_->insert_member(created.chair));
    const crypto::RootKey root = crypto::generate_root_key();
    TRY(store_->save_root_public_key(created.community.id, root.sign_public));
    ASSIGN_OR_RETURN(created.first_chair_link,
                     write_enrolment_link(context_, created.community, created.chair.id, created.chair, &root));
    return ok_status();
  }

  Actor add(const std::string& email, const std::string& name, const std::string& role) {
    EXPECT_TRUE(add_member(context_, chair_, {email, name, role, ""}).ok());
    auto actor = holders_.holder(email);
    EXPECT_TRUE(actor.ok()) << email << ": " << (actor.ok() ? "" : actor.error().message);
    return actor.ok() ? *actor : Actor{};
  }

  // A case as the earlier release wrote it: every sealed field stored as given, parties
  // without blind indexes, key version 0, no wraps. Jonas has declared a conflict on it
  // (with a note) and Beatrix has asked for oversight (with a reason).
  domain::Case write_earlier_case(const std::string& code_name) {
    sealer_.earlier_release();
    domain::Case summary;
    summary.community_id = chair_.community.id;
    summary.code_name = code_name;
    summary.opened_at = summary.updated_at = clock_.now();
    summary.location = kLocation;
    summary.id = store_->insert_case(summary).value();
    domain::TimelineEntry report;
    report.number = 1;
    report.kind = domain::EntryKind::Report;
    report.author_id = chair_.member.id;
    report.created_at = clock_.now();
    report.body = kReportText;
    EXPECT_TRUE(store_->append_entry(summary, report).ok());
    domain::TimelineEntry note = report;
    note.number = 2;
    note.kind = domain::EntryKind::Note;
    note.body = kNoteText;
    EXPECT_TRUE(store_->append_entry(summary, note).ok());
    const domain::Report received{0, 1, clock_.now(), domain::ReportChannel::Email, chair_.member.id, ""};
    EXPECT_TRUE(store_->insert_report(summary, received, 1).ok());
    for (const domain::Party& party : earlier_parties()) EXPECT_TRUE(store_->insert_party(summary, party, {}).ok());
    EXPECT_TRUE(store_
                    ->insert_exclusion(summary, {summary.id, conflicted_.member.id, domain::ExclusionReason::Declared,
                                                 clock_.now(), kConflictNote})
                    .ok());
    domain::OversightGrant grant;
    grant.case_id = summary.id;
    grant.member_id = board_.member.id;
    grant.reason = kOversightReason;
    grant.requested_at = clock_.now();
    grant.days = 7;
    EXPECT_TRUE(store_->insert_oversight_grant(summary, grant).ok());
    EXPECT_TRUE(store_->save_case_key_state({summary.id, 0, false}).ok());
    sealer_.this_release();
    return summary;
  }

  static std::vector<domain::Party> earlier_parties() {
    domain::Party reporter;
    reporter.number = 1;
    reporter.role = domain::PartyRole::Reporter;
    reporter.name = "Noor Haddad";
    reporter.contact = "noor@example.net";
    reporter.employer = "Initech";
    domain::Party reported;
    reported.number = 2;
    reported.role = domain::PartyRole::ReportedPerson;
    reported.name = "Casey Drift";
    reported.contact = "@drift_wood";
    return {reporter, reported};
  }

  // The case as stored, read the way the earlier release (or a copy of the file) reads it.
  domain::CaseRecord stored_form(const domain::Case& summary) {
    sealer_.earlier_release();
    auto record = store_->load_case_record(summary);
    sealer_.this_release();
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? *record : domain::CaseRecord{};
  }

  std::vector<std::int64_t> holders_of(const domain::Case& summary) {
    std::vector<std::int64_t> holders;
    const std::vector<store::CaseKeyWrapRow> wraps = *store_->case_key_wraps(summary.id);
    for (const store::CaseKeyWrapRow& wrap : wraps)
      if (wrap.key_version == 1) holders.push_back(wrap.member_id.value_or(0));
    return holders;
  }

  // The case's key, from its recovery wrap opened with the kit.
  Result<crypto::SecretBytes> key_from_kit(const domain::Case& summary, const std::string& kit) {
    ASSIGN_OR_RETURN(const crypto::RecoveryKey recovery, crypto::parse_recovery_kit(kit));
    ASSIGN_OR_RETURN(const std::vector<store::CaseKeyWrapRow> wraps, store_->case_key_wraps(summary.id));
    for (const store::CaseKeyWrapRow& wrap : wraps)
      if (!wrap.member_id && wrap.key_version == 1) return crypto::box_open(recovery, wrap.wrapped_key);
    return not_found("no recovery wrap");
  }

  // The key version a stored value names; 0 for one that is not a sealed case value.
  static std::uint32_t version_of(std::string_view stored) {
    const Result<std::uint32_t> version = crypto::sealed_key_version(stored);
    return version.ok() ? *version : 0;
  }

  void next_command() { keyring_.forget_all(); }

  crypto::CaseKeyring keyring_;
  AcrossTheUpgrade sealer_;
  crypto::BlindIndexer indexer_{crypto::new_index_key()};
  conduct::testing::MemoryDatabase store_;
  FixedClock clock_;
  crypto::SodiumRandom random_;
  Context context_;
  conduct::testing::KeyHolders holders_;
  Actor chair_, member_, conflicted_, board_;
};

TEST_F(SealPlaintextTest, SealsEveryFieldWrapsTheKeyAsIntakeDoesAndMakesTheRecoveryKit) {
  const domain::Case summary = write_earlier_case("home shelf");
  const std::string url = domain::url_form(summary.code_name);
  const auto refused = add_note(context_, member_, url, {"note", "Written before sealing.", std::nullopt});
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, ::testing::HasSubstr("conduct keys seal-plaintext"));
  ASSERT_EQ(stored_form(summary).summary.location, kLocation) << "the earlier release stored it as given";

  const auto sealed = seal_plaintext(context_, chair_);
  ASSERT_TRUE(sealed.ok()) << sealed.error().message;
  EXPECT_EQ(sealed->cases, 1);
  ASSERT_TRUE(sealed->recovery_kit.has_value()) << "the community had no recovery key";
  EXPECT_TRUE(recovery_public_key(context_, chair_.community.id).ok()) << "signed by the root key";
  EXPECT_TRUE(store_->cases_without_keys(chair_.community.id)->empty());
  const store::CaseKeyState state = *store_->find_case_key_state(summary.id);
  EXPECT_EQ(state.current_version, 1u);
  EXPECT_FALSE(state.rotation_due);
  // As at intake: the recovery key and the members allowed to read it; not Jonas (his
  // conflict), not Beatrix (oversight not approved).
  EXPECT_THAT(holders_of(summary), UnorderedElementsAre(0, chair_.member.id, member_.member.id));

  // A member reads the case in their session.
  next_command();
  const auto shown = show_case(context_, member_, url);
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  EXPECT_EQ(shown->summary.location, kLocation);
  ASSERT_EQ(shown->reports.size(), 1u);
  EXPECT_EQ(shown->reports[0].text, kReportText);
  ASSERT_EQ(shown->timeline.size(), 2u);
  EXPECT_EQ(shown->timeline[1].body, kNoteText);
  ASSERT_EQ(shown->parties.size(), 2u);
  EXPECT_EQ(shown->parties[0].name, "Noor Haddad");
  EXPECT_EQ(shown->parties[0].employer, "Initech");
  EXPECT_EQ(shown->parties[1].contact, "@drift_wood");
  next_command();
  const auto grants = oversight_requests(context_, chair_, url);
  ASSERT_TRUE(grants.ok()) << grants.error().message;
  ASSERT_EQ(grants->size(), 1u);
  EXPECT_EQ(grants->front().reason, kOversightReason);

  // What is stored is sealed under version 1 of the case's key, and no longer holds the
  // plaintext.
  const domain::CaseRecord stored = stored_form(summary);
  std::vector<std::string> values = {stored.summary.location};
  for (const domain::TimelineEntry& entry : stored.timeline) values.push_back(entry.body);
  for (const domain::Party& party : stored.parties) values.insert(values.end(), {party.name, party.contact});
  values.push_back(stored.parties[0].employer);
  for (const std::string& value : values) {
    EXPECT_EQ(version_of(value), 1u);
    for (const char* plaintext : {kLocation, kReportText, kNoteText, "Noor", "noor@example.net", "Initech", "drift"})
      EXPECT_EQ(value.find(plaintext), std::string::npos) << plaintext;
  }
  sealer_.earlier_release();
  const std::string stored_reason = store_->oversight_grants_of_case(summary)->front().reason;
  sealer_.this_release();
  EXPECT_EQ(stored_reason.find("appealed"), std::string::npos);
  EXPECT_EQ(version_of(stored_reason), 1u);

  // The kit opens the recovery wrap, and the key in it opens the case.
  const auto key = key_from_kit(summary, *sealed->recovery_kit);
  ASSERT_TRUE(key.ok()) << key.error().message;
  const auto location = crypto::open_case_value(
      *key, {chair_.community.id, summary.code_name, "case", "location", "case"}, stored.summary.location);
  ASSERT_TRUE(location.ok()) << location.error().message;
  EXPECT_EQ(*location, kLocation);

  // The parties have blind indexes now, made from their plaintext.
  const std::vector<store::PartyIndexRow> indexes = *store_->list_party_indexes(chair_.community.id);
  ASSERT_EQ(indexes.size(), 2u);
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    const store::PartyIndexes expected = party_indexes(context_, earlier_parties()[i]);
    EXPECT_FALSE(indexes[i].indexes.contact.empty());
    EXPECT_EQ(indexes[i].indexes.contact, expected.contact);
    EXPECT_EQ(indexes[i].indexes.name, expected.name);
    EXPECT_EQ(indexes[i].indexes.employer, expected.employer);
  }
}

TEST_F(SealPlaintextTest, ALaterRunSealsWhatIsLeftForTheSameRecoveryKey) {
  const domain::Case first = write_earlier_case("home shelf");
  const auto sealed = seal_plaintext(context_, chair_);
  ASSERT_TRUE(sealed.ok()) << sealed.error().message;
  ASSERT_TRUE(sealed->recovery_kit.has_value());

  const domain::Case second = write_earlier_case("blue kettle");
  const auto again = seal_plaintext(context_, chair_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->cases, 1);
  EXPECT_FALSE(again->recovery_kit.has_value()) << "the community has a recovery key now";
  EXPECT_TRUE(key_from_kit(second, *sealed->recovery_kit).ok()) << "the first kit opens the second case";
  EXPECT_TRUE(key_from_kit(first, *sealed->recovery_kit).ok());
  next_command();
  const auto shown = show_case(context_, member_, domain::url_form(second.code_name));
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  EXPECT_EQ(shown->summary.location, kLocation);

  const auto nothing_left = seal_plaintext(context_, chair_);
  ASSERT_TRUE(nothing_left.ok()) << nothing_left.error().message;
  EXPECT_EQ(nothing_left->cases, 0);
  EXPECT_FALSE(nothing_left->recovery_kit.has_value());
}

TEST_F(SealPlaintextTest, TheServersCheckNamesWhatIsLeftToSeal) {
  const Status no_recovery_key = check_sealed_records(context_);
  ASSERT_FALSE(no_recovery_key.ok());
  EXPECT_EQ(no_recovery_key.error().code, ErrorCode::FailedPrecondition);
  EXPECT_EQ(no_recovery_key.error().message,
            "the community 'tidewater' has no recovery key, as a release before sealed records made it: make one "
            "first with 'conduct keys seal-plaintext --as CHAIR' (docs/security.md)");

  write_earlier_case("home shelf");
  write_earlier_case("blue kettle");
  const Status plaintext = check_sealed_records(context_);
  ASSERT_FALSE(plaintext.ok());
  EXPECT_EQ(plaintext.error().code, ErrorCode::FailedPrecondition);
  EXPECT_EQ(plaintext.error().message,
            "the community 'tidewater' has 2 case(s) that a release before sealed records stored in plaintext: seal "
            "them first with 'conduct keys seal-plaintext --as CHAIR' (docs/security.md)");

  const auto sealed = seal_plaintext(context_, chair_);
  ASSERT_TRUE(sealed.ok()) << sealed.error().message;
  EXPECT_EQ(sealed->cases, 2);
  EXPECT_TRUE(check_sealed_records(context_).ok());
}

TEST_F(SealPlaintextTest, OnlyAChairWithTheRootKeySealsAndAFailureChangesNothing) {
  const domain::Case summary = write_earlier_case("home shelf");
  const auto unchanged = [&] {
    EXPECT_EQ(store_->find_recovery_key(chair_.community.id).error().code, ErrorCode::NotFound);
    EXPECT_EQ(store_->find_case_key_state(summary.id)->current_version, 0u);
    EXPECT_TRUE(store_->case_key_wraps(summary.id)->empty());
    EXPECT_EQ(stored_form(summary).summary.location, kLocation);
    const std::vector<store::PartyIndexRow> indexes = *store_->list_party_indexes(chair_.community.id);
    for (const store::PartyIndexRow& row : indexes) EXPECT_TRUE(row.indexes.contact.empty());
  };

  const auto by_member = seal_plaintext(context_, member_);
  ASSERT_FALSE(by_member.ok());
  EXPECT_EQ(by_member.error().code, ErrorCode::PermissionDenied);
  unchanged();

  // Making the recovery key needs the root key, which opens only with the chair's keys.
  Actor without_keys = chair_;
  without_keys.keys.reset();
  const auto not_signed_in = seal_plaintext(context_, without_keys);
  ASSERT_FALSE(not_signed_in.ok());
  EXPECT_EQ(not_signed_in.error().code, ErrorCode::FailedPrecondition);
  EXPECT_THAT(not_signed_in.error().message, ::testing::HasSubstr("root key"));
  unchanged();

  // A root key that is not the one pinned in the configuration signs in vain; the
  // cases resealed before the check are rolled back with it.
  context_.pinned_roots[chair_.community.id] = "0000 0000 0000 0000 0000 0000 0000 0000";
  const auto wrong_root = seal_plaintext(context_, chair_);
  ASSERT_FALSE(wrong_root.ok());
  EXPECT_EQ(wrong_root.error().code, ErrorCode::FailedPrecondition);
  unchanged();
}

}  // namespace
}  // namespace conduct::app
