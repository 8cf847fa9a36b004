// Conflicts of interest and the grants that let someone outside the group see a case,
// as scenarios over the use cases (docs/domain.md and docs/security.md; src/domain/conflicts.cpp and
// src/domain/access.cpp state the rules). Each scenario checks what the people
// concerned see afterwards, and that a case hidden from someone answers exactly like a
// case that does not exist.
#include "app/conflicts.h"

#include <gmock/gmock.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "app/cases.h"
#include "app/members.h"
#include "app/people.h"
#include "app_fixture.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using testing::AppTest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class ConflictsTest : public AppTest {
 protected:
  // Opens a case recorded by `actor` naming `parties`; returns its record.
  domain::CaseRecord open(const std::vector<domain::PartyInput>& parties, const Actor* actor = nullptr) {
    domain::NewCaseCommand command;
    command.report.report_text = "Repeated unwanted messages after being asked to stop.";
    command.report.channel = "email";
    command.space = "forum";
    command.categories = {"harassment"};
    command.report.parties = parties;
    auto record = open_case(context_, actor ? *actor : chair_, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? *record : domain::CaseRecord{};
  }

  domain::CaseRecord open_plain() { return open({{"reported", "", "@drift_wood", "", ""}}); }

  // Adds a member with handles and an employer, which the fixture's add() leaves out.
  Actor add_with(const std::string& email, const std::string& name, const std::string& role,
                 std::vector<std::string> handles, const std::string& employer = "") {
    domain::NewMemberCommand command;
    command.email = email;
    command.display_name = name;
    command.role = role;
    command.handles = std::move(handles);
    command.employer = employer;
    auto added = add_member(context_, chair_, command);
    EXPECT_TRUE(added.ok()) << added.error().message;
    return holder(email);
  }

  // The actor as the shell would load it for the next request (same session's keys).
  Actor reload(const Actor& actor) {
    auto member = store_->find_member(actor.community.id, actor.member.email);
    EXPECT_TRUE(member.ok()) << member.error().message;
    return Actor{actor.community, member.ok() ? *member : domain::Member{}, actor.keys};
  }

  // `holder` grants `member` the key of the case from their queue of pending grants.
  void grant(const Actor& holder, const domain::CaseRecord& record, const Actor& member) {
    const Status granted = approve_access(context_, holder, url_of(record), member.member.email);
    ASSERT_TRUE(granted.ok()) << granted.error().message;
  }
  static std::string url_of(const domain::CaseRecord& record) { return domain::url_form(record.summary.code_name); }

  // A member the policy lets read the case, but who holds no key to it yet.
  void expect_key_not_granted(const Actor& actor, const domain::CaseRecord& record) {
    const auto shown = show_case(context_, actor, url_of(record));
    ASSERT_FALSE(shown.ok());
    EXPECT_EQ(shown.error().code, ErrorCode::FailedPrecondition) << shown.error().message;
  }

  std::vector<std::string> listed(const Actor& actor) {
    auto cases = list_cases(context_, actor, {});
    EXPECT_TRUE(cases.ok()) << cases.error().message;
    std::vector<std::string> names;
    if (cases.ok())
      for (const domain::Case& summary : *cases) names.push_back(summary.code_name);
    return names;
  }

  std::vector<std::string> to_screen(const Actor& actor) {
    auto items = cases_to_screen(context_, actor);
    EXPECT_TRUE(items.ok()) << items.error().message;
    std::vector<std::string> names;
    if (items.ok())
      for (const ScreeningItem& item : *items) names.push_back(item.summary.code_name);
    return names;
  }

  bool reads(const Actor& actor, const std::string& code) { return show_case(context_, actor, code).ok(); }

  // A case the actor may not see answers NotFound with the very message of a case that
  // does not exist: "no case '<spaced name>'".
  template <typename T>
  void expect_hidden(const Result<T>& result, const std::string& code_name) {
    ASSERT_FALSE(result.ok()) << "expected the case '" << code_name << "' to be hidden";
    EXPECT_EQ(result.error().code, ErrorCode::NotFound) << result.error().message;
    EXPECT_EQ(result.error().message, "no case '" + code_name + "'");
    EXPECT_TRUE(result.error().fields.empty());
  }

  domain::AccessFacts facts() {
    auto loaded = store_->load_access_facts(chair_.community.id);
    EXPECT_TRUE(loaded.ok()) << loaded.error().message;
    return loaded.ok() ? *loaded : domain::AccessFacts{};
  }

  std::optional<domain::ExclusionReason> exclusion_of(const Actor& actor, const domain::CaseRecord& record) {
    for (const domain::Exclusion& exclusion : facts().exclusions)
      if (exclusion.case_id == record.summary.id && exclusion.member_id == actor.member.id) return exclusion.reason;
    return std::nullopt;
  }
};

// Every piece of text a case record hands to its reader.
std::vector<std::string> texts_of(const domain::CaseRecord& record) {
  std::vector<std::string> texts = {record.summary.code_name, record.summary.location, record.summary.space_key};
  for (const domain::Report& report : record.reports) texts.push_back(report.text);
  for (const domain::Party& party : record.parties)
    for (const std::string* text : {&party.name, &party.contact, &party.employer, &party.person_code_name})
      texts.push_back(*text);
  for (const domain::TimelineEntry& entry : record.timeline) texts.push_back(entry.body);
  return texts;
}

bool mentions(const std::vector<std::string>& texts, const std::string& needle) {
  return std::any_of(texts.begin(), texts.end(),
                     [&](const std::string& text) { return text.find(needle) != std::string::npos; });
}

std::string url(const domain::CaseRecord& record) { return domain::url_form(record.summary.code_name); }

// ---- Declaring a conflict ----------------------------------------------------------------

TEST_F(ConflictsTest, DeclaringAConflictMakesTheCaseVanishForTheDeclarerOnly) {
  const Actor kofi = add("kofi@tidewater.example", "Kofi Mensah", "member");
  const domain::CaseRecord recused =
      open({{"reporter", "Mara Lind", "mara@example.net", "", ""}, {"reported", "", "@drift_wood", "", ""}});
  const domain::CaseRecord other = open({{"reported", "", "@another_one", "", ""}});
  const std::string code = recused.summary.code_name;
  const std::string hidden_person = recused.parties[1].person_code_name;
  const std::string kept_person = other.parties[0].person_code_name;
  ASSERT_TRUE(reads(member_, url(recused)));
  EXPECT_EQ((*show_person(context_, member_, hidden_person)).row.case_count, 1);

  const std::string note = "My sister shares a flat with the reporter.";
  const Status declared = declare_conflict(context_, member_, url(recused), note);
  ASSERT_TRUE(declared.ok()) << declared.error().message;

  // For the declarer the case no longer exists, by any use case.
  EXPECT_THAT(listed(member_), ElementsAre(other.summary.code_name));
  expect_hidden(show_case(context_, member_, url(recused)), code);
  expect_hidden(show_case(context_, member_, code), code);
  const auto missing = show_case(context_, member_, "amber-zebra");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_EQ(missing.error().message, "no case 'amber zebra'");
  expect_hidden(add_note(context_, member_, url(recused), {"note", "Still here?", std::nullopt}), code);
  expect_hidden(transition_case(context_, member_, url(recused), {"acknowledged", "Receipt confirmed.", "", ""}), code);
  expect_hidden(add_report(context_, member_, url(recused), {"More detail.", "email", {}}), code);
  EXPECT_THAT(to_screen(member_), IsEmpty());
  expect_hidden(declare_conflict(context_, member_, url(recused), "again"), code);
  expect_hidden(clear_case(context_, member_, url(recused)), code);

  // Person records known only from the hidden case are hidden as well.
  const auto people = list_people(context_, member_);
  ASSERT_TRUE(people.ok()) << people.error().message;
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ((*people)[0].person.code_name, kept_person);
  EXPECT_EQ((*people)[0].case_count, 1);
  const auto hidden = show_person(context_, member_, hidden_person);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::NotFound);
  EXPECT_EQ(hidden.error().message, "no person record '" + hidden_person + "'");
  EXPECT_EQ(show_person(context_, member_, "Quiet Nobody").error().message, "no person record 'Quiet Nobody'");

  // The others still see it; the timeline discloses the recusal but not the reason.
  for (const Actor* other_member : std::vector<const Actor*>{&chair_, &kofi}) {
    SCOPED_TRACE(other_member->member.email);
    EXPECT_THAT(listed(*other_member), ::testing::Contains(code));
    const auto record = show_case(context_, *other_member, url(recused));
    ASSERT_TRUE(record.ok()) << record.error().message;
    ASSERT_FALSE(record->timeline.empty());
    const domain::TimelineEntry& last = record->timeline.back();
    EXPECT_EQ(last.kind, domain::EntryKind::ConflictDisclosure);
    EXPECT_EQ(domain::to_string(last.kind), "conflict-disclosure");
    EXPECT_THAT(last.body, Not(HasSubstr("sister")));
    EXPECT_FALSE(mentions(texts_of(*record), note));
    EXPECT_FALSE(mentions(texts_of(*record), "sister"));
    EXPECT_EQ((*show_person(context_, *other_member, hidden_person)).row.case_count, 1);
    const auto cases = list_cases(context_, *other_member, {});
    ASSERT_TRUE(cases.ok()) << cases.error().message;
    for (const domain::Case& summary : *cases) EXPECT_FALSE(mentions({summary.location, summary.code_name}, "sister"));
  }
  EXPECT_EQ(exclusion_of(member_, recused), domain::ExclusionReason::Declared);
  // The stored facts never carry the note either.
  for (const domain::Exclusion& exclusion : facts().exclusions) EXPECT_EQ(exclusion.note, "");
}

TEST_F(ConflictsTest, DeclaringAConflictOnAMissingOrHiddenCaseIsNotFound) {
  const domain::CaseRecord record = open_plain();
  expect_hidden(declare_conflict(context_, member_, "amber-zebra", ""), "amber zebra");
  expect_hidden(declare_conflict(context_, adviser_, url(record), ""), record.summary.code_name);
  EXPECT_FALSE(exclusion_of(adviser_, record).has_value());
}

// ---- Exclusions known at intake ---------------------------------------------------------

TEST_F(ConflictsTest, MembersWhoArePartiesAreExcludedAtIntake) {
  const Actor by_email = add("kofi@tidewater.example", "Kofi Mensah", "member");
  const Actor by_handle = add_with("lena@tidewater.example", "Lena Ortiz", "member", {"@Lena_O"});
  const Actor by_name = add("jonas@tidewater.example", "Jonas Berg", "member");
  const Actor as_witness_name = add("amara@tidewater.example", "Amara Osei", "member");
  const Actor as_reported_contact = add("wim@tidewater.example", "Wim de Vries", "vice-chair");
  const domain::CaseRecord record = open({
      {"witness", "", "  KOFI@Tidewater.EXAMPLE ", "", ""},  // any role, any case
      {"harmed", "", "@lena_o", "", ""},
      {"reported", "jonas  BERG", "", "", ""},  // by name, as a reported person
      {"witness", "Amara Osei", "", "", ""},    // a witness's name is no conflict
      {"reported", "", "wim@tidewater.example", "", ""},
  });
  const std::string code = record.summary.code_name;

  for (const Actor* excluded : {&by_email, &by_handle, &by_name, &as_reported_contact}) {
    SCOPED_TRACE(excluded->member.email);
    expect_hidden(show_case(context_, *excluded, url(record)), code);
    EXPECT_THAT(listed(*excluded), IsEmpty());
    EXPECT_THAT(to_screen(*excluded), IsEmpty());
  }
  EXPECT_EQ(exclusion_of(by_email, record), domain::ExclusionReason::Party);
  EXPECT_EQ(exclusion_of(by_handle, record), domain::ExclusionReason::Party);
  EXPECT_EQ(exclusion_of(by_name, record), domain::ExclusionReason::NamedAsReported);
  EXPECT_EQ(exclusion_of(as_reported_contact, record), domain::ExclusionReason::NamedAsReported);

  EXPECT_FALSE(exclusion_of(as_witness_name, record).has_value());
  for (const Actor* sees : std::vector<const Actor*>{&as_witness_name, &member_, &chair_}) {
    SCOPED_TRACE(sees->member.email);
    EXPECT_TRUE(reads(*sees, url(record)));
    EXPECT_THAT(listed(*sees), ElementsAre(code));
  }
  EXPECT_EQ(facts().exclusions.size(), 4u);
}

TEST_F(ConflictsTest, ASharedEmployerAsksTheMemberToConfirmOrDismiss) {
  const Actor colleague = add_with("noor@tidewater.example", "Noor Haddad", "member", {}, "Globex Corp");
  const domain::CaseRecord first = open({{"reported", "", "@drift_wood", "", "  globex   CORP "}});
  const std::string code = first.summary.code_name;

  // Only the code name, as something to screen.
  const auto items = cases_to_screen(context_, colleague);
  ASSERT_TRUE(items.ok()) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].summary.code_name, code);
  EXPECT_TRUE((*items)[0].possible_conflict);
  EXPECT_THAT(listed(colleague), IsEmpty());
  expect_hidden(show_case(context_, colleague, url(first)), code);
  expect_hidden(add_note(context_, colleague, url(first), {"note", "x", std::nullopt}), code);
  EXPECT_FALSE(exclusion_of(colleague, first).has_value());
  EXPECT_TRUE(reads(member_, url(first)));  // nobody else is affected

  // Dismissing it gives access; the key follows when a holder grants it.
  const Status cleared = clear_case(context_, colleague, url(first));
  ASSERT_TRUE(cleared.ok()) << cleared.error().message;
  expect_key_not_granted(colleague, first);
  grant(chair_, first, colleague);
  EXPECT_TRUE(reads(colleague, url(first)));
  EXPECT_THAT(listed(colleague), ElementsAre(code));
  EXPECT_THAT(to_screen(colleague), IsEmpty());
  EXPECT_THAT(facts().possible_conflicts, IsEmpty());
  expect_hidden(clear_case(context_, colleague, url(first)), code);  // nothing left to screen

  // Confirming it on another case excludes the member for that reason.
  const domain::CaseRecord second = open({{"witness", "Someone", "", "", "Globex Corp"}});
  ASSERT_EQ(to_screen(colleague), std::vector<std::string>{second.summary.code_name});
  const Status declared = declare_conflict(context_, colleague, url(second), "");
  ASSERT_TRUE(declared.ok()) << declared.error().message;
  expect_hidden(show_case(context_, colleague, url(second)), second.summary.code_name);
  EXPECT_THAT(listed(colleague), ElementsAre(code));
  EXPECT_THAT(to_screen(colleague), IsEmpty());
  EXPECT_EQ(exclusion_of(colleague, second), domain::ExclusionReason::SharedEmployer);
  EXPECT_THAT(facts().possible_conflicts, IsEmpty());
  EXPECT_EQ((*show_case(context_, chair_, url(second))).timeline.back().kind, domain::EntryKind::ConflictDisclosure);
}

TEST_F(ConflictsTest, AFurtherReportNamingAMemberExcludesThem) {
  const domain::CaseRecord record = open_plain();
  ASSERT_TRUE(reads(member_, url(record)));
  const auto added = add_report(context_, chair_, url(record),
                                {"I saw it as well.", "email", {{"witness", "", "Priya@Tidewater.example", "", ""}}});
  ASSERT_TRUE(added.ok()) << added.error().message;
  expect_hidden(show_case(context_, member_, url(record)), record.summary.code_name);
  EXPECT_THAT(listed(member_), IsEmpty());
  EXPECT_EQ(exclusion_of(member_, record), domain::ExclusionReason::Party);
  EXPECT_TRUE(reads(chair_, url(record)));

  // A further report naming a member as reported, by name, excludes them too.
  const Actor jonas = add("jonas@tidewater.example", "Jonas Berg", "member");
  expect_key_not_granted(jonas, record);  // certified after the case was opened
  grant(chair_, record, jonas);
  ASSERT_TRUE(reads(jonas, url(record)));
  ASSERT_TRUE(
      add_report(context_, chair_, url(record), {"Another account.", "email", {{"reported", "Jonas Berg", "", "", ""}}})
          .ok());
  EXPECT_EQ(exclusion_of(jonas, record), domain::ExclusionReason::NamedAsReported);
  expect_hidden(show_case(context_, jonas, url(record)), record.summary.code_name);
}

// ---- New members ----------------------------------------------------------------------------

TEST_F(ConflictsTest, TheAccessQueueIsPagedLongestWaitFirst) {
  const domain::CaseRecord first = open_plain();
  const domain::CaseRecord second = open_plain();
  const domain::CaseRecord third = open_plain();
  clock_.advance_seconds(kSecondsPerHour);
  const Actor newcomer = add("noor@tidewater.example", "Noor Haddad", "member");
  for (const domain::CaseRecord* record : {&second, &first, &third}) {
    clock_.advance_seconds(60);
    ASSERT_TRUE(clear_case(context_, newcomer, url(*record)).ok());
  }
  const auto page = access_requests(context_, member_, 2);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->requests.size(), 2u);
  EXPECT_TRUE(page->more);
  EXPECT_EQ(page->requests[0].summary.code_name, second.summary.code_name);
  EXPECT_EQ(page->requests[1].summary.code_name, first.summary.code_name);
  EXPECT_EQ(page->requests[0].kind, "screening");

  const auto whole = access_requests(context_, member_, 3);
  ASSERT_TRUE(whole.ok());
  ASSERT_EQ(whole->requests.size(), 3u);
  EXPECT_FALSE(whole->more);
  EXPECT_EQ(whole->requests[2].summary.code_name, third.summary.code_name);
  // Approving one takes it off the queue; what was beyond the page moves up.
  ASSERT_TRUE(approve_access(context_, member_, url(second), newcomer.member.email).ok());
  const auto after = access_requests(context_, member_, 2);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->requests.size(), 2u);
  EXPECT_FALSE(after->more);
  EXPECT_EQ(after->requests[1].summary.code_name, third.summary.code_name);
}

TEST_F(ConflictsTest, TheLongestWaitComesFirstWhateverTheCasesAge) {
  std::vector<domain::CaseRecord> cases;
  for (int i = 0; i < 4; ++i) {
    clock_.advance_seconds(60);
    cases.push_back(open_plain());
  }
  clock_.advance_seconds(kSecondsPerHour);
  const Actor newcomer = add("noor@tidewater.example", "Noor Haddad", "member");
  for (const domain::CaseRecord& record : cases) {  // the oldest case screened first
    clock_.advance_seconds(60);
    ASSERT_TRUE(clear_case(context_, newcomer, url(record)).ok());
  }
  const auto page = access_requests(context_, member_, 2);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->requests.size(), 2u);
  EXPECT_TRUE(page->more);
  EXPECT_EQ(page->requests[0].summary.code_name, cases[0].summary.code_name);
  EXPECT_EQ(page->requests[1].summary.code_name, cases[1].summary.code_name);
}

TEST_F(ConflictsTest, ANewMemberScreensCasesOpenedBeforeTheyJoined) {
  const domain::CaseRecord before = open_plain();
  clock_.advance_seconds(kSecondsPerHour);
  const Actor newcomer = add("noor@tidewater.example", "Noor Haddad", "member");

  const auto items = cases_to_screen(context_, newcomer);
  ASSERT_TRUE(items.ok()) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].summary.code_name, before.summary.code_name);
  EXPECT_FALSE((*items)[0].possible_conflict);
  EXPECT_THAT(listed(newcomer), IsEmpty());
  expect_hidden(show_case(context_, newcomer, url(before)), before.summary.code_name);
  expect_hidden(transition_case(context_, newcomer, url(before), {"acknowledged", "ok", "", ""}),
                before.summary.code_name);
  // The person record of a case still to screen is hidden as well.
  EXPECT_THAT(*list_people(context_, newcomer), IsEmpty());

  const Status cleared = clear_case(context_, newcomer, url(before));
  ASSERT_TRUE(cleared.ok()) << cleared.error().message;
  // Screened, the newcomer waits until someone who handles the case lets them in.
  expect_hidden(show_case(context_, newcomer, url(before)), before.summary.code_name);
  EXPECT_THAT(to_screen(newcomer), IsEmpty());
  EXPECT_THAT(listed(newcomer), IsEmpty());
  const auto waiting = access_requests(context_, member_);
  ASSERT_TRUE(waiting.ok()) << waiting.error().message;
  ASSERT_EQ(waiting->requests.size(), 1u);
  EXPECT_EQ(waiting->requests[0].member.id, newcomer.member.id);
  EXPECT_EQ(waiting->requests[0].summary.code_name, before.summary.code_name);
  // The newcomer cannot let themselves in; someone who handles the case can.
  expect_hidden(approve_access(context_, newcomer, url(before), newcomer.member.email), before.summary.code_name);
  ASSERT_TRUE(approve_access(context_, member_, url(before), newcomer.member.email).ok());
  EXPECT_TRUE(access_requests(context_, member_)->requests.empty());
  EXPECT_TRUE(reads(newcomer, url(before)));
  EXPECT_THAT(listed(newcomer), ElementsAre(before.summary.code_name));
  EXPECT_THAT(to_screen(newcomer), IsEmpty());
  EXPECT_EQ(list_people(context_, newcomer)->size(), 1u);
  ASSERT_EQ(facts().screenings.size(), 1u);
  EXPECT_EQ(facts().screenings[0].member_id, newcomer.member.id);
  EXPECT_EQ(facts().screenings[0].screened_at, clock_.now());

  // A case opened after they joined needs no screening.
  clock_.advance_seconds(kSecondsPerHour);
  const domain::CaseRecord after = open_plain();
  EXPECT_TRUE(reads(newcomer, url(after)));
  EXPECT_THAT(to_screen(newcomer), IsEmpty());
  expect_hidden(clear_case(context_, newcomer, url(after)), after.summary.code_name);
  // Members who were there before the case never screen it.
  EXPECT_THAT(to_screen(member_), IsEmpty());
}

TEST_F(ConflictsTest, AChairWithAConflictCannotLetANewcomerIntoTheCase) {
  const domain::CaseRecord record = open_plain();
  ASSERT_TRUE(declare_conflict(context_, chair_, url(record), "").ok());
  clock_.advance_seconds(kSecondsPerHour);
  // The chair adds a member (and holds their enrolment link); the member screens the case.
  const Actor newcomer = add("puppet@tidewater.example", "Pat Puppet", "member");
  ASSERT_TRUE(clear_case(context_, newcomer, url(record)).ok());
  // The chair cannot approve: the case does not exist for them.
  expect_hidden(approve_access(context_, chair_, url(record), newcomer.member.email), record.summary.code_name);
  EXPECT_TRUE(access_requests(context_, chair_)->requests.empty());
  expect_hidden(show_case(context_, newcomer, url(record)), record.summary.code_name);
  // A member without a conflict can.
  ASSERT_TRUE(approve_access(context_, member_, url(record), newcomer.member.email).ok());
  EXPECT_TRUE(reads(newcomer, url(record)));
  // Approving again finds nobody waiting.
  EXPECT_EQ(approve_access(context_, member_, url(record), newcomer.member.email).error().code, ErrorCode::NotFound);
}

TEST_F(ConflictsTest, ANewMemberWhoIsAPartyIsExcludedWhenAdded) {
  const domain::CaseRecord named = open({{"reported", "", "@noor_h", "", ""}});
  const domain::CaseRecord witnessed = open({{"witness", "", "NOOR@tidewater.example", "", ""}});
  const domain::CaseRecord employer = open({{"reported", "", "@drift_wood", "", "Globex Corp"}});
  const domain::CaseRecord unrelated = open_plain();
  clock_.advance_seconds(kSecondsPerDay);
  const Actor newcomer = add_with("noor@tidewater.example", "Noor Haddad", "member", {"@noor_h"}, "globex corp");

  EXPECT_EQ(exclusion_of(newcomer, named), domain::ExclusionReason::NamedAsReported);
  EXPECT_EQ(exclusion_of(newcomer, witnessed), domain::ExclusionReason::Party);
  EXPECT_FALSE(exclusion_of(newcomer, employer).has_value());
  for (const domain::CaseRecord* record : {&named, &witnessed}) {
    expect_hidden(show_case(context_, newcomer, url(*record)), record->summary.code_name);
    expect_hidden(clear_case(context_, newcomer, url(*record)), record->summary.code_name);
  }
  // Only the cases without an exclusion are left to screen; the shared employer is flagged.
  const auto items = cases_to_screen(context_, newcomer);
  ASSERT_TRUE(items.ok()) << items.error().message;
  ASSERT_EQ(items->size(), 2u);
  for (const ScreeningItem& item : *items) {
    SCOPED_TRACE(item.summary.code_name);
    EXPECT_NE(item.summary.code_name, named.summary.code_name);
    EXPECT_NE(item.summary.code_name, witnessed.summary.code_name);
    EXPECT_EQ(item.possible_conflict, item.summary.code_name == employer.summary.code_name);
  }
  ASSERT_TRUE(clear_case(context_, newcomer, url(unrelated)).ok());
  ASSERT_TRUE(approve_access(context_, chair_, url(unrelated), newcomer.member.email).ok());
  EXPECT_THAT(listed(newcomer), ElementsAre(unrelated.summary.code_name));

  // Clearing the flagged case answers both questions at once: no conflict, screened.
  ASSERT_TRUE(clear_case(context_, newcomer, url(employer)).ok());
  ASSERT_TRUE(approve_access(context_, chair_, url(employer), newcomer.member.email).ok());
  EXPECT_TRUE(reads(newcomer, url(employer)));
  EXPECT_THAT(to_screen(newcomer), IsEmpty());
  EXPECT_THAT(facts().possible_conflicts, IsEmpty());
  EXPECT_EQ(facts().screenings.size(), 2u);
}

// ---- Advisers ---------------------------------------------------------------------------------

TEST_F(ConflictsTest, AnAdviserSeesOnlyTheCasesAChairInvitedThemTo) {
  const domain::CaseRecord record = open_plain();
  const domain::CaseRecord other = open_plain();
  const std::string code = record.summary.code_name;
  EXPECT_THAT(listed(adviser_), IsEmpty());
  expect_hidden(show_case(context_, adviser_, url(record)), code);

  // The policy denies InviteAdviser to a member who is not a chair: answered as not found.
  expect_hidden(invite_adviser(context_, member_, url(record), "ada@tidewater.example"), code);
  expect_hidden(invite_adviser(context_, adviser_, url(record), "ada@tidewater.example"), code);
  EXPECT_THAT(listed(adviser_), IsEmpty());

  const Status invited = invite_adviser(context_, chair_, url(record), "  ADA@tidewater.example ");
  ASSERT_TRUE(invited.ok()) << invited.error().message;
  EXPECT_THAT(listed(adviser_), ElementsAre(code));
  EXPECT_TRUE(reads(adviser_, url(record)));
  const auto note =
      add_note(context_, adviser_, url(record), {"note", "An outside view on the messages.", std::nullopt});
  ASSERT_TRUE(note.ok()) << note.error().message;
  EXPECT_EQ(note->author_id, adviser_.member.id);
  expect_hidden(transition_case(context_, adviser_, url(record), {"acknowledged", "ok", "", ""}), code);
  EXPECT_EQ((*show_case(context_, chair_, url(record))).summary.state, domain::CaseState::Received);
  expect_hidden(invite_adviser(context_, adviser_, url(record), "ada@tidewater.example"), code);
  expect_hidden(show_case(context_, adviser_, url(other)), other.summary.code_name);

  ASSERT_EQ(facts().invitations.size(), 1u);
  EXPECT_EQ(facts().invitations[0].member_id, adviser_.member.id);
  EXPECT_EQ(facts().invitations[0].invited_by, chair_.member.id);

  // Only an active adviser can be invited, and only once.
  for (const char* email : {"priya@tidewater.example", "nobody@tidewater.example", "not an email"}) {
    SCOPED_TRACE(email);
    const Status refused = invite_adviser(context_, chair_, url(other), email);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(refused.error().fields.count("adviser"), 1u) << refused.error().message;
  }
  const Status twice = invite_adviser(context_, chair_, url(record), "ada@tidewater.example");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::AlreadyExists);
  EXPECT_THAT(twice.error().message, HasSubstr("ada@tidewater.example"));
  EXPECT_EQ(facts().invitations.size(), 1u);
  expect_hidden(invite_adviser(context_, chair_, "amber-zebra", "ada@tidewater.example"), "amber zebra");
}

// ---- Board oversight --------------------------------------------------------------------------

TEST_F(ConflictsTest, BoardOversightIsAskedForApprovedReadOnlyAndExpires) {
  const Actor board = add("bea@tidewater.example", "Beatrix Hale", "board-member");
  const domain::CaseRecord record = open_plain();
  const std::string code = record.summary.code_name;
  expect_hidden(show_case(context_, board, url(record)), code);

  const auto invalid = request_oversight(context_, board, url(record), "   ", 0);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(invalid.error().fields.count("reason"), 1u);
  EXPECT_EQ(invalid.error().fields.count("days"), 1u);
  EXPECT_EQ(request_oversight(context_, board, url(record), "ok", 91).error().fields.count("days"), 1u);
  // A code that names no case is recorded for a chair, and the board member is told no
  // more than for a real one (OversightRequestsAnswerAlike).
  const auto made_up = request_oversight(context_, board, "amber-zebra", "ok", 7);
  ASSERT_TRUE(made_up.ok()) << made_up.error().message;
  EXPECT_EQ(made_up->id, 0);
  expect_hidden(request_oversight(context_, member_, url(record), "ok", 7), code);
  EXPECT_THAT(facts().grants, IsEmpty());

  const std::string reason = "The reporter asked the board to review how the case is handled.";
  const auto requested = request_oversight(context_, board, url(record), reason, 14);
  ASSERT_TRUE(requested.ok()) << requested.error().message;
  EXPECT_GT(requested->id, 0);
  EXPECT_FALSE(requested->approved_by.has_value());
  expect_hidden(show_case(context_, board, url(record)), code);
  EXPECT_THAT(listed(board), IsEmpty());

  // The chair sees the request with its reason; nobody else does.
  const auto requests = oversight_requests(context_, chair_, url(record));
  ASSERT_TRUE(requests.ok()) << requests.error().message;
  ASSERT_EQ(requests->size(), 1u);
  EXPECT_EQ((*requests)[0].id, requested->id);
  EXPECT_EQ((*requests)[0].member_id, board.member.id);
  EXPECT_EQ((*requests)[0].reason, reason);
  EXPECT_EQ((*requests)[0].days, 14);
  EXPECT_FALSE((*requests)[0].approved_by.has_value());
  expect_hidden(oversight_requests(context_, member_, url(record)), code);
  expect_hidden(oversight_requests(context_, board, url(record)), code);
  expect_hidden(approve_oversight(context_, member_, url(record), requested->id), code);
  expect_hidden(approve_oversight(context_, board, url(record), requested->id), code);

  clock_.advance_seconds(kSecondsPerHour);  // the grant runs from its approval
  const Status approved = approve_oversight(context_, chair_, url(record), requested->id);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  const domain::OversightGrant grant = (*oversight_requests(context_, chair_, url(record)))[0];
  EXPECT_EQ(grant.approved_by, chair_.member.id);
  EXPECT_EQ(grant.approved_at, clock_.now());

  EXPECT_TRUE(reads(board, url(record)));
  EXPECT_THAT(listed(board), ElementsAre(code));
  expect_hidden(add_note(context_, board, url(record), {"note", "Looks fine.", std::nullopt}), code);
  expect_hidden(transition_case(context_, board, url(record), {"acknowledged", "ok", "", ""}), code);
  expect_hidden(add_report(context_, board, url(record), {"More.", "email", {}}), code);

  const Status again = approve_oversight(context_, chair_, url(record), requested->id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::FailedPrecondition);
  const Status unknown = approve_oversight(context_, chair_, url(record), requested->id + 100);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);

  // A grant is good for `days` days from its approval, and not a second longer.
  clock_.advance_seconds(14 * kSecondsPerDay - 1);
  EXPECT_TRUE(reads(board, url(record)));
  clock_.advance_seconds(1);
  expect_hidden(show_case(context_, board, url(record)), code);
  EXPECT_THAT(listed(board), IsEmpty());
}

// The manual keeps a report about a board member from that member: asking for oversight
// of it, or of a code that names no case, answers as a real request does, and only a
// chair who may know the case learns which it was.
TEST_F(ConflictsTest, OversightRequestsAnswerAlikeAndTheChairSeesWhichNamedACase) {
  const Actor board = add("bea@tidewater.example", "Beatrix Hale", "board-member");
  const Actor vice = add("vera@tidewater.example", "Vera Lindqvist", "vice-chair");
  const domain::CaseRecord about_bea = open({{"reported", "Beatrix Hale", "bea@tidewater.example", "", ""}});
  const domain::CaseRecord other = open_plain();
  ASSERT_TRUE(declare_conflict(context_, vice, url(about_bea), "").ok());
  ASSERT_TRUE(exclusion_of(board, about_bea).has_value());  // named as the reported person

  const auto real = request_oversight(context_, board, url(other), "A review.", 7);
  const auto excluded = request_oversight(context_, board, url(about_bea), "A review.", 7);
  const auto missing = request_oversight(context_, board, "amber-zebra", "A review.", 7);
  for (const auto* answer : {&real, &excluded, &missing}) {
    ASSERT_TRUE(answer->ok()) << answer->error().message;
    EXPECT_EQ((*answer)->requested_at, clock_.now());
    EXPECT_EQ((*answer)->days, 7);
  }
  EXPECT_EQ(facts().grants.size(), 1u);  // only the case Bea may ask about has a request waiting

  // The chair sees both unmatched requests, and which named a case.
  const auto seen = unmatched_oversight_requests(context_, chair_);
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  ASSERT_EQ(seen->size(), 2u);
  std::map<std::string, bool> names_a_case;
  for (const UnmatchedOversightRequest& asked : *seen) {
    EXPECT_EQ(asked.member.id, board.member.id);
    names_a_case[asked.code_asked] = asked.names_a_case;
  }
  EXPECT_EQ(names_a_case, (std::map<std::string, bool>{{about_bea.summary.code_name, true}, {"amber zebra", false}}));
  // A vice-chair excluded from the case about Bea does not learn its code from the list.
  const auto seen_by_vice = unmatched_oversight_requests(context_, vice);
  ASSERT_TRUE(seen_by_vice.ok()) << seen_by_vice.error().message;
  ASSERT_EQ(seen_by_vice->size(), 1u);
  EXPECT_EQ(seen_by_vice->front().code_asked, "amber zebra");
  // Board members and members do not read the list.
  EXPECT_EQ(unmatched_oversight_requests(context_, board).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(unmatched_oversight_requests(context_, member_).error().code, ErrorCode::PermissionDenied);
}

TEST_F(ConflictsTest, ACaseConcerningEveryChairGoesToTheBoard) {
  const Actor vice = add("vera@tidewater.example", "Vera Lindqvist", "vice-chair");
  const Actor board = add("bea@tidewater.example", "Beatrix Hale", "board-member");
  const domain::CaseRecord record = open_plain();
  const std::string code = record.summary.code_name;

  ASSERT_TRUE(declare_conflict(context_, chair_, url(record), "").ok());
  expect_hidden(show_case(context_, board, url(record)), code);  // the vice-chair still handles it
  EXPECT_TRUE(reads(vice, url(record)));

  ASSERT_TRUE(declare_conflict(context_, vice, url(record), "").ok());
  EXPECT_THAT(listed(board), ElementsAre(code));
  expect_key_not_granted(board, record);  // the chairs who held it are gone; a member who holds it grants
  grant(member_, record, board);
  EXPECT_TRUE(reads(board, url(record)));
  const auto note = add_note(context_, board, url(record), {"note", "The board takes this case.", std::nullopt});
  ASSERT_TRUE(note.ok()) << note.error().message;
  const auto moved = transition_case(context_, board, url(record), {"acknowledged", "Receipt confirmed.", "", ""});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->state, domain::CaseState::Acknowledged);
  EXPECT_THAT(facts().grants, IsEmpty());

  // The chairs stay out; the rest of the group keeps working on it.
  expect_hidden(show_case(context_, chair_, url(record)), code);
  expect_hidden(show_case(context_, vice, url(record)), code);
  EXPECT_TRUE(reads(member_, url(record)));
  // Board routing gives nothing outside the group's own roles.
  expect_hidden(show_case(context_, adviser_, url(record)), code);
}

// ---- Offboarding and renewing ---------------------------------------------------------------

TEST_F(ConflictsTest, AnOffboardedMemberCanDoNothing) {
  const domain::CaseRecord record = open_plain();
  const std::string code = record.summary.code_name;

  const auto by_member = offboard_member(context_, member_, "adviser@tidewater.example");
  ASSERT_FALSE(by_member.ok());
  EXPECT_EQ(by_member.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(offboard_member(context_, chair_, "nobody@tidewater.example").error().code, ErrorCode::NotFound);

  const auto offboarded = offboard_member(context_, chair_, " PRIYA@tidewater.example");
  ASSERT_TRUE(offboarded.ok()) << offboarded.error().message;
  EXPECT_EQ(offboarded->status, domain::MemberStatus::Former);
  EXPECT_EQ(offboarded->term_end, date_of(clock_.now()));

  const Actor former = reload(member_);
  EXPECT_EQ(former.member.status, domain::MemberStatus::Former);
  EXPECT_EQ(list_cases(context_, former, {}).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(cases_to_screen(context_, former).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(list_people(context_, former).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(list_members(context_, former).error().code, ErrorCode::PermissionDenied);
  domain::NewCaseCommand command;
  command.report.report_text = "Something happened.";
  EXPECT_EQ(open_case(context_, former, command).error().code, ErrorCode::PermissionDenied);
  expect_hidden(show_case(context_, former, url(record)), code);
  expect_hidden(add_note(context_, former, url(record), {"note", "x", std::nullopt}), code);
  expect_hidden(transition_case(context_, former, url(record), {"acknowledged", "ok", "", ""}), code);
  expect_hidden(declare_conflict(context_, former, url(record), ""), code);
  EXPECT_TRUE(reads(chair_, url(record)));

  const auto again = offboard_member(context_, chair_, "priya@tidewater.example");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::FailedPrecondition);
}

TEST_F(ConflictsTest, TheLastActiveChairCannotBeOffboarded) {
  const auto alone = offboard_member(context_, chair_, chair_.member.email);
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.error().code, ErrorCode::FailedPrecondition);
  EXPECT_EQ(reload(chair_).member.status, domain::MemberStatus::Active);

  const Actor vice = add("vera@tidewater.example", "Vera Lindqvist", "vice-chair");
  const auto handed_over = offboard_member(context_, vice, chair_.member.email);
  ASSERT_TRUE(handed_over.ok()) << handed_over.error().message;
  const auto last = offboard_member(context_, vice, vice.member.email);
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.error().code, ErrorCode::FailedPrecondition);
  EXPECT_EQ(add_member(context_, reload(chair_), {"x@tidewater.example", "X", "member", "", {}, ""}).error().code,
            ErrorCode::PermissionDenied);
}

TEST_F(ConflictsTest, RenewingATermExtendsItOrSetsIt) {
  const Date joined = date_of(clock_.now());
  ASSERT_EQ(member_.member.term_end, add_months(joined, 12));
  // The chair renews their own term first, or it would run out with the member's.
  ASSERT_TRUE(renew_member(context_, chair_, chair_.member.email, "2035-06-30").ok());
  chair_ = reload(chair_);
  EXPECT_EQ(chair_.member.term_end, parse_date("2035-06-30"));

  // A member whose term has run out can do nothing until renewed.
  clock_.set(start_of(add_days(*member_.member.term_end, 1)));
  EXPECT_EQ(list_cases(context_, reload(member_), {}).error().code, ErrorCode::PermissionDenied);
  const auto renewed = renew_member(context_, chair_, "priya@tidewater.example", "");
  ASSERT_TRUE(renewed.ok()) << renewed.error().message;
  const Date today = date_of(clock_.now());
  EXPECT_EQ(renewed->term_end, add_months(today, 12));
  EXPECT_EQ(reload(member_).member.term_end, add_months(today, 12));
  EXPECT_TRUE(list_cases(context_, reload(member_), {}).ok());

  const auto until = renew_member(context_, chair_, "priya@tidewater.example", "2031-01-31");
  ASSERT_TRUE(until.ok()) << until.error().message;
  EXPECT_EQ(until->term_end, parse_date("2031-01-31"));
  EXPECT_EQ(reload(member_).member.term_end, parse_date("2031-01-31"));

  for (const std::string& date : std::vector<std::string>{"2020-01-01", format_date(add_days(today, -1)), "soon"}) {
    SCOPED_TRACE(date);
    const auto refused = renew_member(context_, chair_, "priya@tidewater.example", date);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(refused.error().fields.count("term_end"), 1u) << refused.error().message;
  }
  EXPECT_EQ(reload(member_).member.term_end, parse_date("2031-01-31"));
  EXPECT_TRUE(renew_member(context_, chair_, "priya@tidewater.example", format_date(today)).ok());

  EXPECT_EQ(renew_member(context_, member_, "priya@tidewater.example", "").error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(renew_member(context_, chair_, "nobody@tidewater.example", "").error().code, ErrorCode::NotFound);
  ASSERT_TRUE(offboard_member(context_, chair_, "priya@tidewater.example").ok());
  const auto former = renew_member(context_, chair_, "priya@tidewater.example", "");
  ASSERT_FALSE(former.ok());
  EXPECT_EQ(former.error().code, ErrorCode::FailedPrecondition);
  EXPECT_EQ(reload(member_).member.status, domain::MemberStatus::Former);
}

}  // namespace
}  // namespace conduct::app
