// Linking the cases of one incident and splitting one out again (app/case_links.h,
// domain/case_links.h). Real SQLite, real sealing, as the other use-case tests.
#include "app/case_links.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/audit.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "app/intake.h"
#include "app/portal.h"
#include "app_fixture.h"

namespace conduct::app {
namespace {

class CaseLinksTest : public testing::AppTest {
 protected:
  domain::Case open(const std::string& text, const std::string& reported = "@drift_wood") {
    domain::NewCaseCommand command;
    command.report.report_text = text;
    command.report.parties = {{"reported", "", reported, "", ""}};
    next_command();
    auto record = open_case(context_, chair_, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? record->summary : domain::Case{};
  }

  Result<CaseLinksView> links_as(const Actor& actor, const domain::Case& summary) {
    next_command();
    return show_case_links(context_, actor, summary.code_name);
  }

  std::vector<domain::TimelineEntry> links_on_timeline(const domain::Case& summary) {
    next_command();
    auto record = show_case(context_, chair_, summary.code_name);
    EXPECT_TRUE(record.ok()) << record.error().message;
    std::vector<domain::TimelineEntry> entries;
    if (record.ok())
      for (const domain::TimelineEntry& entry : record->timeline)
        if (entry.kind == domain::EntryKind::Link) entries.push_back(entry);
    return entries;
  }

  Result<CaseLinksView> link(const Actor& actor, const domain::Case& primary, const domain::Case& linked,
                             const std::string& note = "") {
    next_command();
    return link_case(context_, actor, primary.code_name, linked.code_name, note);
  }

  Result<CaseLinksView> split(const Actor& actor, const domain::Case& primary, const domain::Case& linked,
                              const std::string& reason) {
    next_command();
    return split_case(context_, actor, primary.code_name, linked.code_name, reason);
  }

  int audit_count(std::string_view action) {
    auto entries = context_.store.audit_log();
    EXPECT_TRUE(entries.ok());
    if (!entries.ok()) return -1;
    return static_cast<int>(std::count_if(entries->begin(), entries->end(),
                                          [&](const crypto::AuditEntry& entry) { return entry.action == action; }));
  }
};

TEST_F(CaseLinksTest, ALinkedCaseIsReadInItsPrimaryAndBothTimelinesSaySo) {
  const domain::Case first = open("Insults in the review of pull request 12.");
  const domain::Case second = open("I saw the insults on pull request 12 too.");

  auto linked = link(member_, first, second, "Both describe the review of pull request 12.");
  ASSERT_TRUE(linked.ok()) << linked.error().message;
  ASSERT_EQ(linked->linked.size(), 1u);
  EXPECT_EQ(linked->linked[0].summary.code_name, second.code_name);
  ASSERT_EQ(linked->linked[0].reports.size(), 1u);
  EXPECT_EQ(linked->linked[0].reports[0].text, "I saw the insults on pull request 12 too.");
  EXPECT_FALSE(linked->primary);

  auto from_second = links_as(chair_, second);
  ASSERT_TRUE(from_second.ok()) << from_second.error().message;
  ASSERT_TRUE(from_second->primary);
  EXPECT_EQ(from_second->primary->code_name, first.code_name);
  EXPECT_TRUE(from_second->linked.empty());

  const auto on_first = links_on_timeline(first);
  const auto on_second = links_on_timeline(second);
  ASSERT_EQ(on_first.size(), 1u);
  ASSERT_EQ(on_second.size(), 1u);
  EXPECT_EQ(on_first[0].body,
            "Another case was linked into this one: its reports are about the same incident and are handled "
            "here.\n\nWhy:\nBoth describe the review of pull request 12.");
  EXPECT_EQ(on_second[0].body.find(first.code_name), std::string::npos) << "the entry names no other case";
  EXPECT_EQ(on_first[0].author_id, member_.member.id);
  EXPECT_EQ(audit_count(audit_action::kLinkCase), 2);

  // The list marks the linked case, from the link itself.
  next_command();
  auto listed = list_cases(context_, chair_, store::CaseFilter{});
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  for (const domain::Case& summary : *listed) EXPECT_EQ(summary.linked, summary.id == second.id) << summary.code_name;
}

TEST_F(CaseLinksTest, ASplitNeedsAReasonAndUndoesTheLink) {
  const domain::Case first = open("Insults in the review of pull request 12.");
  const domain::Case second = open("A spam message in the forum.", "@spammer");
  ASSERT_TRUE(link(chair_, first, second).ok());

  auto unexplained = split(chair_, first, second, "  ");
  ASSERT_FALSE(unexplained.ok());
  EXPECT_EQ(unexplained.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(unexplained.error().fields.count("reason"), 1u);
  EXPECT_EQ(links_on_timeline(first).size(), 1u) << "a refused split writes nothing";

  auto split_out = split(chair_, first, second, "The second report is about spam, not the review.");
  ASSERT_TRUE(split_out.ok()) << split_out.error().message;
  EXPECT_TRUE(split_out->linked.empty());
  auto from_second = links_as(chair_, second);
  ASSERT_TRUE(from_second.ok());
  EXPECT_FALSE(from_second->primary);

  const auto on_first = links_on_timeline(first);
  const auto on_second = links_on_timeline(second);
  ASSERT_EQ(on_first.size(), 2u);
  ASSERT_EQ(on_second.size(), 2u);
  EXPECT_EQ(on_second[1].body,
            "Split out of the case it was linked into: this case stands on its own again.\n\nWhy:\nThe second "
            "report is about spam, not the review.");
  EXPECT_EQ(audit_count(audit_action::kSplitCase), 2);

  auto again = split(chair_, first, second, "twice");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().fields.count("case"), 1u);
  // Split out, it can be linked again.
  EXPECT_TRUE(link(chair_, first, second).ok());
}

TEST_F(CaseLinksTest, LinksDoNotChainAndEveryRefusalNamesTheCaseAndChangesNothing) {
  const domain::Case first = open("One.");
  const domain::Case second = open("Two.");
  const domain::Case third = open("Three.");
  ASSERT_TRUE(link(chair_, first, second).ok());

  struct Refused {
    const char* what;
    domain::Case primary, linked;
  };
  for (const Refused& refused :
       {Refused{"itself", first, first}, Refused{"again", first, second},
        Refused{"into another primary", third, second}, Refused{"a primary into another", third, first},
        Refused{"into a linked case", second, third}}) {
    SCOPED_TRACE(refused.what);
    auto result = link(chair_, refused.primary, refused.linked);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(result.error().fields.count("case"), 1u) << result.error().message;
  }
  for (const domain::Case& each : {first, second, third})
    EXPECT_EQ(links_on_timeline(each).size(), each.id == third.id ? 0u : 1u);

  domain::Case missing = first;
  missing.code_name = "no such case";
  auto unknown = link(chair_, first, missing);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

TEST_F(CaseLinksTest, TheCasesOfAnIncidentShareTheirExclusionsNowAndLater) {
  const Actor jonas = add("jonas@tidewater.example", "Jonas Berg", "member");
  const domain::Case first = open("Insults in the review of pull request 12.");
  const domain::Case second = open("I saw the insults on pull request 12 too.");
  next_command();
  ASSERT_TRUE(declare_conflict(context_, member_, second.code_name, "I mentor the reported person.").ok());

  // Priya cannot link a case she is excluded from.
  auto refused = link(member_, first, second);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::NotFound);

  ASSERT_TRUE(link(jonas, first, second).ok());
  // In conflict with one report of the incident, Priya now sees none of its cases.
  auto shown = links_as(member_, first);
  ASSERT_FALSE(shown.ok());
  EXPECT_EQ(shown.error().code, ErrorCode::NotFound);
  next_command();
  EXPECT_FALSE(show_case(context_, member_, first.code_name).ok());
  auto facts = context_.store.load_case_access_facts(first.id);
  ASSERT_TRUE(facts.ok());
  ASSERT_EQ(facts->exclusions.size(), 1u);
  EXPECT_EQ(facts->exclusions[0].member_id, member_.member.id);
  EXPECT_EQ(facts->exclusions[0].reason, domain::ExclusionReason::LinkedCase);
  // Her key to the primary went before the link's entries were sealed, and the log says
  // the primary gained an exclusion.
  auto holds = member_holds_case(context_, first, member_.member);
  ASSERT_TRUE(holds.ok());
  EXPECT_FALSE(*holds);
  EXPECT_EQ(audit_count(audit_action::kRecordConflicts), 1);

  // A conflict declared later on the primary reaches the linked case too.
  next_command();
  ASSERT_TRUE(declare_conflict(context_, jonas, first.code_name, "I work with the reporter.").ok());
  next_command();
  auto hidden = show_case(context_, jonas, second.code_name);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::NotFound);

  // A split keeps the exclusions the link shared.
  ASSERT_TRUE(split(chair_, first, second, "Different incidents after all.").ok());
  next_command();
  EXPECT_FALSE(show_case(context_, member_, first.code_name).ok());
}

TEST_F(CaseLinksTest, AReaderOfOnlyTheLinkedCaseLearnsOnlyThatItIsLinked) {
  const domain::Case first = open("Insults in the review of pull request 12.");
  const domain::Case second = open("I saw the insults on pull request 12 too.");
  next_command();
  ASSERT_TRUE(invite_adviser(context_, chair_, second.code_name, adviser_.member.email).ok());
  ASSERT_TRUE(link(chair_, first, second, "Same review.").ok());
  auto seen = links_as(adviser_, second);
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_FALSE(seen->primary);
  EXPECT_TRUE(seen->linked_elsewhere);
  // A reader of only the primary gets nothing of the linked case: no name, no report.
  const domain::Case primary = open("A report of the meetup.", "@meetup_guest");
  const domain::Case other = open("Another report of the meetup.", "@meetup_guest");
  next_command();
  ASSERT_TRUE(invite_adviser(context_, chair_, primary.code_name, adviser_.member.email).ok());
  ASSERT_TRUE(link(chair_, primary, other).ok());
  auto own = links_as(adviser_, primary);
  ASSERT_TRUE(own.ok()) << own.error().message;
  EXPECT_TRUE(own->linked.empty());
  EXPECT_FALSE(own->primary);
}

TEST_F(CaseLinksTest, TheReporterOfALinkedCaseReadsWhereTheIncidentStands) {
  domain::PublicReport report;
  report.reporter_email = "noor@example.net";
  report.what_happened = "Insults in the review of pull request 12.";
  auto submitted = submit_public_report(context_, "tidewater", report, ReportOrigin{"192.0.2.10", "en"});
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  auto own = context_.store.find_case_by_id(submitted->case_id);
  ASSERT_TRUE(own.ok());
  const domain::Case primary = open("The first report of the review of pull request 12.");
  next_command();
  domain::TransitionCommand investigate;
  investigate.to = "acknowledged";
  investigate.reason = "Acknowledged by mail.";
  ASSERT_TRUE(transition_case(context_, chair_, primary.code_name, investigate).ok());
  investigate.to = "investigating";
  investigate.reason = "Talking to the witnesses.";
  next_command();
  ASSERT_TRUE(transition_case(context_, chair_, primary.code_name, investigate).ok());

  const auto status = [&] {
    auto session = open_portal(context_, submitted->receipt, "192.0.2.99");
    EXPECT_TRUE(session.ok()) << session.error().message;
    if (!session.ok()) return std::string();
    auto view = portal_view(context_, session->token);
    EXPECT_TRUE(view.ok()) << view.error().message;
    return view.ok() ? view->status_key : std::string();
  };
  const std::string before = status();
  EXPECT_NE(before, "status.looking_into_it");
  ASSERT_TRUE(link(chair_, primary, *own).ok());
  EXPECT_EQ(status(), "status.looking_into_it");
  ASSERT_TRUE(split(chair_, primary, *own, "Another review.").ok());
  EXPECT_EQ(status(), before);
}

TEST_F(CaseLinksTest, ExpungingThePrimaryLeavesItsLinkedCasesOnTheirOwn) {
  const domain::Case first = open("One.");
  const domain::Case second = open("Two.");
  auto linked = link(chair_, first, second);
  ASSERT_TRUE(linked.ok()) << linked.error().message;
  ASSERT_TRUE(context_.store.expunge_case(first.id, domain::CaseStatistics{first.community_id, "2026-12"}).ok());
  auto links = context_.store.load_case_links(second.id);
  ASSERT_TRUE(links.ok());
  EXPECT_FALSE(links->primary);
  auto from_second = links_as(chair_, second);
  ASSERT_TRUE(from_second.ok()) << from_second.error().message;
  EXPECT_FALSE(from_second->primary);
}

TEST_F(CaseLinksTest, ARepeatIsClosedIntoTheCaseItRepeatsByThoseWhoMoveCasesOnly) {
  const domain::Case primary = open("Insults in the review of pull request 12.");
  const domain::Case repeat = open("Insults in the review of pull request 12.");
  // An invited adviser writes both cases but does not move them: nothing is written.
  for (const domain::Case& each : {primary, repeat})
    ASSERT_TRUE(invite_adviser(context_, chair_, each.code_name, adviser_.member.email).ok());
  next_command();
  auto by_adviser = link_case(context_, adviser_, primary.code_name, repeat.code_name, "", true);
  ASSERT_FALSE(by_adviser.ok());
  EXPECT_EQ(by_adviser.error().code, ErrorCode::NotFound);
  EXPECT_EQ(links_as(chair_, primary)->linked.size(), 0u);

  next_command();
  auto closed = link_case(context_, member_, primary.code_name, repeat.code_name, "The same report twice.", true);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  auto found = context_.store.find_case_by_id(repeat.id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->state, domain::CaseState::Resolved);
  ASSERT_TRUE(found->resolution.has_value());
  EXPECT_EQ(found->resolution->outcome, domain::ResolutionOutcome::Duplicate);
  EXPECT_EQ(found->resolution->source, domain::ResolutionSource::Group);
  next_command();
  auto record = show_case(context_, chair_, repeat.code_name);
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->timeline.back().kind, domain::EntryKind::Transition);
  EXPECT_EQ(record->timeline.back().to_state, domain::CaseState::Resolved);
}

}  // namespace
}  // namespace conduct::app
