// The query plans of the request paths: every statement the use cases behind the API
// prepare, as SQLite plans it, must find its rows through an index. A plan that walks
// a whole table of community-sized data ("SCAN cases", or "SCAN c USING INDEX ..."
// without a constraint) would make a request cost more as the community grows.
//
// The use cases run as the chair, a member with a conflict, an adviser and a board
// member (and a retention run, in the background) over a community with cases,
// parties, conflicts, invitations, grants, notes, evidence and person records;
// afterwards the connection's prepared statements (the statement cache keeps each one)
// are each planned with EXPLAIN QUERY PLAN.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/attempt_throttle.h"
#include "app/audit.h"
#include "app/audit_head_mail.h"
#include "app/case_links.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "app/decisions.h"
#include "app/drafts.h"
#include "app/evidence.h"
#include "app/group_matters.h"
#include "app/idempotency.h"
#include "app/intake.h"
#include "app/local_submissions.h"
#include "app/mail_intake.h"
#include "app/mail_queue.h"
#include "app/mail_threads.h"
#include "app/meetings.h"
#include "app/members.h"
#include "app/people.h"
#include "app/portal.h"
#include "app/quarantine.h"
#include "app/reporter_thread.h"
#include "app/retention.h"
#include "app_fixture.h"
#include "crypto/session_token.h"
#include "domain/receipt.h"

namespace conduct::app {
namespace {

using testing::AppTest;

// Tables that grow with the number of cases (or reports, or people). Members,
// communities and keys of the installation stay small.
const std::set<std::string> kCommunitySized = {
    "cases", "case_categories", "reports", "parties", "entries", "exclusions", "possible_conflicts", "screenings",
    "invitations", "oversight_grants", "case_key_wraps", "evidence_files", "evidence_chunks", "audit_log", "persons",
    "case_statistics",
    // What grows with traffic: failed attempts, warnings, kept answers, oversight asks.
    "throttles", "sign_in_warnings", "idempotent_answers", "oversight_requests_unmatched",
    // Reports from people without an account: their threads, portal sessions and mail.
    "reporter_threads", "thread_messages", "portal_sessions", "mail_queue",
    // Mail in: the threads' blind indexes and the quarantine.
    "mail_threads", "mail_quarantine", "mail_quarantine_wraps",
    // Drafts of messages to people outside the group; local representatives' submissions.
    "drafts", "local_submissions",
    // Cases linked into the case their incident is handled in.
    "case_links",
    // The group's decisions.
    "evaluations", "response_steps", "proposals", "votes", "ballots", "feedback_requests", "unilateral_actions",
    // The group's meetings and what they wrote on cases.
    "meetings", "meeting_attendees", "meeting_key_wraps", "meeting_entries",
    // The group's own matters put to the vote.
    "group_matters", "group_matter_wraps", "group_matter_ballots", "group_matter_recusals"};

// A transport that takes every message: the delivery's statements are what is planned.
class AcceptingTransport final : public mail::Transport {
 public:
  Status deliver(const std::string&, const std::vector<std::string>&, const std::string&) override {
    ++delivered;
    return ok_status();
  }
  int delivered = 0;
};

struct PlanRow {
  std::string sql;
  std::string detail;
};

class QueryPlanTest : public AppTest {
 protected:
  sqlite3* connection() { return store_.sqlite().database().handle(); }

  // Every SQL text prepared on the connection so far (idle in the cache or in use).
  std::set<std::string> prepared_statements() {
    std::set<std::string> texts;
    for (sqlite3_stmt* statement = sqlite3_next_stmt(connection(), nullptr); statement != nullptr;
         statement = sqlite3_next_stmt(connection(), statement))
      if (const char* sql = sqlite3_sql(statement)) texts.insert(sql);
    return texts;
  }

  std::vector<PlanRow> plan_of(const std::string& sql) {
    std::vector<PlanRow> rows;
    sqlite3_stmt* explain = nullptr;
    const std::string text = "EXPLAIN QUERY PLAN " + sql;
    EXPECT_EQ(sqlite3_prepare_v2(connection(), text.c_str(), -1, &explain, nullptr), SQLITE_OK) << sql;
    while (explain && sqlite3_step(explain) == SQLITE_ROW)
      rows.push_back({sql, reinterpret_cast<const char*>(sqlite3_column_text(explain, 3))});
    sqlite3_finalize(explain);
    return rows;
  }

  domain::CaseRecord open(const std::string& contact, const std::string& reported) {
    domain::NewCaseCommand command;
    command.report.report_text = "Unwanted messages after being asked to stop.";
    command.report.channel = "email";
    command.space = "forum";
    command.categories = {"harassment"};
    command.report.parties = {{"reporter", "Noor Haddad", contact, "", ""}, {"reported", "", reported, "", ""}};
    auto record = open_case(context_, chair_, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? *record : domain::CaseRecord{};
  }
};

TEST_F(QueryPlanTest, EveryStatementOfTheRequestPathsFindsItsRowsByIndex) {
  const Actor board = add("lee@tidewater.example", "Lee Park", "board-member");
  const Actor voter = add("mei@tidewater.example", "Mei Tanaka", "member");  // a vote needs three eligible
  std::vector<std::string> codes;
  for (int i = 0; i < 30; ++i)
    codes.push_back(
        open("reporter" + std::to_string(i) + "@example.net", "@drift_wood" + std::to_string(i % 7)).summary.code_name);
  // The member declares a conflict, the adviser is invited, the board oversees one.
  ASSERT_TRUE(declare_conflict(context_, member_, codes[3], "").ok());
  ASSERT_TRUE(invite_adviser(context_, chair_, codes[4], adviser_.member.email).ok());
  auto grant = request_oversight(context_, board, codes[5], "The reporter appealed.", 7);
  ASSERT_TRUE(grant.ok()) << grant.error().message;
  ASSERT_TRUE(approve_oversight(context_, chair_, codes[5], grant->id).ok());
  next_command();

  // The request paths, as each kind of member uses them.
  for (const Actor& actor : {chair_, member_, adviser_, board}) {
    next_command();
    ASSERT_TRUE(list_cases(context_, actor, store::CaseFilter{}).ok());
    domain::CaseCriteria criteria;
    criteria.category = domain::ViolationCategory::Harassment;
    criteria.space_key = "forum";
    criteria.opened_from = date_of(clock_.now());
    store::CaseFilter filter;
    filter.state = domain::CaseState::Received;
    filter.offset = 5;
    ASSERT_TRUE(list_cases(context_, actor, filter, criteria).ok());
    (void)show_case(context_, actor, codes[4]);
    (void)show_case(context_, actor, "no such-case");
    (void)search_cases(context_, actor, "messages", 10);
    (void)list_people(context_, actor);
    (void)cases_to_screen(context_, actor);
    (void)access_requests(context_, actor);
    (void)list_evidence(context_, actor, codes[5]);
    (void)audit_trail(context_, actor, AuditTrailQuery{codes[5], std::nullopt, 50});
    (void)audit_trail(context_, actor, AuditTrailQuery{});
  }
  next_command();
  auto person = show_case(context_, chair_, codes[0]);
  ASSERT_TRUE(person.ok());
  ASSERT_TRUE(show_person(context_, chair_, person->parties.back().person_code_name).ok());
  ASSERT_TRUE(
      add_note(context_, chair_, codes[1], domain::NoteCommand{"note", "Called the reporter.", std::nullopt}).ok());
  ASSERT_TRUE(
      transition_case(context_, chair_, codes[1], domain::TransitionCommand{"acknowledged", "Confirmed.", "", ""})
          .ok());
  clock_.advance_seconds(kSecondsPerHour);
  const Actor newcomer = add("newcomer@tidewater.example", "New Comer", "member");  // matched by blind index
  ASSERT_TRUE(clear_case(context_, newcomer, codes[0]).ok());
  ASSERT_TRUE(access_requests(context_, chair_).ok());

  // The hardening's request paths: a failed sign-in (throttles, the chairs' warning),
  // an oversight request naming no case and the chairs' lists, a write kept for its
  // retries, and the health check's storage question.
  next_command();
  (void)sign_in(context_, {std::nullopt, member_.member.email, "not the password", "000000", "192.0.2.7"});
  ASSERT_TRUE(request_oversight(context_, board, "amber-zebra", "A review.", 7).ok());
  ASSERT_TRUE(unmatched_oversight_requests(context_, chair_).ok());
  ASSERT_TRUE(sign_in_warnings(context_, chair_).ok());
  const crypto::SessionSecrets session = crypto::new_session();
  auto claim = claim_idempotency(context_, chair_,
                                 {session.token_for_cookie, "0123456789abcdef0123", "POST", "/api/cases", "{}"});
  ASSERT_TRUE(claim.ok()) << claim.error().message;
  ASSERT_TRUE(settle_claim(context_, *claim, {201, "application/json", {}, "{}"}).ok());
  ASSERT_TRUE(prune_throttles(context_).ok());
  (void)context_.store.storage_health();

  // Reports from people without an account: the public report (a thread, its receipt,
  // the mail it queues), the reporter's portal (a right receipt, a wrong one, a made-up
  // one), the thread as members use it, the mail job and the sessions' pruning.
  next_command();
  std::string receipt;
  for (int i = 0; i < 3; ++i) {
    domain::PublicReport report;
    report.reporter_email = "reporter" + std::to_string(i) + "@example.net";
    report.answer_by_email = true;
    report.what_happened = "Unwanted messages after being asked to stop.";
    report.concerned_members = {member_.member.id};
    auto submitted = submit_public_report(context_, "tidewater", report, ReportOrigin{"192.0.2.20", "en"});
    ASSERT_TRUE(submitted.ok()) << submitted.error().message;
    receipt = submitted->receipt;
  }
  const domain::Receipt parsed = *domain::parse_receipt(receipt).receipt;
  (void)open_portal(context_, domain::format_receipt({"ZZZZZZZ", parsed.secret}), "192.0.2.21");
  (void)open_portal(context_, domain::format_receipt({parsed.id, std::string(20, 'A')}), "192.0.2.21");
  auto portal = open_portal(context_, receipt, "192.0.2.21");
  ASSERT_TRUE(portal.ok()) << portal.error().message;
  ASSERT_TRUE(portal_view(context_, portal->token).ok());
  ASSERT_TRUE(portal_reply(context_, portal->token, portal->csrf_token, "More detail.").ok());
  auto thread_cases = list_cases(context_, chair_, store::CaseFilter{});
  ASSERT_TRUE(thread_cases.ok() && !thread_cases->empty());
  const domain::Case& reported = thread_cases->front();  // newest first: the last report
  ASSERT_TRUE(read_reporter_thread(context_, chair_, reported.code_name).ok());
  // As on a thread made before drop boxes: the member who writes gives it one.
  ASSERT_TRUE(store_.sqlite()
                  .database()
                  .execute("UPDATE reporter_threads SET inbox_public = NULL, inbox_secret_sealed = NULL "
                           "WHERE case_id = " +
                           std::to_string(reported.id))
                  .ok());
  ASSERT_TRUE(write_to_reporter(context_, chair_, reported.code_name, "Thank you.").ok());
  ASSERT_TRUE(context_.store.mail_of_case(reported.id).ok());
  ASSERT_TRUE(mail_needing_attention(context_, chair_).ok());
  AcceptingTransport transport;
  auto delivery = deliver_due_mail(context_, transport, MailRetryPolicy{});
  ASSERT_TRUE(delivery.ok()) << delivery.error().message;
  ASSERT_GT(transport.delivered, 0);
  ASSERT_TRUE(close_portal(context_, portal->token, portal->csrf_token).ok());
  ASSERT_TRUE(prune_portal_sessions(context_).ok());

  // Mail in: a new report, a reply that joins it by its tag, a message that waits in
  // quarantine, and the chair's review of it.
  next_command();
  const MailIntakeSettings intake;
  auto first = ingest_mail(context_,
                           "From: a@example.org\r\nTo: conduct@tidewater.example\r\nSubject: report\r\n"
                           "Message-ID: <plan-1@example.org>\r\n\r\nWords.\r\n",
                           std::nullopt, intake);
  ASSERT_TRUE(first.ok() && first->case_id) << (first.ok() ? "" : first.error().message);
  auto reply = ingest_mail(context_,
                           "From: a@example.org\r\nSubject: more [ref " + case_tag_secret(context_, *first->case_id) +
                               "]\r\nMessage-ID: <plan-2@example.org>\r\nIn-Reply-To: <unknown@example.org>\r\n\r\n"
                               "More.\r\n",
                           std::nullopt, intake);
  ASSERT_TRUE(reply.ok() && reply->outcome == MailOutcome::JoinedCase);
  // The reporter answers the acknowledgement: the reply joins their thread's drop box.
  std::string acknowledgement;
  auto first_mail = context_.store.mail_of_case(*first->case_id);
  ASSERT_TRUE(first_mail.ok());
  for (const store::QueuedMailRow& row : *first_mail)
    if (row.kind == "acknowledgement") acknowledgement = row.message_id;
  auto answer = ingest_mail(context_,
                            "From: a@example.org\r\nSubject: Re: report\r\nMessage-ID: <plan-4@example.org>\r\n"
                            "In-Reply-To: <" +
                                acknowledgement + ">\r\n\r\nMore still.\r\n",
                            std::nullopt, intake);
  ASSERT_TRUE(answer.ok() && answer->outcome == MailOutcome::JoinedCase);
  auto answered = context_.store.list_thread_messages(*first->case_id);
  ASSERT_TRUE(answered.ok() && answered->size() == 1u);
  auto unplaced = ingest_mail(context_, "Subject: about glad otter\r\nMessage-ID: <plan-3@example.org>\r\n\r\nx\r\n",
                              std::nullopt, intake);
  ASSERT_TRUE(unplaced.ok() && unplaced->outcome == MailOutcome::Quarantined);
  auto waiting = list_quarantine(context_, chair_);
  ASSERT_TRUE(waiting.ok() && waiting->size() == 1u);
  ASSERT_TRUE(read_quarantined(context_, chair_, waiting->front().id).ok());
  ASSERT_TRUE(discard_quarantined(context_, chair_, waiting->front().id).ok());
  ASSERT_TRUE(mail_audit_head_when_due(context_, 24).ok());

  // Drafts: written, listed with their checks, sent, withdrawn (the reports above name
  // the member, so the chair writes them, of a kind that needs no second member).
  next_command();
  domain::DraftContent draft;
  draft.to = {"mods@example.org"};
  draft.subject = "An incident";
  draft.text = "We are looking into an incident in the forum.";
  auto written = write_draft(context_, chair_, reported.code_name, "other", draft);
  ASSERT_TRUE(written.ok()) << written.error().message;
  next_command();
  ASSERT_TRUE(list_drafts(context_, chair_, reported.code_name).ok());
  next_command();
  ASSERT_TRUE(drafts_awaiting_review(context_, member_).ok());
  ASSERT_TRUE(send_draft(context_, chair_, reported.code_name, written->draft.number).ok());
  next_command();
  auto second = write_draft(context_, chair_, reported.code_name, "other", draft);
  ASSERT_TRUE(second.ok());
  next_command();
  ASSERT_TRUE(withdraw_draft(context_, chair_, reported.code_name, second->draft.number).ok());

  // A local representative sends a summary and lists what they sent.
  next_command();
  const Actor representative = add("events@tidewater.example", "Harbour Days CoC team", "local-representative");
  domain::LocalSubmission summary;
  summary.kind = "summary";
  summary.what_happened = "A speaker's slides included an offensive image.";
  summary.actions_taken = "We asked the speaker to remove the slide.";
  ASSERT_TRUE(submit_locally(context_, representative, summary).ok());
  ASSERT_TRUE(list_own_submissions(context_, representative).ok());

  next_command();
  // A report held in escrow (hidden from every listing), released by the next
  // report naming the same person: the look-up of held cases, the release's writes.
  domain::PublicReport held;
  held.what_happened = "The same messages, to me too.";
  held.people = {{"reported-person", "", "@drift_wood1"}};
  held.escrow = true;
  ASSERT_TRUE(submit_public_report(context_, "tidewater", held, ReportOrigin{"192.0.2.22", "en"}).ok());
  next_command();
  open("reporter99@example.net", "@drift_wood1");
  // Linking, showing and splitting the cases of one incident.
  next_command();
  ASSERT_TRUE(link_case(context_, chair_, codes[0], codes[7], "The same incident.").ok());
  next_command();
  ASSERT_TRUE(show_case_links(context_, chair_, codes[0]).ok());
  next_command();
  const Actor recusing = add("jonas@tidewater.example", "Jonas Berg", "member");
  next_command();
  ASSERT_TRUE(declare_conflict(context_, recusing, codes[7], "A friend of the reporter.").ok());
  next_command();
  ASSERT_TRUE(split_case(context_, chair_, codes[0], codes[7], "Two incidents after all.").ok());
  // Retention's look-up around one case (as each expunge makes it), with a link in place.
  next_command();
  ASSERT_TRUE(link_case(context_, chair_, codes[0], codes[7], "The same incident after all.").ok());
  const auto linked = context_.store.find_case(chair_.community.id, codes[7]);
  ASSERT_TRUE(linked.ok());
  ASSERT_TRUE(context_.store.load_retention_facts_around(linked->id).ok());

  // Decisions on a case whose reported person has other cases (the pattern's look-up):
  // evaluated, its reported person (party 2) told and answered, a proposal voted on by
  // every eligible member, which closes it, and shown with its count.
  for (const char* state : {"acknowledged", "investigating"}) {
    next_command();
    ASSERT_TRUE(transition_case(context_, chair_, codes[2], {state, "Next.", "", ""}).ok());
  }
  domain::EvaluationCommand evaluation;
  for (const domain::EvaluationQuestion& question : domain::evaluation_questions())
    evaluation.answers[question.key] = {"unsure", ""};
  evaluation.what_happened = "Messages after being asked to stop.";
  evaluation.violation = "unsure";
  evaluation.ongoing_or_threat = "no";
  next_command();
  ASSERT_TRUE(evaluate_case(context_, chair_, codes[2], evaluation).ok());
  for (const char* step : {"told", "responded"}) {
    next_command();
    ASSERT_TRUE(record_response(context_, chair_, codes[2], {2, step, "In words that protect the reporter."}).ok());
  }
  domain::ProposalCommand proposal;
  proposal.reported_party = 2;
  proposal.resolution = "warning";
  next_command();
  ASSERT_TRUE(propose_resolution(context_, chair_, codes[2], proposal).ok());
  for (const Actor& actor : {chair_, voter, member_}) {
    next_command();
    ASSERT_TRUE(cast_ballot(context_, actor, codes[2], 1, "agree").ok());
  }
  next_command();
  ASSERT_TRUE(show_decisions(context_, member_, codes[2]).ok());
  // The case's flags change with a reason.
  next_command();
  ASSERT_TRUE(change_flags(context_, chair_, codes[2], {true, std::nullopt, "Still going on."}).ok());
  // A meeting discussed the case and recorded a decision taken in chat; members list
  // and read it.
  domain::MeetingCommand meeting;
  meeting.held_on = "2026-11-24";
  meeting.attendees = {chair_.member.email, member_.member.email};
  meeting.minutes = "The rota for December.";
  meeting.cases = {{codes[2], "Next steps agreed."}};
  meeting.chat_decisions = {{codes[2], "Robin", "2026-11-24T10:00:00Z", "#wg", "Ask for the logs."}};
  next_command();
  ASSERT_TRUE(record_meeting(context_, chair_, meeting).ok());
  next_command();
  ASSERT_TRUE(list_meetings(context_, member_, 50, 0).ok());
  next_command();
  ASSERT_TRUE(show_meeting(context_, member_, 1).ok());
  // An action taken at once, reported, revised, and the revision voted on.
  domain::ActionCommand action;
  action.situation = "ongoing";
  action.what = "Muted the account.";
  action.why = "It kept posting.";
  action.affects = "The reported person";
  next_command();
  ASSERT_TRUE(take_action(context_, member_, codes[2], action).ok());
  next_command();
  ASSERT_TRUE(report_action(context_, member_, codes[2], 1, "Muted for a day.").ok());
  next_command();
  ASSERT_TRUE(revise_action(context_, chair_, codes[2], 1, action).ok());
  next_command();
  ASSERT_TRUE(cast_ballot(context_, chair_, codes[2], 2, "agree", BallotOn::Action).ok());
  // The vote passed: the reporter (party 1) is asked and answers; moving the case to
  // enacting by hand is refused (an agreed proposal is looked up), the proposal is
  // enacted, and the case resolved.
  next_command();
  ASSERT_TRUE(record_feedback(context_, chair_, codes[2], {1, 1, "asked", "phone", "We read it to her."}).ok());
  next_command();
  ASSERT_TRUE(record_feedback(context_, chair_, codes[2], {1, 1, "answered", "", "She agrees."}).ok());
  next_command();
  EXPECT_FALSE(transition_case(context_, chair_, codes[2], {"enacting", "By hand.", "", ""}).ok());
  next_command();
  ASSERT_TRUE(enact_proposal(context_, chair_, codes[2], 1, "").ok());
  next_command();
  ASSERT_TRUE(transition_case(context_, chair_, codes[2], {"resolved", "Warned.", "group", "action-taken"}).ok());

  // A matter of the group put to the vote, one member standing aside; its deadline passes
  // and the next count closes it.
  next_command();
  ASSERT_TRUE(propose_matter(context_, chair_, {"guideline", "Minutes within a week.", 1}).ok());
  for (const Actor& actor : {chair_, member_}) {
    next_command();
    ASSERT_TRUE(cast_matter_ballot(context_, actor, 1, "agree").ok());
  }
  next_command();
  ASSERT_TRUE(stand_aside_from_matter(context_, voter, 1).ok());
  next_command();
  ASSERT_TRUE(list_matters(context_, member_, 50, 0).ok());
  clock_.advance_seconds(2 * kSecondsPerDay);
  next_command();
  auto closed = show_matter(context_, member_, 1);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_TRUE(closed->summary.matter.closed_at.has_value());

  // The retention run (a background job) finds what can come due by index as well.
  ASSERT_TRUE(run_retention(context_, std::nullopt, RetentionMode::DryRun, RetentionOptions{}).ok());

  const std::set<std::string> statements = prepared_statements();
  ASSERT_GT(statements.size(), 40u);
  // The intake's statements were run, so they are planned below.
  for (const char* needle :
       {"FROM reporter_threads WHERE receipt_id = ?",
        "SELECT 1 FROM reporter_threads WHERE receipt_id = ?",
        "FROM reporter_threads WHERE case_id = ?",
        "FROM thread_messages WHERE case_id = ?",
        "MAX(number), 0) + 1 FROM thread_messages",
        "FROM portal_sessions WHERE lookup_id = ?",
        "FROM mail_queue WHERE status = 'queued'",
        "FROM mail_queue WHERE case_id = ?",
        "UPDATE reporter_threads SET inbox_public = ?, inbox_secret_sealed = ?",
        "FROM parties p JOIN cases c ON c.id = p.case_id WHERE c.community_id = ?1 AND (p.contact_index IN (?2)",
        "DELETE FROM portal_sessions WHERE last_seen_at < ?",
        "SELECT case_id FROM mail_threads WHERE blind = ?",
        "FROM mail_queue WHERE kind = 'audit-head'",
        "FROM drafts WHERE case_id = ? ORDER BY number",
        "UPDATE drafts SET status = ?",
        "MAX(number), 0) + 1 FROM drafts",
        "FROM mail_quarantine WHERE community_id = ? AND status = 'waiting'",
        "FROM mail_quarantine WHERE id = ?",
        "FROM mail_quarantine_wraps WHERE quarantine_id = ?",
        "SELECT 1 FROM mail_quarantine WHERE message_blind = ?",
        "FROM mail_queue WHERE community_id = ? AND (status = 'failed' OR (status = 'queued' AND attempts > 0))",
        "FROM local_submissions s JOIN cases c ON c.id = s.case_id WHERE s.member_id = ?",
        "INSERT INTO local_submissions",
        "FROM drafts d JOIN cases c ON c.id = d.case_id WHERE d.status = 'waiting'",
        "FROM cases WHERE community_id = ?1 AND escrowed = 1 LIMIT ?2",
        "FROM cases c WHERE c.community_id = ?1 AND c.escrowed = 1 AND c.id <> ?2 AND EXISTS (SELECT 1 FROM parties p",
        "UPDATE cases SET escrowed = 0 WHERE id = ?",
        "SELECT primary_case_id FROM case_links WHERE case_id = ?",
        "SELECT case_id FROM case_links WHERE primary_case_id = ?",
        "DELETE FROM case_links WHERE case_id = ?",
        "UNION SELECT sibling.case_id FROM case_links mine JOIN case_links sibling",
        "FROM evaluations WHERE case_id = ? ORDER BY entry_number DESC",
        "FROM cases mine_case JOIN parties mine ON mine.case_id = mine_case.id AND mine.role = 'reported'",
        "FROM parties p JOIN persons r ON r.id = p.person_id WHERE p.case_id = ?",
        "FROM response_steps WHERE case_id = ?",
        "MAX(number), 0) + 1 FROM proposals",
        "FROM proposals WHERE case_id = ? ORDER BY number",
        "UPDATE proposals SET status = ?",
        "FROM votes WHERE case_id = ?",
        "UPDATE votes SET outcome = ?",
        "FROM ballots WHERE vote_id = ?",
        "UPDATE cases SET urgency = ?",
        "FROM feedback_requests WHERE case_id = ? AND proposal_number = ?",
        "UPDATE feedback_requests SET answered_at = ?",
        "MIN(number) FROM proposals WHERE case_id = ? AND status = ?",
        "MAX(number), 0) + 1 FROM unilateral_actions",
        "FROM unilateral_actions WHERE case_id = ? ORDER BY number",
        "UPDATE unilateral_actions SET status = ?",
        "UPDATE cases SET ongoing = ?",
        "MAX(number), 0) + 1 FROM meetings",
        "FROM meetings m WHERE m.community_id = ? ORDER BY m.number DESC",
        "FROM meetings m WHERE m.community_id = ? AND m.number = ?",
        "FROM meeting_key_wraps WHERE meeting_id = ?",
        "FROM meeting_entries WHERE meeting_id = ?",
        "FROM entries WHERE case_id = ? AND number = ?",
        "MAX(number), 0) + 1 FROM group_matters",
        "FROM group_matters WHERE community_id = ? ORDER BY number DESC",
        "FROM group_matters WHERE community_id = ? AND number = ?",
        "FROM group_matter_wraps WHERE matter_id = ?",
        "FROM group_matter_ballots WHERE matter_id = ?",
        "FROM group_matter_recusals WHERE matter_id = ?",
        "UPDATE group_matters SET status = ?"}) {
    const bool prepared = std::any_of(statements.begin(), statements.end(),
                                      [&](const std::string& sql) { return sql.find(needle) != std::string::npos; });
    EXPECT_TRUE(prepared) << "never prepared: " << needle;
  }
  const std::regex scan(R"(^SCAN (\w+)( AS (\w+))?( USING (COVERING )?INDEX \w+)?$)");
  int planned = 0;
  std::vector<std::string> full_scans;
  for (const std::string& sql : statements) {
    // Inserting a row plans, for each table that refers to it, the search SQLite makes
    // only while a deferred foreign-key violation is pending; no constraint here is
    // deferred, so those steps never run.
    if (sql.starts_with("INSERT INTO") && sql.find(" VALUES ") != std::string::npos) continue;
    for (const PlanRow& row : plan_of(sql)) {
      ++planned;
      std::smatch match;
      if (!std::regex_match(row.detail, match, scan)) continue;
      if (kCommunitySized.count(match[1].str())) full_scans.push_back(row.detail + "\n    in: " + sql);
    }
  }
  std::string report;
  for (const std::string& line : full_scans) report += "\n  " + line;
  EXPECT_TRUE(full_scans.empty()) << full_scans.size() << " full scans:" << report;
  std::cout << "query plans: " << statements.size() << " statements, " << planned << " plan steps, "
            << full_scans.size() << " full scans of community-sized tables\n";
}

}  // namespace
}  // namespace conduct::app
