// The world one cell of the HTTP authorization matrix runs in (authorization_matrix_
// test.cpp): a community on the SQLite store in memory with an enrolled chair, one case whose
// reporter is the canary "Zephyrine Canarywood" (she is in its evidence file too),
// a second case held in escrow, which nobody may meet in any response,
// everything the routes need around it,
// and the subject of the cell, enrolled and signed in over HTTP like a browser would be.
//
// Every cell gets a world of its own, built from scratch, so no cell sees what another
// one wrote. Set-up goes through the use cases (src/app) as the chair, except signing
// in, which goes through POST /api/session so the cell holds a real cookie and CSRF
// token.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/accounts.h"
#include "app/case_links.h"
#include "app/cases.h"
#include "app/communities.h"
#include "app/conflicts.h"
#include "app/decisions.h"
#include "app/drafts.h"
#include "app/evidence.h"
#include "app/group_matters.h"
#include "app/intake.h"
#include "app/mail_intake.h"
#include "app/meetings.h"
#include "app/members.h"
#include "app/policy_file.h"
#include "core/text.h"
#include "crypto/blind_index.h"
#include "crypto/case_keys.h"
#include "crypto/sodium_random.h"
#include "crypto/totp.h"
#include "domain/code_name.h"
#include "http/dispatch.h"
#include "http/router.h"
#include "http/session_cookie.h"
#include "support/key_holders.h"
#include "support/memory_database.h"

namespace conduct::http::matrix {

// Who sends the requests of a cell. Each stands in a different relation to the case.
enum class Subject {
  Anonymous,            // no cookie at all
  Chair,                // the community's first chair, who also sets the world up
  Member,               // a working-group member who was there when the case was opened
  MemberWithConflict,   // declared a conflict of interest on the case
  MemberWhoMustScreen,  // joined after the case was opened and has not screened it
  FormerMember,         // signed in, then offboarded: the old cookie must stop working
  InvitedAdviser,       // an adviser a chair invited to the case
  UninvitedAdviser,     // an adviser with no invitation
  BoardWithGrant,       // a board member whose oversight request a chair approved
  BoardWithoutGrant,    // a board member with no grant
  LocalRepresentative,  // records reports, sees no case
  InstanceAdmin,        // configures the installation, touches no case
  BoardWhoIsAParty,     // a board member the case's report names: excluded from the first moment
};

inline constexpr std::size_t kSubjectCount = 13;
// The columns of the matrix, in this order.
inline constexpr std::array<Subject, kSubjectCount> kSubjects = {
    Subject::Anonymous,
    Subject::Chair,
    Subject::Member,
    Subject::MemberWithConflict,
    Subject::MemberWhoMustScreen,
    Subject::FormerMember,
    Subject::InvitedAdviser,
    Subject::UninvitedAdviser,
    Subject::BoardWithGrant,
    Subject::BoardWithoutGrant,
    Subject::LocalRepresentative,
    Subject::InstanceAdmin,
    Subject::BoardWhoIsAParty,
};

inline const char* name_of(Subject subject) {
  switch (subject) {
    case Subject::Anonymous:
      return "anonymous";
    case Subject::Chair:
      return "chair";
    case Subject::Member:
      return "member";
    case Subject::MemberWithConflict:
      return "member with a conflict";
    case Subject::MemberWhoMustScreen:
      return "member who must screen";
    case Subject::FormerMember:
      return "former member";
    case Subject::InvitedAdviser:
      return "adviser invited";
    case Subject::UninvitedAdviser:
      return "adviser not invited";
    case Subject::BoardWithGrant:
      return "board member with a grant";
    case Subject::BoardWithoutGrant:
      return "board member without a grant";
    case Subject::LocalRepresentative:
      return "local representative";
    case Subject::InstanceAdmin:
      return "instance admin";
    case Subject::BoardWhoIsAParty:
      return "board member the case names";
  }
  return "?";
}

inline constexpr const char* kCanaryName = "Zephyrine Canarywood";
inline constexpr const char* kCanaryContact = "zephyrine.canarywood@example.net";
// What no response to a subject who may not see the case may contain (compared in
// lower case).
inline constexpr const char* kCanaryMark = "canarywood";
// The report held in escrow: its reporter and the person it names, which no response to
// anyone may contain while it is held (compared in lower case).
inline constexpr const char* kHeldReporter = "Halcyon Escrowmark";
inline constexpr const char* kHeldMark = "escrowmark";
inline constexpr const char* kHeldPerson = "@quiet_harbour";
// The case's evidence file carries the canary in its name and its content.
inline constexpr const char* kCanaryFileName = "statement-of-zephyrine-canarywood.txt";
inline constexpr const char* kCanaryEvidence = "What Zephyrine Canarywood saw, in her own words.";
inline constexpr const char* kPassword = "tidewater matrix password";
inline constexpr const char* kNewPassword = "a different long password";

// How a member signs in: their email and the TOTP secret their authenticator holds.
struct Login {
  std::string email;
  std::string totp_secret;  // raw bytes
};

// What a browser holds after signing in.
struct Session {
  std::string token;  // the conduct_session cookie
  std::string csrf_token;
};

class MatrixWorld {
 public:
  // `sign_in_router` answers POST /api/session; it must outlive the world.
  explicit MatrixWorld(const Router& sign_in_router) : sign_in_router_(sign_in_router) {}
  MatrixWorld(const MatrixWorld&) = delete;
  MatrixWorld& operator=(const MatrixWorld&) = delete;

  // Builds the world around `subject`; the error says which step failed.
  Status build(Subject subject) {
    this->subject = subject;
    TRY(create_community());
    TRY(add_members_present_at_intake());
    TRY(open_the_case());
    clock.advance_seconds(kSecondsPerHour);
    TRY(relate_subject_to_the_case());
    TRY(issue_spare_enrolment());
    TRY(add_member_waiting_for_access());
    clock.advance_seconds(crypto::kTotpStepSeconds + 1);  // a TOTP code works once: sign in a step later
    if (subject == Subject::Anonymous) return ok_status();
    ASSIGN_OR_RETURN(session, sign_in_over_http(subject_login));
    if (subject == Subject::FormerMember) TRY(app::offboard_member(context, chair, subject_login.email));
    return ok_status();
  }

  // Whether a request carries the session's CSRF token on a state change.
  enum class Csrf { Send, Omit };

  // Sends a request as the subject: with its session cookie, and with the CSRF token on
  // a state change unless told otherwise. The anonymous subject sends neither. A body is
  // JSON unless `headers` says otherwise (names in lower case).
  Response send(const Router& router, const std::string& method, const std::string& path, const std::string& body,
                Csrf csrf = Csrf::Send, const std::map<std::string, std::string>& headers = {}) {
    Request request;
    request.method = method;
    request.path = path.substr(0, path.find('?'));
    if (path.find('?') != std::string::npos)  // "name=value&…", values sent as they are
      for (const std::string& pair : split(path.substr(path.find('?') + 1), '&'))
        request.query[pair.substr(0, pair.find('='))] =
            pair.find('=') == std::string::npos ? "" : pair.substr(pair.find('=') + 1);
    request.body = body;
    request.remote_address = "127.0.0.1";
    if (!body.empty()) request.headers["content-type"] = "application/json";
    for (const auto& [name, value] : headers) request.headers[name] = value;
    if (!session.token.empty()) {
      request.headers["cookie"] = std::string(kSessionCookie) + "=" + session.token;
      if (csrf == Csrf::Send && is_state_changing(method)) request.headers[kCsrfHeader] = session.csrf_token;
    }
    return dispatch(router, request, context, DispatchOptions{});
  }

  // The body of POST /api/session for `login` at the clock's time.
  std::string sign_in_body(const Login& login) const {
    const std::string code =
        login.totp_secret.empty() ? "000000" : crypto::totp_code(login.totp_secret, clock.now().seconds);
    return nlohmann::json{{"email", login.email}, {"password", kPassword}, {"code", code}}.dump();
  }

  // Signs `login` in through dispatch(), as the web app does.
  Result<Session> sign_in_over_http(const Login& login) {
    Request request;
    request.method = "POST";
    request.path = "/api/session";
    request.body = sign_in_body(login);
    request.headers["content-type"] = "application/json";
    request.remote_address = "127.0.0.1";
    const Response response = dispatch(sign_in_router_, request, context, DispatchOptions{});
    if (response.status != 201) return internal_error("signing in " + login.email + " answered " + response.body);
    Session signed_in;
    const std::string prefix = std::string(kSessionCookie) + "=";
    for (const auto& [name, value] : response.headers)
      if (to_lower_ascii(name) == "set-cookie" && value.rfind(prefix, 0) == 0)
        signed_in.token = value.substr(prefix.size(), value.find(';') - prefix.size());
    const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_object() && body.contains("csrf_token")) signed_in.csrf_token = body["csrf_token"].get<std::string>();
    if (signed_in.token.empty() || signed_in.csrf_token.empty())
      return internal_error("signing in " + login.email + " gave no cookie or no CSRF token");
    return signed_in;
  }

  crypto::CaseKeyring keyring;
  crypto::BlindIndexer indexer{crypto::new_index_key()};
  conduct::testing::MemoryDatabase store{keyring};
  FixedClock clock{*parse_timestamp("2026-11-25T08:00:00Z")};
  crypto::SodiumRandom random;
  app::Context context{store, clock, random, keyring, indexer, crypto::kTestCost};
  testing::KeyHolders holders{context, clock, kPassword};

  Subject subject = Subject::Anonymous;
  app::Actor chair;
  Login chair_login;
  Login subject_login;  // the anonymous subject's names nobody: its sign-in fails
  Session session;      // empty for the anonymous subject

  std::string case_code;                 // URL form: "home-shelf"
  std::string held_case_code;            // URL form of the case held in escrow
  std::string linked_case_code;          // URL form of a case linked into the case
  std::string spare_case_code;           // URL form of a case linked into none
  std::string held_person_code;          // the held case's reported person's record
  std::string person_code;               // the reported person's record: "Blue Jay"
  std::string missing_case_code;         // URL form of a case code name no case has
  std::string missing_person_code;       // a person code name no record has
  std::int64_t pending_request = 0;      // another board member's oversight request, not approved
  int evidence_number = 0;               // the case's evidence file
  std::int64_t quarantined_message = 0;  // a mail message waiting in quarantine
  std::string enrolment_token;           // a fresh link for a member who has not enrolled
  std::string spare_adviser = "spare.adviser@tidewater.example";
  std::string throwaway = "throwaway@tidewater.example";  // an enrolled member, target of member routes
  std::string waiting = "waiting@tidewater.example";      // joined after the case, screened it, not yet let in

 private:
  static constexpr const char* kSubjectEmail = "subject@tidewater.example";

  Result<app::Actor> add(const std::string& email, const std::string& name, const std::string& role) {
    domain::NewMemberCommand command;
    command.email = email;
    command.display_name = name;
    command.role = role;
    ASSIGN_OR_RETURN(const domain::Member added, app::add_member(context, chair, command));
    return app::Actor{chair.community, added};
  }

  // Adds a member, enrols them with their first link and has the chair certify them.
  Result<Login> add_enrolled(const std::string& email, const std::string& name, const std::string& role) {
    TRY(add(email, name, role));
    TRY(holders.enrol_certified(email));
    return Login{email, holders.totp_secret(email)};
  }

  Status create_community() {
    ASSIGN_OR_RETURN(const std::string policy, app::shipped_policy_source("default"));
    ASSIGN_OR_RETURN(
        const app::InitResult created,
        app::init_community(context, {policy,
                                      {"tidewater", "Tidewater Open Source Community", "conduct@tidewater.example"},
                                      "robin@tidewater.example",
                                      "Robin Achterberg"}));
    ASSIGN_OR_RETURN(chair, holders.enrol_first_chair(created));  // signed in: the chair holds keys
    chair_login = Login{chair.member.email, holders.totp_secret(chair.member.email)};
    return ok_status();
  }

  // Everyone who was there when the case was opened, the subject included unless they
  // join later (or are nobody, or the chair).
  Status add_members_present_at_intake() {
    TRY(add_enrolled(throwaway, "Tom Throwaway", "member"));
    TRY(add_enrolled("voter@tidewater.example", "Vera Voter", "member"));  // a vote needs three eligible
    TRY(add(spare_adviser, "Sol Spare", "adviser"));
    TRY(add_enrolled("requester@tidewater.example", "Rhea Requester", "board-member"));
    const char* role = nullptr;
    switch (subject) {
      case Subject::Anonymous:
        subject_login = Login{"nobody@tidewater.example", ""};
        return ok_status();
      case Subject::Chair:
        subject_login = chair_login;
        return ok_status();
      case Subject::MemberWhoMustScreen:
        return ok_status();  // joins after the case
      case Subject::Member:
      case Subject::MemberWithConflict:
      case Subject::FormerMember:
        role = "member";
        break;
      case Subject::InvitedAdviser:
      case Subject::UninvitedAdviser:
        role = "adviser";
        break;
      case Subject::BoardWithGrant:
      case Subject::BoardWithoutGrant:
      case Subject::BoardWhoIsAParty:
        role = "board-member";
        break;
      case Subject::LocalRepresentative:
        role = "local-representative";
        break;
      case Subject::InstanceAdmin:
        role = "instance-admin";
        break;
    }
    ASSIGN_OR_RETURN(subject_login, add_enrolled(kSubjectEmail, "Sasha Subject", role));
    return ok_status();
  }

  Status open_the_case() {
    domain::NewCaseCommand command;
    command.report.report_text = "Repeated unwanted messages after being asked to stop.";
    command.report.channel = "email";
    command.report.parties = {{"reporter", kCanaryName, kCanaryContact, "", ""},
                              {"reported", "", "@drift_wood", "", ""}};
    if (subject == Subject::BoardWhoIsAParty) command.report.parties.push_back({"witness", "", kSubjectEmail, "", ""});
    command.space = "forum";
    command.categories = {"harassment"};
    ASSIGN_OR_RETURN(const domain::CaseRecord record, app::open_case(context, chair, command));
    case_code = domain::url_form(record.summary.code_name);
    for (const domain::Party& party : record.parties)
      if (!party.person_code_name.empty()) person_code = party.person_code_name;
    if (person_code.empty()) return internal_error("the reported person got no person record");

    const std::int64_t community_id = chair.community.id;
    ASSIGN_OR_RETURN(const std::string missing_case,
                     domain::choose_case_code_name(random, [&](const std::string& name) {
                       const auto taken = context.store.case_code_name_taken(community_id, name);
                       return !taken.ok() || *taken;
                     }));
    missing_case_code = domain::url_form(missing_case);
    ASSIGN_OR_RETURN(missing_person_code, domain::choose_person_code_name(random, [&](const std::string& name) {
                       const auto taken = context.store.person_code_name_taken(community_id, name);
                       return !taken.ok() || *taken;
                     }));

    TRY(send_a_held_report());
    TRY(open_the_linked_cases());
    TRY(put_a_proposal_to_the_vote());

    ASSIGN_OR_RETURN(const domain::EvidenceFile file,
                     app::attach_evidence(context, chair, case_code, {kCanaryFileName, "", kCanaryEvidence}));
    evidence_number = file.number;

    // A request from another board member, waiting for a chair.
    ASSIGN_OR_RETURN(const app::Actor requester, member_as_actor("requester@tidewater.example"));
    ASSIGN_OR_RETURN(const domain::OversightGrant pending,
                     app::request_oversight(context, requester, case_code, "A board review.", 7));
    pending_request = pending.id;

    // The chair's draft to the moderators, waiting for a second member (number 1).
    domain::DraftContent draft;
    draft.to = {"mods@example.org"};
    draft.subject = "An incident in the forum";
    draft.text = "We are looking into an incident in the forum.";
    ASSIGN_OR_RETURN(const app::DraftView written, app::write_draft(context, chair, case_code, "moderators", draft));
    if (written.draft.number != evidence_number) return internal_error("the draft is not number 1 like the file");

    // A message no rule could place (it names no sender), sealed for the chairs.
    ASSIGN_OR_RETURN(const app::IngestedMail unplaced,
                     app::ingest_mail(context,
                                      "To: conduct@tidewater.example\r\nSubject: unplaced\r\n"
                                      "Message-ID: <matrix@example.org>\r\n\r\nWho sent this?\r\n",
                                      std::nullopt, {}));
    if (unplaced.outcome != app::MailOutcome::Quarantined) return internal_error("the message was not quarantined");
    ASSIGN_OR_RETURN(const std::vector<store::QuarantinedMailRow> waiting,
                     context.store.waiting_quarantine(community_id, 1));
    if (waiting.empty()) return internal_error("no message waits in quarantine");
    quarantined_message = waiting.front().id;

    // Meeting 1, where the case was discussed (the canary in what was said about it):
    // the group's members read the meeting, and only those who may read the case its part.
    domain::MeetingCommand meeting;
    meeting.held_on = format_date(date_of(clock.now()));
    meeting.attendees = {chair.member.email, "voter@tidewater.example"};
    meeting.minutes = "The group agreed its meeting rota.";
    meeting.cases = {{case_code, std::string("Discussed the ") + kCanaryMark + " messages and the next steps."}};
    ASSIGN_OR_RETURN(const app::MeetingView recorded, app::record_meeting(context, chair, meeting));
    if (recorded.summary.meeting.number != evidence_number) return internal_error("the meeting is not number 1");
    // Matter 1 of the group, put to the vote by the chair before anyone joined later.
    ASSIGN_OR_RETURN(
        const app::MatterView matter,
        app::propose_matter(context, chair, {"guideline", "Meetings every second Tuesday.", std::nullopt}));
    if (matter.summary.matter.number != evidence_number) return internal_error("the matter is not number 1");
    return ok_status();
  }

  // Two more reports of the incident, in cases of their own: one linked into the case
  // (what {linked} names), one not (what a link names). Neither holds the canary, nor
  // names the case's reported person (whose record the people routes show).
  Status open_the_linked_cases() {
    std::string* codes[] = {&linked_case_code, &spare_case_code};
    for (std::string* code : codes) {
      domain::NewCaseCommand command;
      command.report.report_text = "I saw the messages too.";
      command.report.parties = {{"reported", "", "@quiet_fern", "", ""}};
      ASSIGN_OR_RETURN(const domain::CaseRecord record, app::open_case(context, chair, command));
      *code = domain::url_form(record.summary.code_name);
    }
    TRY(app::link_case(context, chair, case_code, linked_case_code, "The same messages."));
    return ok_status();
  }

  // The case under decision: investigated, its reported person (party 2) told and
  // answered, the chair's proposal 1 open for a vote (what {number} names on the
  // ballots route, like the evidence file's number), and the chair's action 1 under review.
  Status put_a_proposal_to_the_vote() {
    for (const char* state : {"acknowledged", "investigating"}) {
      ASSIGN_OR_RETURN(const domain::Case moved,
                       app::transition_case(context, chair, case_code, {state, "Next.", "", ""}));
      (void)moved;
    }
    for (const char* step : {"told", "responded"}) {
      ASSIGN_OR_RETURN(
          const app::DecisionsView recorded,
          app::record_response(context, chair, case_code, {2, step, "In words that protect the reporter."}));
      (void)recorded;
    }
    domain::ProposalCommand proposal;
    proposal.reported_party = 2;
    proposal.resolution = "warning";
    ASSIGN_OR_RETURN(const app::DecisionsView proposed, app::propose_resolution(context, chair, case_code, proposal));
    if (proposed.proposals.size() != 1 || !proposed.proposals[0].vote || proposed.proposals[0].vote->closed_at)
      return internal_error("the proposal's vote is not open");
    // Action 1, the chair's, reported: its review vote is open.
    domain::ActionCommand action;
    action.situation = "ongoing";
    action.what = "Muted the account in the chat.";
    action.why = "The messages kept coming.";
    action.affects = "The reported person";
    ASSIGN_OR_RETURN(const app::DecisionsView taken, app::take_action(context, chair, case_code, action));
    (void)taken;
    ASSIGN_OR_RETURN(const app::DecisionsView reported,
                     app::report_action(context, chair, case_code, 1, "Muted for a day; please review."));
    if (reported.actions.size() != 1 || !reported.actions[0].vote) return internal_error("the action is not reviewed");
    return ok_status();
  }

  // A report on the public form held in escrow, naming someone no other report names:
  // it stays held for the whole world's life.
  Status send_a_held_report() {
    domain::PublicReport report;
    report.reporter_name = kHeldReporter;
    report.reporter_email = "halcyon@example.net";
    report.what_happened = "Held until someone else reports them too.";
    report.people = {{"reported-person", "", kHeldPerson}};
    report.escrow = true;
    ASSIGN_OR_RETURN(const app::SubmittedReport sent,
                     app::submit_public_report(context, "tidewater", report, {"192.0.2.77", "en"}));
    ASSIGN_OR_RETURN(const domain::Case held, context.store.find_case_by_id(sent.case_id));
    if (!held.escrowed) return internal_error("the report was not held in escrow");
    held_case_code = domain::url_form(held.code_name);
    ASSIGN_OR_RETURN(const std::vector<store::PersonRow> people, context.store.list_people(chair.community.id));
    for (const store::PersonRow& row : people)
      if (row.person.code_name != person_code) held_person_code = row.person.code_name;
    if (held_person_code.empty()) return internal_error("the held report's person got no record");
    return ok_status();
  }

  Status relate_subject_to_the_case() {
    switch (subject) {
      case Subject::MemberWithConflict: {
        ASSIGN_OR_RETURN(const app::Actor member, member_as_actor(kSubjectEmail));
        return app::declare_conflict(context, member, case_code, "private");
      }
      case Subject::MemberWhoMustScreen: {
        ASSIGN_OR_RETURN(subject_login, add_enrolled(kSubjectEmail, "Sasha Subject", "member"));
        return ok_status();
      }
      case Subject::InvitedAdviser:  // to the incident's three cases
        for (const std::string& code : {linked_case_code, spare_case_code})
          TRY(app::invite_adviser(context, chair, code, kSubjectEmail));
        return app::invite_adviser(context, chair, case_code, kSubjectEmail);
      case Subject::BoardWithGrant: {
        ASSIGN_OR_RETURN(const app::Actor board_member, member_as_actor(kSubjectEmail));
        ASSIGN_OR_RETURN(const domain::OversightGrant grant,
                         app::request_oversight(context, board_member, case_code, "Review.", 30));
        return app::approve_oversight(context, chair, case_code, grant.id);
      }
      default:
        return ok_status();
    }
  }

  // A member who joined after the case and cleared it: their access waits for approval.
  Status add_member_waiting_for_access() {
    TRY(add_enrolled(waiting, "Wren Waiting", "member"));
    ASSIGN_OR_RETURN(const app::Actor newcomer, member_as_actor(waiting));
    return app::clear_case(context, newcomer, case_code);
  }

  // A member who has not enrolled yet, and their link: the {token} of the enrolment routes.
  Status issue_spare_enrolment() {
    TRY(add("pending@tidewater.example", "Pat Pending", "member"));
    ASSIGN_OR_RETURN(const app::EnrolmentLink link, app::issue_enrolment(context, chair, "pending@tidewater.example"));
    enrolment_token = link.token;
    return ok_status();
  }

  // The member signed in through the use case, with their keys.
  Result<app::Actor> member_as_actor(const std::string& email) {
    ASSIGN_OR_RETURN(const app::SignedIn signed_in, holders.sign_in(email));
    return signed_in.actor;
  }

  const Router& sign_in_router_;
};

// A fresh world around `subject`, or the reason it could not be built.
inline Result<std::unique_ptr<MatrixWorld>> build_world(const Router& sign_in_router, Subject subject) {
  auto world = std::make_unique<MatrixWorld>(sign_in_router);
  TRY(world->build(subject));
  return world;
}

}  // namespace conduct::http::matrix
