// The audit log as the use cases write and read it (app/audit.h; docs/security.md
// "Tamper-evident audit log"). Each test runs a use case and checks the exact entries
// it left: who, what, on which case, and whether the digest covers ciphertext or
// nothing. Refusals are the delicate part: a missing case and a withheld one must
// leave the same kind of entry (or the log would tell them apart), and a refusal must
// stay in the log even though the refused command rolled back. The audit trail is
// for chairs and the board only, leaves out cases the reader may not see, and its
// reading is itself logged. No entry may ever carry confidential text.
#include "app/audit.h"

#include <gmock/gmock.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/audit_batch.h"
#include "app/audit_head_mail.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "app/mail_queue.h"
#include "app/members.h"
#include "app_fixture.h"
#include "domain/code_name.h"
#include "support/mail_reading.h"

namespace conduct::app {
namespace {

using testing::AppTest;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kReportText[] = "Repeated unwanted messages from Quentin Marsh after being asked to stop.";
constexpr char kReporterName[] = "Mara Lind";
constexpr char kReporterContact[] = "mara@example.net";
constexpr char kReportedHandle[] = "@drift_wood";
constexpr char kNoteText[] = "Called the reporter back; she wants the thread locked.";

class AuditTest : public AppTest {
 protected:
  domain::CaseRecord open(const Actor* actor = nullptr) {
    domain::NewCaseCommand command;
    command.report.report_text = kReportText;
    command.report.channel = "email";
    command.space = "forum";
    command.categories = {"harassment"};
    command.report.parties = {{"reporter", kReporterName, kReporterContact, "", ""},
                              {"reported", "", kReportedHandle, "", ""}};
    auto record = open_case(context_, actor ? *actor : chair_, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? *record : domain::CaseRecord{};
  }

  std::vector<crypto::AuditEntry> log() {
    auto entries = store_->audit_log();
    EXPECT_TRUE(entries.ok()) << entries.error().message;
    return entries.ok() ? *entries : std::vector<crypto::AuditEntry>{};
  }

  // The entries written since `mark` (a log size taken earlier).
  std::vector<crypto::AuditEntry> since(std::size_t mark) {
    std::vector<crypto::AuditEntry> all = log();
    return std::vector<crypto::AuditEntry>(all.begin() + static_cast<std::ptrdiff_t>(std::min(mark, all.size())),
                                           all.end());
  }
  std::size_t mark() { return log().size(); }

  static std::vector<std::string> actions_of(const std::vector<crypto::AuditEntry>& entries) {
    std::vector<std::string> actions;
    for (const crypto::AuditEntry& entry : entries) actions.push_back(entry.action);
    return actions;
  }

  static std::string url(const domain::CaseRecord& record) { return domain::url_form(record.summary.code_name); }

  void declare(const Actor& actor, const domain::CaseRecord& record) {
    const Status declared =
        declare_conflict(context_, actor, url(record), "My sister shares a flat with the reporter.");
    ASSERT_TRUE(declared.ok()) << declared.error().message;
  }

  Result<AuditTrail> trail(const Actor& actor, std::optional<std::string> case_code = std::nullopt) {
    AuditTrailQuery query;
    query.case_code = std::move(case_code);
    return audit_trail(context_, actor, query);
  }

  static std::vector<std::string> case_codes_of(const std::vector<crypto::AuditEntry>& entries) {
    std::vector<std::string> codes;
    for (const crypto::AuditEntry& entry : entries) codes.push_back(entry.case_code);
    return codes;
  }

  // Expects exactly one entry since `mark`: a refusal of `action` by `actor` on
  // `case_code`, with the digest of nothing.
  void expect_one_refusal(std::size_t from, const Actor& actor, const std::string& action,
                          const std::string& case_code) {
    const std::vector<crypto::AuditEntry> written = since(from);
    ASSERT_EQ(written.size(), 1u) << ::testing::PrintToString(actions_of(written));
    EXPECT_EQ(written[0].action, "refused " + action);
    EXPECT_EQ(written[0].actor, member_actor(actor.member.id));
    EXPECT_EQ(written[0].community_id, actor.community.id);
    EXPECT_EQ(written[0].case_code, case_code);
    EXPECT_EQ(written[0].digest, crypto::digest_of_nothing());
  }
};

// ---- Refusals: missing and withheld alike ---------------------------------------------------

TEST_F(AuditTest, AMissingCaseAndAWithheldOneAreRefusedAndLoggedAlike) {
  const domain::CaseRecord record = open();
  const std::string code = record.summary.code_name;
  declare(member_, record);

  struct Attempt {
    std::string who;
    const Actor* actor;
    std::string asked;
    std::string logged_code;
  };
  const std::vector<Attempt> attempts = {
      {"a missing case", &member_, "amber-zebra", "amber zebra"},
      {"a case withheld by a declared conflict", &member_, url(record), code},
      {"a case withheld from an uninvited adviser", &adviser_, url(record), code},
      {"a missing case, asked by the adviser", &adviser_, "amber zebra", "amber zebra"},
  };
  for (const Attempt& attempt : attempts) {
    SCOPED_TRACE(attempt.who);
    const std::size_t before = mark();
    const auto shown = show_case(context_, *attempt.actor, attempt.asked);
    ASSERT_FALSE(shown.ok());
    EXPECT_EQ(shown.error().code, ErrorCode::NotFound);
    EXPECT_EQ(shown.error().message, "no case '" + attempt.logged_code + "'");
    expect_one_refusal(before, *attempt.actor, "read-case", attempt.logged_code);
  }
}

TEST_F(AuditTest, AMalformedCaseNameIsLoggedWithoutACaseCode) {
  const std::size_t before = mark();
  const auto shown = show_case(context_, member_, "not a case name!");
  ASSERT_FALSE(shown.ok());
  EXPECT_EQ(shown.error().code, ErrorCode::NotFound);
  EXPECT_EQ(shown.error().message, "no case 'not a case name!'");
  expect_one_refusal(before, member_, "read-case", "");
}

TEST_F(AuditTest, ARefusalInsideAWriteStaysInTheLogAfterTheRollback) {
  const domain::CaseRecord record = open();
  declare(member_, record);
  const std::size_t before = mark();
  const auto added = add_note(context_, member_, url(record), {"note", kNoteText, std::nullopt});
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::NotFound);
  expect_one_refusal(before, member_, "write-case", record.summary.code_name);
  const auto shown = show_case(context_, chair_, url(record));
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  for (const domain::TimelineEntry& entry : shown->timeline) EXPECT_NE(entry.body, kNoteText);
}

TEST_F(AuditTest, AnActionTheRoleDoesNotAllowIsLoggedAsRefused) {
  const std::size_t before = mark();
  const auto added = add_member(context_, member_, {"kofi@tidewater.example", "Kofi Mensah", "member", ""});
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::PermissionDenied);
  expect_one_refusal(before, member_, "manage-members", "");
}

TEST_F(AuditTest, AFailedSignInIsLoggedAsARefusalByThePublic) {
  const std::size_t before = mark();
  const auto signed_in =
      sign_in(context_, {std::nullopt, "robin@tidewater.example", "not the password", "000000", "192.0.2.7"});
  ASSERT_FALSE(signed_in.ok());
  EXPECT_EQ(signed_in.error().code, ErrorCode::Unauthenticated);
  const std::vector<crypto::AuditEntry> written = since(before);
  ASSERT_EQ(written.size(), 1u) << ::testing::PrintToString(actions_of(written));
  EXPECT_EQ(written[0].action, "refused session.open");
  EXPECT_EQ(written[0].actor, "public");
  EXPECT_EQ(written[0].community_id, chair_.community.id);
  EXPECT_EQ(written[0].case_code, "");
  EXPECT_EQ(written[0].digest, crypto::digest_of_nothing());
}

// ---- Reads and writes -------------------------------------------------------------------------

TEST_F(AuditTest, OpeningACaseIsLoggedWithTheDigestOfWhatWasSealed) {
  const std::size_t before = mark();
  const domain::CaseRecord record = open();
  const std::vector<crypto::AuditEntry> written = since(before);
  ASSERT_EQ(written.size(), 1u) << ::testing::PrintToString(actions_of(written));
  EXPECT_EQ(written[0].action, "case.open");
  EXPECT_EQ(written[0].actor, member_actor(chair_.member.id));
  EXPECT_EQ(written[0].case_code, record.summary.code_name);
  EXPECT_NE(written[0].digest, crypto::digest_of_nothing());
}

TEST_F(AuditTest, ShowingACaseIsLoggedAsAReadOfItsCiphertext) {
  const domain::CaseRecord record = open();
  next_command();
  const std::size_t before = mark();
  const auto shown = show_case(context_, member_, url(record));
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  const std::vector<crypto::AuditEntry> written = since(before);
  ASSERT_EQ(written.size(), 1u) << ::testing::PrintToString(actions_of(written));
  EXPECT_EQ(written[0].action, "case.read");
  EXPECT_EQ(written[0].actor, member_actor(member_.member.id));
  EXPECT_EQ(written[0].case_code, record.summary.code_name);
  EXPECT_NE(written[0].digest, crypto::digest_of_nothing());
  // Reading the same ciphertext again gives the same digest.
  const std::size_t again = mark();
  ASSERT_TRUE(show_case(context_, member_, url(record)).ok());
  ASSERT_EQ(since(again).size(), 1u);
  EXPECT_EQ(since(again)[0].digest, written[0].digest);
}

TEST_F(AuditTest, AServerWorkerKeepsTheReadForItsAnswerAndAWriteStoresItFirst) {
  const domain::CaseRecord record = open();
  next_command();
  AuditBatcher batcher;  // the server's: nothing is written until the worker hands it over
  context_.audit_batcher = &batcher;
  context_.defer_read_entries = true;
  const std::size_t before = mark();
  ASSERT_TRUE(show_case(context_, member_, url(record)).ok());
  ASSERT_EQ(context_.deferred_reads.size(), 1u) << "the read waits for its answer";
  EXPECT_EQ(context_.deferred_reads[0].action, "case.read");
  EXPECT_NE(context_.deferred_reads[0].digest, crypto::digest_of_nothing());
  EXPECT_THAT(since(before), IsEmpty());
  // A write later in the same request stores the read first, in its own transaction.
  ASSERT_TRUE(add_note(context_, member_, url(record), {"note", kNoteText, std::nullopt}).ok());
  EXPECT_TRUE(context_.deferred_reads.empty());
  EXPECT_THAT(actions_of(since(before)), ElementsAre("case.read", "case.note"));
  context_.audit_batcher = nullptr;
  context_.defer_read_entries = false;
}

TEST_F(AuditTest, AddingANoteIsLoggedWithItAndAnInvalidNoteLeavesNoEntry) {
  const domain::CaseRecord record = open();
  const std::size_t before = mark();
  const auto added = add_note(context_, member_, url(record), {"note", kNoteText, std::nullopt});
  ASSERT_TRUE(added.ok()) << added.error().message;
  std::vector<crypto::AuditEntry> written = since(before);
  ASSERT_EQ(written.size(), 1u) << ::testing::PrintToString(actions_of(written));
  EXPECT_EQ(written[0].action, "case.note");
  EXPECT_EQ(written[0].actor, member_actor(member_.member.id));
  EXPECT_EQ(written[0].case_code, record.summary.code_name);
  EXPECT_NE(written[0].digest, crypto::digest_of_nothing());

  const std::size_t invalid = mark();
  const auto refused = add_note(context_, member_, url(record), {"no-such-kind", "", std::nullopt});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  EXPECT_THAT(since(invalid), IsEmpty());
}

TEST_F(AuditTest, SearchingLogsOneReadPerCaseOpened) {
  const domain::CaseRecord first = open();
  const domain::CaseRecord second = open();
  declare(member_, second);
  next_command();

  std::size_t before = mark();
  const auto found = search_cases(context_, chair_, "unwanted");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->size(), 2u);
  std::vector<crypto::AuditEntry> written = since(before);
  EXPECT_THAT(actions_of(written), ElementsAre("case.search", "case.search"));
  EXPECT_THAT(case_codes_of(written),
              ::testing::UnorderedElementsAre(first.summary.code_name, second.summary.code_name));
  for (const crypto::AuditEntry& entry : written) EXPECT_NE(entry.digest, crypto::digest_of_nothing());

  // The member excluded from the second case opens only the first; a search that
  // matches nothing still opened it.
  before = mark();
  ASSERT_TRUE(search_cases(context_, member_, "nothing like this anywhere").ok());
  written = since(before);
  EXPECT_THAT(actions_of(written), ElementsAre("case.search"));
  EXPECT_THAT(case_codes_of(written), ElementsAre(first.summary.code_name));
}

TEST_F(AuditTest, TheLogVerifiesAfterABusyDayAndMatchesItsHead) {
  const auto empty_head = audit_log_head(context_);
  ASSERT_TRUE(empty_head.ok());
  ASSERT_TRUE(empty_head->has_value());  // setting up the community was logged already
  const crypto::AuditHead morning = **empty_head;

  const domain::CaseRecord first = open();
  const domain::CaseRecord second = open();
  declare(member_, second);
  ASSERT_TRUE(add_note(context_, chair_, url(first), {"note", kNoteText, std::nullopt}).ok());
  ASSERT_FALSE(show_case(context_, member_, url(second)).ok());
  ASSERT_FALSE(show_case(context_, adviser_, "amber zebra").ok());
  ASSERT_TRUE(show_case(context_, member_, url(first)).ok());
  ASSERT_TRUE(search_cases(context_, chair_, "messages").ok());
  ASSERT_FALSE(add_member(context_, member_, {"x@tidewater.example", "X", "member", ""}).ok());
  ASSERT_FALSE(sign_in(context_, {std::nullopt, "nobody@tidewater.example", "guess", "123456", "192.0.2.8"}).ok());
  ASSERT_TRUE(trail(chair_).ok());

  const auto verified = verify_audit_log(context_, morning);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_TRUE(verified->intact) << verified->problem;
  const auto head = audit_log_head(context_);
  ASSERT_TRUE(head.ok() && head->has_value());
  EXPECT_EQ((*head)->seq, static_cast<std::int64_t>(log().size()));
  EXPECT_GT((*head)->seq, morning.seq + 10);
  EXPECT_EQ(verified->head->hash, (*head)->hash);
  const auto against_now = verify_audit_log(context_, **head);
  ASSERT_TRUE(against_now.ok());
  EXPECT_TRUE(against_now->intact);
}

// ---- The audit trail ----------------------------------------------------------------------------

TEST_F(AuditTest, ChairsAndTheBoardReadTheTrailAndTheReadingIsLogged) {
  const Actor board = add("bo@tidewater.example", "Bo Lindqvist", "board-member");
  const Actor vice = add("wim@tidewater.example", "Wim de Vries", "vice-chair");
  const domain::CaseRecord record = open();
  for (const Actor* reader : std::vector<const Actor*>{&chair_, &vice, &board}) {
    SCOPED_TRACE(reader->member.email);
    const std::size_t before = mark();
    const auto read = trail(*reader);
    ASSERT_TRUE(read.ok()) << read.error().message;
    ASSERT_FALSE(read->entries.empty());
    // Newest first, and everything of the community up to the reading.
    EXPECT_EQ(read->entries.front().seq, static_cast<std::int64_t>(before));
    for (std::size_t i = 1; i < read->entries.size(); ++i) EXPECT_LT(read->entries[i].seq, read->entries[i - 1].seq);
    // The board member may not know the case exists (no oversight grant): its entries
    // are not in their trail.
    EXPECT_EQ(std::any_of(read->entries.begin(), read->entries.end(),
                          [&](const crypto::AuditEntry& entry) {
                            return entry.action == "case.open" && entry.case_code == record.summary.code_name;
                          }),
              reader != &board);
    EXPECT_EQ(read->actor_names.at(member_actor(chair_.member.id)), "Robin Achterberg");

    const std::vector<crypto::AuditEntry> written = since(before);
    ASSERT_EQ(written.size(), 1u) << ::testing::PrintToString(actions_of(written));
    EXPECT_EQ(written[0].action, "audit.read");
    EXPECT_EQ(written[0].actor, member_actor(reader->member.id));
    EXPECT_EQ(written[0].case_code, "");
  }
}

TEST_F(AuditTest, AMemberMayNotReadTheTrailAndIsLoggedAsRefused) {
  for (const Actor* reader : std::vector<const Actor*>{&member_, &adviser_}) {
    SCOPED_TRACE(reader->member.email);
    const std::size_t before = mark();
    const auto read = trail(*reader);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::PermissionDenied);
    expect_one_refusal(before, *reader, "read-audit-trail", "");
  }
}

TEST_F(AuditTest, TheTrailOfOneCaseHasOnlyItsEntries) {
  const domain::CaseRecord first = open();
  const domain::CaseRecord second = open();
  ASSERT_TRUE(add_note(context_, chair_, url(first), {"note", kNoteText, std::nullopt}).ok());
  ASSERT_TRUE(show_case(context_, member_, url(second)).ok());
  const std::size_t before = mark();
  const auto read = trail(chair_, url(first));  // the URL form is accepted
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_THAT(actions_of(read->entries), ElementsAre("case.note", "case.open"));
  for (const crypto::AuditEntry& entry : read->entries) EXPECT_EQ(entry.case_code, first.summary.code_name);
  const std::vector<crypto::AuditEntry> written = since(before);
  ASSERT_EQ(written.size(), 1u);
  EXPECT_EQ(written[0].action, "audit.read");
  EXPECT_EQ(written[0].case_code, first.summary.code_name);
}

TEST_F(AuditTest, AChairExcludedFromACaseDoesNotSeeItsEntries) {
  const Actor vice = add("wim@tidewater.example", "Wim de Vries", "vice-chair");
  const domain::CaseRecord kept = open();
  const domain::CaseRecord hidden = open();
  const std::string hidden_code = hidden.summary.code_name;
  ASSERT_TRUE(show_case(context_, member_, url(hidden)).ok());
  declare(vice, hidden);
  ASSERT_FALSE(show_case(context_, member_, "amber zebra").ok());  // a refusal of a missing case

  const auto read = trail(vice);
  ASSERT_TRUE(read.ok()) << read.error().message;
  // Of the hidden case, only what the vice-chair did themselves (declaring the conflict).
  for (const crypto::AuditEntry& entry : read->entries) {
    if (entry.case_code == hidden_code) {
      EXPECT_EQ(entry.actor, member_actor(vice.member.id)) << entry.action;
    }
  }
  std::vector<std::string> codes;
  for (const crypto::AuditEntry& entry : read->entries)
    if (entry.actor != member_actor(vice.member.id)) codes.push_back(entry.case_code);
  EXPECT_THAT(codes, ::testing::Not(::testing::Contains(hidden_code)));
  EXPECT_THAT(codes, ::testing::Contains(kept.summary.code_name));
  EXPECT_THAT(codes, ::testing::Contains("amber zebra"));
  // The chair who is not excluded sees them.
  const auto full = trail(chair_);
  ASSERT_TRUE(full.ok()) << full.error().message;
  EXPECT_THAT(case_codes_of(full->entries), ::testing::Contains(hidden_code));

  // Asking for the hidden case's trail answers as for a missing case, and is logged
  // as a refusal alike.
  for (const std::string& spaced : {hidden_code, std::string("amber zebra")}) {
    SCOPED_TRACE(spaced);
    const std::size_t before = mark();
    const auto refused = trail(vice, domain::url_form(spaced));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::NotFound);
    EXPECT_EQ(refused.error().message, "no case '" + spaced + "'");
    expect_one_refusal(before, vice, "read-audit-trail", spaced);
  }
}

TEST_F(AuditTest, AnExcludedReaderCannotTellAHiddenCaseFromAMissingOneByTheirOwnRefusals) {
  // The reader's own refusals show what they asked for, whether the case exists or is
  // withheld: were the refusal of a withheld case left out while that of a missing
  // one is shown, asking for a name and then reading the trail would tell whether a
  // case by that name exists.
  const Actor vice = add("wim@tidewater.example", "Wim de Vries", "vice-chair");
  const domain::CaseRecord hidden = open();
  declare(vice, hidden);
  ASSERT_FALSE(show_case(context_, vice, url(hidden)).ok());
  ASSERT_FALSE(show_case(context_, vice, "amber-zebra").ok());

  const auto read = trail(vice);
  ASSERT_TRUE(read.ok()) << read.error().message;
  std::vector<std::string> refused;
  for (const crypto::AuditEntry& entry : read->entries)
    if (entry.actor == member_actor(vice.member.id) && entry.action == "refused read-case")
      refused.push_back(entry.case_code);
  EXPECT_THAT(refused, ::testing::UnorderedElementsAre("amber zebra", hidden.summary.code_name));
  // Everything else about the hidden case stays out of their trail but their own doing.
  for (const crypto::AuditEntry& entry : read->entries) {
    if (entry.case_code == hidden.summary.code_name) {
      EXPECT_EQ(entry.actor, member_actor(vice.member.id)) << entry.action;
    }
  }
}

// ---- No confidential text --------------------------------------------------------------------------

TEST_F(AuditTest, NoEntryCarriesConfidentialText) {
  const Actor board = add("bo@tidewater.example", "Bo Lindqvist", "board-member");
  const domain::CaseRecord record = open();
  ASSERT_TRUE(add_note(context_, member_, url(record), {"note", kNoteText, std::nullopt}).ok());
  ASSERT_TRUE(show_case(context_, member_, url(record)).ok());
  ASSERT_TRUE(search_cases(context_, chair_, "Quentin").ok());
  ASSERT_TRUE(search_cases(context_, chair_, kReporterName).ok());
  ASSERT_TRUE(transition_case(context_, chair_, url(record), {"acknowledged", "Mara Lind was told.", "", ""}).ok());
  declare(member_, record);
  ASSERT_FALSE(add_note(context_, member_, url(record), {"note", "Quentin Marsh again", std::nullopt}).ok());
  ASSERT_TRUE(trail(board).ok());
  ASSERT_TRUE(trail(chair_, url(record)).ok());

  const std::vector<std::string> secrets = {
      kReportText,  "Quentin", "Marsh",  "Mara",          "Lind",     kReporterContact,       kReportedHandle,
      "drift_wood", kNoteText, "sister", "thread locked", "was told", record.summary.location};
  const std::vector<crypto::AuditEntry> entries = log();
  ASSERT_GT(entries.size(), 10u);
  for (const crypto::AuditEntry& entry : entries) {
    for (const std::string& secret : secrets) {
      if (secret.empty()) continue;
      for (const std::string* field : {&entry.actor, &entry.action, &entry.case_code, &entry.digest, &entry.hash}) {
        EXPECT_EQ(field->find(secret), std::string::npos)
            << "entry " << entry.seq << " (" << entry.action << ") carries '" << secret << "'";
      }
    }
  }
  const auto verified = verify_audit_log(context_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact) << verified->problem;
}

}  // namespace
}  // namespace conduct::app

namespace conduct::app {
namespace {

// The audit head goes to every active chair and vice-chair, in a message that names it
// and says how to check it; once per period, however often the job looks.
TEST_F(AuditTest, TheHeadIsMailedToTheChairsOncePerPeriod) {
  add("vic@tidewater.example", "Vic Osei", "vice-chair");
  auto queued = mail_audit_head_when_due(context_, 24);
  ASSERT_TRUE(queued.ok()) << queued.error().message;
  EXPECT_EQ(*queued, 2);  // Robin and Vic; not Priya, a member
  auto head = audit_log_head(context_);
  ASSERT_TRUE(head.ok() && head->has_value());
  const std::string written = crypto::format_audit_head(**head);
  auto due = context_.store.due_mail(clock_.now(), 100);
  ASSERT_TRUE(due.ok());
  std::vector<std::string> recipients;
  for (const store::QueuedMailRow& row : *due) {
    if (row.kind != "audit-head") continue;
    auto opened = open_queued_mail(context_, row);
    ASSERT_TRUE(opened.ok());
    recipients.insert(recipients.end(), opened->recipients.begin(), opened->recipients.end());
    const std::string body = conduct::testing::mail_body(opened->text);
    EXPECT_NE(body.find("conduct audit verify --head " + written), std::string::npos) << body;
  }
  EXPECT_THAT(recipients, ::testing::UnorderedElementsAre("robin@tidewater.example", "vic@tidewater.example"));

  // Not again within the period; again once it has passed; never with 0 hours.
  clock_.advance_seconds(23 * 3600);
  EXPECT_EQ(*mail_audit_head_when_due(context_, 24), 0);
  clock_.advance_seconds(3600);
  EXPECT_EQ(*mail_audit_head_when_due(context_, 24), 2);
  clock_.advance_seconds(48 * 3600);
  EXPECT_EQ(*mail_audit_head_when_due(context_, 0), 0);
}

}  // namespace
}  // namespace conduct::app
