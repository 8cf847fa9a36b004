#include "domain/public_report.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace conduct::domain {
namespace {

using testing::group_member;
using testing::test_community;
using testing::test_now;

PublicReport only_what_happened() {
  PublicReport report;
  report.what_happened = "  Someone kept messaging me in private after I asked them to stop.  ";
  return report;
}

Member member_with(std::int64_t id, Role role, std::int64_t community_id = 1) {
  Member member = group_member(role);
  member.id = id;
  member.community_id = community_id;
  member.email = "member" + std::to_string(id) + "@tidewater.example";
  return member;
}

// The community's members: one of each kind the form may or may not offer.
std::vector<Member> community_members() {
  Member former = member_with(16, Role::Member);
  former.status = MemberStatus::Former;
  Member term_over = member_with(17, Role::Member);
  term_over.term_end = *parse_date("2026-06-30");
  return {member_with(10, Role::Chair),
          member_with(11, Role::ViceChair),
          member_with(12, Role::Member),
          member_with(13, Role::Adviser),
          member_with(14, Role::Liaison),
          member_with(15, Role::BoardMember),
          former,
          term_over,
          member_with(18, Role::LocalRepresentative),
          member_with(19, Role::InstanceAdmin),
          member_with(20, Role::Chair, /*community_id=*/2)};
}

std::set<std::string> fields_of(const Error& error) {
  std::set<std::string> fields;
  for (const auto& [field, problem] : error.fields) fields.insert(field);
  return fields;
}

TEST(PublicReportTest, AnAnonymousReportNeedsOnlyWhatHappened) {
  const auto plan = plan_public_report(only_what_happened(), test_community(), community_members(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->command.report.channel, "web-form");
  ASSERT_EQ(plan->command.report.parties.size(), 1u);
  EXPECT_EQ(plan->command.report.parties[0].role, "reporter");
  EXPECT_EQ(plan->command.report.parties[0].name, "");
  EXPECT_EQ(plan->command.report.parties[0].contact, "");
  EXPECT_EQ(plan->command.report.report_text,
            "Someone kept messaging me in private after I asked them to stop.\n\n"
            "Reporter:\nAnonymous: no name or email was given.");
  EXPECT_FALSE(plan->acknowledge_to.has_value());
  EXPECT_FALSE(plan->answer_by_email);
  EXPECT_TRUE(plan->excluded_members.empty());
  EXPECT_EQ(plan->wording, AcknowledgementWording::LookingIntoIt);
  EXPECT_EQ(plan->command.occurred_on, "");
  EXPECT_EQ(plan->command.space, "");
}

TEST(PublicReportTest, NamesEachFieldThatIsWrong) {
  struct Row {
    const char* name;
    void (*change)(PublicReport&);
    const char* field;
  };
  const Row rows[] = {
      {"no account", [](PublicReport& r) { r.what_happened = " \n\t "; }, "what_happened"},
      {"bad email", [](PublicReport& r) { r.reporter_email = "noor at example.net"; }, "reporter_email"},
      {"answer by email without one", [](PublicReport& r) { r.answer_by_email = true; }, "answer_by_email"},
      {"unknown role",
       [](PublicReport& r) {
         r.people = {{"witness", "Noor", ""}, {"bystander", "", "@drift_wood"}};
       },
       "people[2].role"},
      {"date in the future", [](PublicReport& r) { r.occurred_on = "2026-11-26"; }, "occurred_on"},
      {"not a date", [](PublicReport& r) { r.occurred_on = "last friday"; }, "occurred_on"},
      {"unknown space", [](PublicReport& r) { r.space = "moon"; }, "space"},
      {"name not text", [](PublicReport& r) { r.reporter_name = std::string("No\0or", 5); }, "reporter_name"},
      {"account too long", [](PublicReport& r) { r.what_happened = std::string(20001, 'a'); }, "what_happened"},
      {"when too long", [](PublicReport& r) { r.when = std::string(301, 'a'); }, "when"},
      {"a chair of another community", [](PublicReport& r) { r.concerned_members = {20}; }, "concerned_members"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    PublicReport report = only_what_happened();
    row.change(report);
    const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(fields_of(plan.error()), std::set<std::string>{row.field}) << plan.error().message;
  }
}

TEST(PublicReportTest, ReportsEveryProblemAtOnce) {
  PublicReport report;
  report.reporter_email = "not-an-address";
  report.occurred_on = "2027-01-01";
  report.space = "moon";
  report.people = {{"judge", "Someone", ""}};
  report.concerned_members = {18};
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(fields_of(plan.error()), (std::set<std::string>{"what_happened", "reporter_email", "occurred_on", "space",
                                                            "people[1].role", "concerned_members"}));
}

TEST(PublicReportTest, AnEmailIsLowerCasedAndAcknowledged) {
  PublicReport report = only_what_happened();
  report.reporter_name = "  Noor Haddad ";
  report.reporter_email = " Noor@Example.NET ";
  report.answer_by_email = true;
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->acknowledge_to, "noor@example.net");
  EXPECT_TRUE(plan->answer_by_email);
  EXPECT_EQ(plan->command.report.parties[0].role, "reporter");
  EXPECT_EQ(plan->command.report.parties[0].name, "Noor Haddad");
  EXPECT_EQ(plan->command.report.parties[0].contact, "noor@example.net");
  EXPECT_EQ(plan->command.report.report_text.find("Anonymous"), std::string::npos);
}

TEST(PublicReportTest, EmptyPeopleRowsNameNoOne) {
  PublicReport report = only_what_happened();
  report.people = {{"reported-person", "", ""},
                   {"not-a-role-but-empty", "  ", " "},
                   {"reported-person", "", "@drift_wood"},
                   {"witness", "Sam", ""},
                   {"harmed-individual", "Noor", "noor@example.net"}};
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const std::vector<PartyInput>& parties = plan->command.report.parties;
  ASSERT_EQ(parties.size(), 4u);
  EXPECT_EQ(parties[0].role, "reporter");
  EXPECT_EQ(parties[1].role, "reported");
  EXPECT_EQ(parties[1].contact, "@drift_wood");
  EXPECT_EQ(parties[2].role, "witness");
  EXPECT_EQ(parties[2].name, "Sam");
  EXPECT_EQ(parties[3].role, std::string(to_string(PartyRole::HarmedIndividual)));
  EXPECT_EQ(parties[3].contact, "noor@example.net");
}

TEST(PublicReportTest, AtMostTwentyPeople) {
  PublicReport report = only_what_happened();
  for (int i = 0; i < 21; ++i) report.people.push_back({"witness", "Person " + std::to_string(i), ""});
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(fields_of(plan.error()), std::set<std::string>{"people"});
}

TEST(PublicReportTest, TodayAndAKnownSpaceAreAccepted) {
  PublicReport report = only_what_happened();
  report.occurred_on = "2026-11-25";
  report.space = "chat";
  report.where = " #help ";
  report.ongoing = true;
  report.physical_danger = true;
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->command.occurred_on, "2026-11-25");
  EXPECT_EQ(plan->command.space, "chat");
  EXPECT_EQ(plan->command.location, "#help");
  EXPECT_TRUE(plan->command.ongoing);
  EXPECT_TRUE(plan->command.physical_danger);
}

TEST(PublicReportTest, OnlyMembersTheFormOffersMayBeNamed) {
  const struct {
    std::int64_t id;
    const char* who;
    bool nameable;
  } rows[] = {
      {10, "chair", true},
      {11, "vice-chair", true},
      {12, "member", true},
      {13, "adviser", true},
      {14, "liaison", true},
      {15, "board member", true},
      {16, "former member", false},
      {17, "member whose term ended", false},
      {18, "local representative", false},
      {19, "instance admin", false},
      {20, "chair of another community", false},
      {99, "no one", false},
      {-1, "not a number (the form's -1)", false},
  };
  const std::vector<Member> members = community_members();
  for (const auto& row : rows) {
    SCOPED_TRACE(row.who);
    PublicReport report = only_what_happened();
    report.concerned_members = {row.id};
    const auto plan = plan_public_report(report, test_community(), members, test_now());
    EXPECT_EQ(plan.ok(), row.nameable);
    if (plan.ok()) {
      EXPECT_EQ(plan->excluded_members, std::vector<std::int64_t>{row.id});
    } else {
      EXPECT_EQ(fields_of(plan.error()), std::set<std::string>{"concerned_members"});
    }
    for (const Member& member : members)
      if (member.id == row.id && member.community_id == 1) {
        EXPECT_EQ(nameable_on_report_form(member, test_now()), row.nameable);
      }
  }
}

TEST(PublicReportTest, AMemberNamedTwiceIsExcludedOnce) {
  PublicReport report = only_what_happened();
  report.concerned_members = {12, 10, 12, 10, 12};
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->excluded_members, (std::vector<std::int64_t>{12, 10}));
}

TEST(PublicReportTest, AReportAlreadyHandledIsKeptOnFile) {
  PublicReport report = only_what_happened();
  report.handled_locally = true;
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->wording, AcknowledgementWording::KeptOnFile);
  EXPECT_NE(plan->command.report.report_text.find("Already handled:\n"), std::string::npos);
  EXPECT_EQ(to_string(AcknowledgementWording::KeptOnFile), "kept on file");
  EXPECT_EQ(to_string(AcknowledgementWording::LookingIntoIt), "we will look into it");
}

TEST(PublicReportTest, AReportHeldInEscrowIsAcknowledgedAsHeld) {
  PublicReport report = only_what_happened();
  report.people = {{"reported-person", "", "@drift_wood"}};
  report.escrow = true;
  report.handled_locally = true;  // the held wording says more to the reporter than "kept on file"
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_TRUE(plan->escrow);
  EXPECT_EQ(plan->wording, AcknowledgementWording::HeldInEscrow);
  EXPECT_EQ(to_string(AcknowledgementWording::HeldInEscrow), "held in escrow");
  // Members read, once it is released, that it was held.
  EXPECT_NE(plan->command.report.report_text.find("Held in escrow:\n"), std::string::npos);

  report.escrow = false;
  const auto unheld = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_TRUE(unheld.ok()) << unheld.error().message;
  EXPECT_FALSE(unheld->escrow);
  EXPECT_EQ(unheld->wording, AcknowledgementWording::KeptOnFile);
}

// Nothing could ever release a report that names nobody who behaved badly.
TEST(PublicReportTest, EscrowNeedsAReportedPersonWithANameOrAHandle) {
  const std::vector<std::vector<InvolvedPerson>> refused = {
      {},
      {{"reported-person", "  ", ""}},  // an empty row names no one
      {{"witness", "Sam", "@sam"}, {"harmed-individual", "Noor", ""}},
  };
  for (const std::vector<InvolvedPerson>& people : refused) {
    PublicReport report = only_what_happened();
    report.people = people;
    report.escrow = true;
    const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
    ASSERT_FALSE(plan.ok()) << people.size();
    EXPECT_EQ(plan.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(fields_of(plan.error()), (std::set<std::string>{"escrow"}));
  }
  for (const InvolvedPerson& person :
       {InvolvedPerson{"reported-person", "Casey Drift", ""}, InvolvedPerson{"reported-person", "", "@drift_wood"}}) {
    PublicReport report = only_what_happened();
    report.people = {{"witness", "Sam", ""}, person};
    report.escrow = true;
    const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
    EXPECT_TRUE(plan.ok()) << person.name << person.handle << ": " << plan.error().message;
  }
}

TEST(PublicReportTest, TheTextMembersReadHoldsEverySectionInOrder) {
  PublicReport report = only_what_happened();
  report.reporter_email = "noor@example.net";
  report.when = "at the Friday social, around 10 pm";
  report.links = "https://forum.example/t/1\nhttps://forum.example/t/2";
  report.context = "It happened before, last year.";
  report.report_language = "Spanish";
  report.translation_tools = true;
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->command.report.report_text,
            "Someone kept messaging me in private after I asked them to stop.\n\n"
            "When:\nat the Friday social, around 10 pm\n\n"
            "Links:\nhttps://forum.example/t/1\nhttps://forum.example/t/2\n\n"
            "Context:\nIt happened before, last year.\n\n"
            "Language of the report:\nSpanish (translation tools were used)");
}

TEST(PublicReportTest, TranslationToolsAloneStillSaySo) {
  PublicReport report = only_what_happened();
  report.reporter_name = "Noor";
  report.translation_tools = true;
  const auto plan = plan_public_report(report, test_community(), community_members(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_NE(plan->command.report.report_text.find("Language of the report:\nTranslation tools were used."),
            std::string::npos)
      << plan->command.report.report_text;
}

Case case_in(CaseState state) {
  Case current;
  current.id = 3;
  current.code_name = "home shelf";
  current.state = state;
  return current;
}

TEST(AcknowledgementTest, SendsThenMovesTheCaseWithoutAnAuthor) {
  const auto edit = plan_acknowledgement(case_in(CaseState::Received), 2, AcknowledgementWording::KeptOnFile,
                                         {"noor@example.net", "conduct@tidewater.example"}, test_now());
  ASSERT_TRUE(edit.ok()) << edit.error().message;
  EXPECT_EQ(edit->new_state, CaseState::Acknowledged);
  ASSERT_EQ(edit->new_entries.size(), 2u);
  const TimelineEntry& sent = edit->new_entries[0];
  EXPECT_EQ(sent.number, 2);
  EXPECT_EQ(sent.kind, EntryKind::CommunicationOut);
  EXPECT_FALSE(sent.author_id.has_value());
  EXPECT_EQ(sent.created_at, test_now());
  EXPECT_NE(sent.body.find("kept on file"), std::string::npos) << sent.body;
  EXPECT_NE(sent.body.find("To: noor@example.net, conduct@tidewater.example"), std::string::npos) << sent.body;
  const TimelineEntry& moved = edit->new_entries[1];
  EXPECT_EQ(moved.number, 3);
  EXPECT_EQ(moved.kind, EntryKind::Transition);
  EXPECT_FALSE(moved.author_id.has_value());
  EXPECT_EQ(moved.from_state, CaseState::Received);
  EXPECT_EQ(moved.to_state, CaseState::Acknowledged);
}

TEST(AcknowledgementTest, OnlyACaseJustReceivedIsAcknowledgedAtIntake) {
  for (const auto& [state, name] : case_state_names()) {
    if (state == CaseState::Received) continue;
    SCOPED_TRACE(std::string(name));
    const auto edit = plan_acknowledgement(case_in(state), 2, AcknowledgementWording::LookingIntoIt, {}, test_now());
    ASSERT_FALSE(edit.ok());
    EXPECT_EQ(edit.error().code, ErrorCode::FailedPrecondition);
  }
}

TEST(ReporterStatusTest, EveryStateHasPlainWords) {
  const std::pair<CaseState, const char*> expected[] = {
      {CaseState::Received, "status.received"},
      {CaseState::Acknowledged, "status.acknowledged"},
      {CaseState::Investigating, "status.looking_into_it"},
      {CaseState::Deciding, "status.looking_into_it"},
      {CaseState::AwaitingFeedback, "status.your_view"},
      {CaseState::Enacting, "status.acting"},
      {CaseState::Resolved, "status.closed"},
      {CaseState::EscalatedToBoard, "status.with_the_board"},
      {CaseState::Reconsideration, "status.looking_into_it"},
      {CaseState::Reopened, "status.looking_into_it"},
  };
  EXPECT_EQ(std::size(expected), case_state_names().size()) << "a state without a row here";
  for (const auto& [state, key] : expected) EXPECT_EQ(reporter_status_key(state), key) << to_string(state);
}

TEST(ReporterStatusTest, AHeldCaseSaysItIsHeldWhateverItsState) {
  for (const CaseState state : {CaseState::Received, CaseState::Acknowledged}) {
    Case held = case_in(state);
    held.escrowed = true;
    EXPECT_EQ(reporter_status_key(held), "status.held");
    held.escrowed = false;
    EXPECT_EQ(reporter_status_key(held), reporter_status_key(state));
  }
}

TEST(PublicReportTest, NamesAndHandlesAreOneLineEach) {
  // A name goes into the acknowledgement mail: it must not carry a message of its own.
  for (const char* typed : {"Bob\n\nYour account is suspended", "Bob\rX", "Bob\tX"}) {
    PublicReport report;
    report.what_happened = "Someone kept writing to me.";
    report.reporter_name = typed;
    report.people = {{"witness", "Ann\nB", "@ann"}};
    report.when = "Friday\nnight";
    const auto plan = plan_public_report(report, test_community(), {}, test_now());
    ASSERT_FALSE(plan.ok());
    for (const char* field : {"reporter_name", "people[1].name", "when"})
      EXPECT_EQ(plan.error().fields.at(field), "must be one line") << field;
  }
  PublicReport fine;
  fine.what_happened = "Line one.\nLine two.";  // the account may have many lines
  fine.reporter_name = "  Noor Haddad  ";
  const auto plan = plan_public_report(fine, test_community(), {}, test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->reporter_name, "Noor Haddad");
}

}  // namespace
}  // namespace conduct::domain

namespace conduct::domain {
namespace {

// The first problem check_reporter_files finds, or empty.
std::string files_problem(const std::vector<ReporterFile>& files, const Policy& policy) {
  FieldErrors errors;
  check_reporter_files(errors, files, policy);
  const Status status = errors.result("files");
  return status.ok() ? std::string() : status.error().fields.at("files");
}

TEST(ReporterFilesTest, KeepToThePolicysLimits) {
  Policy policy = default_policy();
  policy.intake.reporter_files_most = 2;
  policy.intake.reporter_files_max_bytes = 100;
  policy.evidence_max_bytes = 60;
  EXPECT_EQ(files_problem({}, policy), "");
  EXPECT_EQ(files_problem({{"a.png", 60}, {"b.png", 40}}, policy), "") << "exactly at both limits";
  EXPECT_EQ(files_problem({{"a", 1}, {"b", 1}, {"c", 1}}, policy), "are too many: at most 2 files at a time");
  EXPECT_EQ(files_problem({{"a", 1}, {"secret-name.png", 0}}, policy), "include an empty one: file 2");
  EXPECT_EQ(files_problem({{"secret-name.png", 61}}, policy),
            "include one larger than the limit of 60 bytes for a file: file 1");
  EXPECT_EQ(files_problem({{"a", 60}, {"b", 41}}, policy), "are larger together than the limit of 100 bytes");
  policy.intake.reporter_files_most = 0;
  EXPECT_EQ(files_problem({{"a", 1}}, policy), "cannot be sent here: this community takes no files with a report");
}

TEST(ReporterFilesTest, APublicReportWithTooManyFilesNamesTheField) {
  Community community;
  community.policy = default_policy();
  PublicReport report;
  report.what_happened = "Rude messages.";
  report.files.assign(community.policy.intake.reporter_files_most + 1, ReporterFile{"a.png", 10});
  const auto plan = plan_public_report(report, community, {}, Timestamp{1'800'000'000});
  ASSERT_FALSE(plan.ok());
  EXPECT_TRUE(plan.error().fields.count("files"));
  report.files.pop_back();
  EXPECT_TRUE(plan_public_report(report, community, {}, Timestamp{1'800'000'000}).ok());
}

TEST(ReporterFilesTest, PolicyLimitsAreChecked) {
  Policy policy = default_policy();
  policy.intake.reporter_files_most = kMostReporterFiles + 1;
  policy.intake.reporter_files_max_bytes = 0;
  const Status checked = validate_policy(policy);
  ASSERT_FALSE(checked.ok());
  EXPECT_TRUE(checked.error().fields.count("intake.reporter_files_most"));
  EXPECT_TRUE(checked.error().fields.count("intake.reporter_files_max_bytes"));
}

}  // namespace
}  // namespace conduct::domain
