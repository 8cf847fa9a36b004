// The authorization matrix over HTTP (docs/security.md "Access decided in one place"): every
// route of the router's own table, api_routes(), against every kind of subject, each
// cell in a world of its own (matrix_world.h). The expected outcome of each cell is
// written out by hand from the rules at the top of src/domain/access.cpp, so a route
// added without a row fails here, and so does a handler that skips its use case's
// policy call. Two planted test-only routes prove both.
//
// What a cell checks:
//   - the outcome class of the response (below, `Expect`);
//   - for a hidden case or person record, that the response is exactly the one a case
//     or record that never existed gets (same status, same body but for the name);
//   - for every cell the subject may not see the case in, and for every cell of a
//     subject who may not read the case at all, that the canary reporter's name
//     appears nowhere in the response body;
//   - for every cell, that nothing of the world's case held in escrow (its code name,
//     its person record, its reporter) appears in the response body: it exists for
//     nobody.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/case_keys.h"
#include "http/matrix_world.h"
#include "http/responses.h"
#include "json/views.h"

namespace conduct::http::matrix {
namespace {

using nlohmann::json;

// ---- The expectations -----------------------------------------------------------------

// What a cell comes to.
enum class Expect {
  Allowed,          // 2xx
  Alike,            // 2xx, exactly as for a case that never existed (no oracle)
  Listed,           // 2xx, a list that holds the case (or its reported person)
  Unlisted,         // 2xx, a list without it
  Unauthenticated,  // 401: no session, or one that no longer counts
  Forbidden,        // 403: an action on no particular case the role may not take
  Hidden,           // 404, exactly as for a case or person record that never existed
  Refused,          // 409: the request is sent invalid on purpose for the state
  BadInput,         // 400: the request is sent invalid on purpose
};

const char* name_of(Expect expect) {
  switch (expect) {
    case Expect::Allowed:
      return "allowed (2xx)";
    case Expect::Alike:
      return "alike (2xx, as for a case that never existed)";
    case Expect::Listed:
      return "listed (2xx)";
    case Expect::Unlisted:
      return "unlisted (2xx)";
    case Expect::Unauthenticated:
      return "unauthenticated (401)";
    case Expect::Forbidden:
      return "forbidden (403)";
    case Expect::Hidden:
      return "hidden (404)";
    case Expect::Refused:
      return "refused (409)";
    case Expect::BadInput:
      return "bad input (400)";
  }
  return "?";
}

// Whether the subject of a cell so expected may see the case's content.
bool may_see_the_case(Expect expect) { return expect == Expect::Allowed || expect == Expect::Listed; }

// Whether the subject may read the case at all: the chair and the member (no conflict,
// nothing to screen), the invited adviser and the board member under a grant. Nobody
// else may meet the canary in any response, whatever the route: a list that rightly
// shows a member who must screen the case's code name still must not show its content.
bool reads_the_case(Subject subject) {
  return subject == Subject::Chair || subject == Subject::Member || subject == Subject::InvitedAdviser ||
         subject == Subject::BoardWithGrant;
}

// Whether the cell is a refusal of the subject (rather than of a request sent invalid on
// purpose): such an answer must not depend on whether the case exists.
bool is_denial(Expect expect) {
  return expect == Expect::Unauthenticated || expect == Expect::Forbidden || expect == Expect::Hidden;
}

struct MatrixRow {
  std::string method;
  std::string pattern;
  std::array<Expect, kSubjectCount> expected;  // in the order of kSubjects
};

constexpr Expect A = Expect::Allowed, L = Expect::Listed, U = Expect::Unlisted, N = Expect::Unauthenticated,
                 F = Expect::Forbidden, H = Expect::Hidden, S = Expect::Alike;

// One row per route. Columns, in the order of kSubjects:
//   anonymous, chair, member, member with a conflict, member who must screen, former
//   member, adviser invited, adviser not invited, board member with a grant, board
//   member without one, local representative, instance admin, board member whom the
//   case's report names (excluded from the first moment).
// Anonymous requests carry no cookie and a former member's cookie no longer counts, so
// every members' route answers both 401 before any policy is asked.
const std::vector<MatrixRow>& matrix_table() {
  static const std::vector<MatrixRow> table = {
      // Public: the same for everyone.
      {"GET", "/api/health", {A, A, A, A, A, A, A, A, A, A, A, A, A}},
      {"GET", "/api/communities", {A, A, A, A, A, A, A, A, A, A, A, A, A}},
      // Signing in as the subject itself: nobody (anonymous) and a former member fail.
      {"POST", "/api/session", {N, A, A, A, A, N, A, A, A, A, A, A, A}},
      {"GET", "/api/enrolment/{token}", {A, A, A, A, A, A, A, A, A, A, A, A, A}},
      {"POST", "/api/enrolment/{token}", {A, A, A, A, A, A, A, A, A, A, A, A, A}},

      // The signed-in member's own session and account: any active member.
      {"DELETE", "/api/session", {N, A, A, A, A, N, A, A, A, A, A, A, A}},
      {"DELETE", "/api/sessions", {N, A, A, A, A, N, A, A, A, A, A, A, A}},
      {"GET", "/api/me", {N, A, A, A, A, N, A, A, A, A, A, A, A}},
      {"POST", "/api/me/password", {N, A, A, A, A, N, A, A, A, A, A, A, A}},

      // The case list: group members, advisers and board members may ask; an exclusion,
      // a screening still owed, no invitation or no grant keeps the case out of it.
      {"GET", "/api/cases", {N, L, L, U, U, N, L, U, L, U, F, F, U}},
      // Group members and local representatives record reports.
      {"POST", "/api/cases", {N, A, A, A, A, N, F, F, F, F, A, F, F}},
      // Reading: group members without a conflict, the invited adviser, oversight.
      {"GET", "/api/cases/{code}", {N, A, A, H, H, N, A, H, A, H, H, H, H}},
      // Writing: oversight is read-only.
      {"POST", "/api/cases/{code}/entries", {N, A, A, H, H, N, A, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/reports", {N, A, A, H, H, N, A, H, H, H, H, H, H}},
      // Moving the case: advisers do not decide.
      {"POST", "/api/cases/{code}/transitions", {N, A, A, H, H, N, H, H, H, H, H, H, H}},
      // Its flags likewise.
      {"POST", "/api/cases/{code}/flags", {N, A, A, H, H, N, H, H, H, H, H, H, H}},
      // Linked cases: read by the case's readers; linked and split by those who write
      // both cases (the adviser is invited to all of them).
      {"GET", "/api/cases/{code}/links", {N, A, A, H, H, N, A, H, A, H, H, H, H}},
      {"POST", "/api/cases/{code}/links", {N, A, A, H, H, N, A, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/links/{linked}/split", {N, A, A, H, H, N, A, H, H, H, H, H, H}},
      // Decisions: read by the case's readers; evaluated, answered and proposed by group
      // members without a conflict (advisers do not decide, oversight is read-only).
      // Voting likewise; a member who declared a conflict is told why (409), as they
      // know the case: everyone else the policy refuses gets the never-existing answer.
      {"GET", "/api/cases/{code}/decisions", {N, A, A, H, H, N, A, H, A, H, H, H, H}},
      {"POST", "/api/cases/{code}/evaluations", {N, A, A, H, H, N, H, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/responses", {N, A, A, H, H, N, H, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/proposals", {N, A, A, H, H, N, H, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/proposals/{number}/ballots", {N, A, A, Expect::Refused, H, N, H, H, H, H, H, H, H}},
      // The world's proposal is still being voted on: asking for feedback on it and
      // enacting it are refused by the procedure (409) for those who decide.
      {"POST",
       "/api/cases/{code}/proposals/{number}/feedback",
       {N, Expect::Refused, Expect::Refused, H, H, N, H, H, H, H, H, H, H}},
      {"POST",
       "/api/cases/{code}/proposals/{number}/enactment",
       {N, Expect::Refused, Expect::Refused, H, H, N, H, H, H, H, H, H, H}},
      // Acting at once: those who decide. The world's action 1 is the chair's and was
      // reported already, so reporting it again is refused by the procedure (409); its
      // review takes revisions and ballots as a proposal's vote does.
      {"POST", "/api/cases/{code}/actions", {N, A, A, H, H, N, H, H, H, H, H, H, H}},
      {"POST",
       "/api/cases/{code}/actions/{number}/report",
       {N, Expect::Refused, Expect::Refused, H, H, N, H, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/actions/{number}/revisions", {N, A, A, H, H, N, H, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/actions/{number}/ballots", {N, A, A, Expect::Refused, H, N, H, H, H, H, H, H, H}},
      // The group's meetings: its members read and record them; what a meeting says about a
      // case reaches only those who may read the case (the canary shows it).
      {"GET", "/api/meetings", {N, A, A, A, A, N, F, F, F, F, F, F, F}},
      {"POST", "/api/meetings", {N, A, A, A, A, N, F, F, F, F, F, F, F}},
      {"GET", "/api/meetings/{number}", {N, A, A, A, A, N, F, F, F, F, F, F, F}},
      // The group's own matters: its voting members; one who joined after the matter was
      // put to the vote takes no part in it (refused, with the reason).
      {"GET", "/api/matters", {N, A, A, A, A, N, F, F, F, F, F, F, F}},
      {"POST", "/api/matters", {N, A, A, A, A, N, F, F, F, F, F, F, F}},
      {"GET", "/api/matters/{number}", {N, A, A, A, A, N, F, F, F, F, F, F, F}},
      {"POST", "/api/matters/{number}/ballots", {N, A, A, A, Expect::Refused, N, F, F, F, F, F, F, F}},
      {"POST", "/api/matters/{number}/stand-aside", {N, A, A, A, A, N, F, F, F, F, F, F, F}},
      // Recusing: whoever sees the case, and a member still screening it.
      {"POST", "/api/cases/{code}/conflicts", {N, A, A, H, A, N, A, H, A, H, H, H, H}},
      // Evidence files: attached by those who write the case, listed and downloaded by
      // those who read it (oversight included).
      {"POST", "/api/cases/{code}/evidence", {N, A, A, H, H, N, A, H, H, H, H, H, H}},
      {"GET", "/api/cases/{code}/evidence", {N, A, A, H, H, N, A, H, A, H, H, H, H}},
      // Drafts: read by the case's readers, written and sent by its writers. The world's
      // draft 1 is the chair's, to moderators: the chair may not approve their own
      // (refused by the rule, 409); any other writer may.
      {"GET", "/api/cases/{code}/drafts", {N, A, A, H, H, N, A, H, A, H, H, H, H}},
      {"POST", "/api/cases/{code}/drafts", {N, A, A, H, H, N, A, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/drafts/{number}/sending", {N, Expect::Refused, A, H, H, N, A, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/drafts/{number}/withdrawal", {N, A, A, H, H, N, A, H, H, H, H, H, H}},
      // The intake queue's drafts: whoever lists cases asks; the world's waiting draft is
      // the chair's to moderators, on the canary case, so the readers who may approve
      // it find it (the chair, its author, does not).
      {"GET", "/api/drafts/awaiting-review", {N, U, L, U, U, N, L, U, L, U, F, F, U}},
      {"GET", "/api/cases/{code}/evidence/{number}", {N, A, A, H, H, N, A, H, A, H, H, H, H}},
      // Screening: only the member who owes it sees the case in the list or may clear it.
      {"GET", "/api/screening", {N, U, U, U, L, N, U, U, U, U, F, F, U}},
      {"POST", "/api/cases/{code}/screening", {N, H, H, H, A, N, H, H, H, H, H, H, H}},
      // A newcomer who screened a case waits until someone handling it lets them in.
      {"GET", "/api/access-requests", {N, L, L, U, U, N, U, U, U, U, F, F, U}},
      {"POST", "/api/cases/{code}/access-approvals", {N, A, A, H, H, N, H, H, H, H, H, H, H}},
      // Chairs invite advisers and decide on oversight; board members ask for it, and are
      // answered alike whether the code names a case, one about them, or none.
      {"POST", "/api/cases/{code}/invitations", {N, A, H, H, H, N, H, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/oversight", {N, H, H, H, H, N, H, H, S, S, H, H, S}},
      {"GET", "/api/cases/{code}/oversight", {N, A, H, H, H, N, H, H, H, H, H, H, H}},
      {"POST", "/api/cases/{code}/oversight/{id}/approval", {N, A, H, H, H, N, H, H, H, H, H, H, H}},
      // Chairs place and lift legal holds. The case holds none, so lifting is refused
      // (409) for the chair: the policy let them through, the state did not.
      {"POST", "/api/cases/{code}/legal-hold", {N, A, H, H, H, N, H, H, H, H, H, H, H}},
      {"DELETE", "/api/cases/{code}/legal-hold", {N, Expect::Refused, H, H, H, N, H, H, H, H, H, H, H}},

      // Search: the cases the member holds; a list that finds the canary only for readers.
      {"GET", "/api/search", {N, L, L, U, U, N, L, U, L, U, F, F, U}},

      // The audit trail: chairs and board members (no content), each seeing only the cases
      // they may know exist: a chair's and an overseeing board member's list the case.
      {"GET", "/api/audit", {N, L, F, F, F, N, F, F, L, U, F, F, U}},

      // Person records: group members, counting only the cases they see.
      {"GET", "/api/people", {N, L, L, U, U, N, F, F, F, F, F, F, F}},
      {"GET", "/api/people/{person}", {N, A, A, H, H, N, F, F, F, F, F, F, F}},

      // Members: group members and the instance admin list them; chairs manage them.
      {"GET", "/api/members", {N, A, A, A, A, N, F, F, F, F, F, A, F}},
      {"POST", "/api/members", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      {"POST", "/api/members/{email}/offboarding", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      {"POST", "/api/members/{email}/renewal", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      {"POST", "/api/members/{email}/reset", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      {"POST", "/api/members/{email}/certification", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      // Warnings about failed sign-ins against one account: for the chairs who manage members.
      {"GET", "/api/sign-in-warnings", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      // Oversight requests that named no case the board member may ask about: chairs.
      {"GET", "/api/oversight-requests/unmatched", {N, A, F, F, F, N, F, F, F, F, F, F, F}},

      // Local representatives send reports, summaries and escalations and list their own;
      // nobody else does (a group member records reports with POST /api/cases).
      {"GET", "/api/submissions", {N, F, F, F, F, N, F, F, F, F, A, F, F}},
      {"POST", "/api/submissions", {N, F, F, F, F, N, F, F, F, F, A, F, F}},

      // Reports without an account: anyone may send one, whoever they are.
      {"GET", "/api/reports/{community}/form", {A, A, A, A, A, A, A, A, A, A, A, A, A}},
      {"POST", "/api/reports/{community}", {A, A, A, A, A, A, A, A, A, A, A, A, A}},
      {"GET", "/report/{community}", {A, A, A, A, A, A, A, A, A, A, A, A, A}},
      {"POST", "/report/{community}", {A, A, A, A, A, A, A, A, A, A, A, A, A}},
      // The reporter's thread on a case: read by its readers, written by its writers. The
      // world's case was recorded by a member, so it has no reporter to write to: a
      // writer is let through and refused by the state (409), everyone else is hidden.
      {"GET", "/api/cases/{code}/thread", {N, A, A, H, H, N, A, H, A, H, H, H, H}},
      // The state of the mail about a case (no text): whoever may read the case.
      {"GET", "/api/cases/{code}/mail", {N, A, A, H, H, N, A, H, A, H, H, H, H}},
      // Mail that failed or is being retried, of the whole community: the chairs.
      {"GET", "/api/mail/attention", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      // The mail quarantine: the chairs (whose keys it is sealed for) review it.
      {"GET", "/api/mail/quarantine", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      {"GET", "/api/mail/quarantine/{message}", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      {"GET", "/api/mail/quarantine/{message}/raw", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      {"POST", "/api/mail/quarantine/{message}/filing", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      {"POST", "/api/mail/quarantine/{message}/discarding", {N, A, F, F, F, N, F, F, F, F, F, F, F}},
      {"POST",
       "/api/cases/{code}/thread",
       {N, Expect::Refused, Expect::Refused, H, H, N, Expect::Refused, H, H, H, H, H, H}},
      // The portal answers only to a receipt (a made-up one opens nothing, for anyone),
      // and to the portal's own session, which no member's cookie is.
      {"GET", "/portal", {A, A, A, A, A, A, A, A, A, A, A, A, A}},
      {"POST", "/portal", {F, F, F, F, F, F, F, F, F, F, F, F, F}},
      {"GET", "/portal/thread", {N, N, N, N, N, N, N, N, N, N, N, N, N}},
      {"POST", "/portal/thread", {N, N, N, N, N, N, N, N, N, N, N, N, N}},
      {"POST", "/portal/leave", {A, A, A, A, A, A, A, A, A, A, A, A, A}},
  };
  return table;
}

std::string route_name(const std::string& method, const std::string& pattern) { return method + " " + pattern; }

const MatrixRow* row_for(const std::vector<MatrixRow>& table, const Route& route) {
  for (const MatrixRow& row : table)
    if (row.method == route.method && row.pattern == route.pattern) return &row;
  return nullptr;
}

// ---- The requests a cell sends ----------------------------------------------------------

// Which case and person record the path parameters name.
enum class Target {
  TheCase,        // the world's case and its reported person
  NeverExisting,  // a case and a person record that do not exist
};

// The path of `pattern` with the world's values in its parameters (and the query a
// route needs: the search looks for the canary, which only readers may find).
Result<std::string> fill_path(const std::string& pattern, const MatrixWorld& world, Target target) {
  if (pattern == "/api/search") return std::string("/api/search?q=") + kCanaryMark;
  std::vector<std::string> segments = split(pattern, '/');
  for (std::string& segment : segments) {
    if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}') continue;
    const std::string name = segment.substr(1, segment.size() - 2);
    if (name == "code")
      segment = target == Target::TheCase ? world.case_code : world.missing_case_code;
    else if (name == "person")
      segment = domain::url_form(target == Target::TheCase ? world.person_code : world.missing_person_code);
    else if (name == "email")
      segment = world.throwaway;
    else if (name == "id")
      segment = std::to_string(world.pending_request);
    else if (name == "token")
      segment = world.enrolment_token;
    else if (name == "number")
      segment = std::to_string(world.evidence_number);
    else if (name == "community")
      segment = "tidewater";
    else if (name == "message")
      segment = std::to_string(world.quarantined_message);
    else if (name == "linked")
      segment = world.linked_case_code;
    else
      return invalid_argument("the matrix's world has no value for {" + name + "}");
  }
  return join(segments, "/");
}

// A minimal valid body for each route that reads one; other routes get none (GET,
// DELETE) or an empty object (POST).
std::string body_for(const std::string& method, const std::string& pattern, MatrixWorld& world) {
  using BodyOf = std::function<json(MatrixWorld&)>;
  static const std::map<std::string, BodyOf> bodies = {
      {"POST /api/session",
       [](MatrixWorld& w) {
         w.clock.advance_seconds(crypto::kTotpStepSeconds);  // the subject's last code is spent
         return json::parse(w.sign_in_body(w.subject_login));
       }},
      {"POST /api/enrolment/{token}",
       [](MatrixWorld& w) {
         const std::string secret = crypto::new_totp_secret();
         return json{{"password", kPassword},
                     {"totp_secret", crypto::totp_secret_base32(secret)},
                     {"code", crypto::totp_code(secret, w.clock.now().seconds)}};
       }},
      {"POST /api/me/password",
       [](MatrixWorld&) {
         return json{{"current_password", kPassword}, {"new_password", kNewPassword}};
       }},
      {"POST /api/cases",
       [](MatrixWorld&) {
         return json{{"report", "Slurs in the chat during the meetup."}, {"channel", "email"}};
       }},
      {"POST /api/cases/{code}/entries",
       [](MatrixWorld&) {
         return json{{"kind", "note"}, {"text", "Spoke with the moderators."}};
       }},
      {"POST /api/cases/{code}/reports",
       [](MatrixWorld&) {
         return json{{"report", "I saw it as well."}, {"channel", "email"}};
       }},
      {"POST /api/cases/{code}/links",
       [](MatrixWorld& w) {
         return json{{"case", w.spare_case_code}, {"note", "The same messages."}};
       }},
      {"POST /api/cases/{code}/links/{linked}/split",
       [](MatrixWorld&) {
         return json{{"reason", "Different messages after all."}};
       }},
      {"POST /api/cases/{code}/transitions",
       [](MatrixWorld&) {  // the case is being decided (matrix_world.h)
         return json{{"to", "escalated-to-board"}, {"reason", "The group cannot decide."}};
       }},
      {"POST /api/cases/{code}/flags",
       [](MatrixWorld&) {  // the world's case is neither (matrix_world.h)
         return json{{"physical_danger", true}, {"reason", "A threat in the hallway."}};
       }},
      {"POST /api/cases/{code}/evaluations",
       [](MatrixWorld&) {
         json answers = json::array();
         for (const domain::EvaluationQuestion& question : domain::evaluation_questions())
           answers.push_back({{"question", question.key}, {"answer", "unsure"}, {"note", ""}});
         return json{{"answers", answers},
                     {"what_happened", "Messages after being asked to stop."},
                     {"violation", "yes"},
                     {"rules", json::array({"harassment"})},
                     {"responsible", "The reported person."},
                     {"ongoing_or_threat", "no"}};
       }},
      {"POST /api/cases/{code}/responses",
       [](MatrixWorld&) {
         return json{{"reported_party", 2}, {"step", "waived-for-safety"}, {"text", "Telling them now is unsafe."}};
       }},
      {"POST /api/cases/{code}/proposals",
       [](MatrixWorld&) {
         return json{{"reported_party", 2}, {"resolution", "no-action"}};
       }},
      {"POST /api/cases/{code}/proposals/{number}/ballots",
       [](MatrixWorld&) {
         return json{{"ballot", "agree"}};
       }},
      {"POST /api/cases/{code}/proposals/{number}/feedback",
       [](MatrixWorld&) {
         return json{{"party", 1}, {"step", "asked"}, {"channel", "phone"}, {"text", "We read them the proposal."}};
       }},
      {"POST /api/cases/{code}/actions",
       [](MatrixWorld&) {
         return json{{"situation", "physical-danger"},
                     {"what", "Called the venue's security."},
                     {"why", "A threat in the hallway."},
                     {"affects", "The reported person"}};
       }},
      {"POST /api/cases/{code}/actions/{number}/report",
       [](MatrixWorld&) {
         return json{{"text", "Reported again."}};
       }},
      {"POST /api/cases/{code}/actions/{number}/revisions",
       [](MatrixWorld&) {
         return json{{"what", "Mute for an hour only."}, {"why", "It stopped at once."}};
       }},
      {"POST /api/cases/{code}/actions/{number}/ballots",
       [](MatrixWorld&) {
         return json{{"ballot", "agree"}};
       }},
      {"POST /api/meetings",
       [](MatrixWorld& w) {
         return json{{"held_on", format_date(date_of(w.clock.now()))},
                     {"attendees", json::array({w.chair.member.email})},
                     {"minutes", "Agreed to meet every second Tuesday."}};
       }},
      {"POST /api/matters",
       [](MatrixWorld&) {
         return json{{"kind", "guideline"}, {"text", "Minutes go out within a week."}};
       }},
      {"POST /api/matters/{number}/ballots",
       [](MatrixWorld&) {
         return json{{"ballot", "agree"}};
       }},
      {"POST /api/cases/{code}/invitations",
       [](MatrixWorld& w) {
         return json{{"adviser", w.spare_adviser}};
       }},
      {"POST /api/cases/{code}/access-approvals",
       [](MatrixWorld& w) {
         return json{{"member", w.waiting}};
       }},
      {"POST /api/cases/{code}/oversight",
       [](MatrixWorld&) {
         return json{{"reason", "Checking how the case is handled."}, {"days", 7}};
       }},
      {"POST /api/reports/{community}",
       [](MatrixWorld&) {
         return json{{"what_happened", "Someone kept writing to me after I asked them to stop."}};
       }},
      {"POST /api/cases/{code}/drafts",
       [](MatrixWorld&) {
         return json{{"recipient", "moderators"},
                     {"to", json::array({"mods@example.org"})},
                     {"subject", "An incident in the forum"},
                     {"text", "We are looking into an incident in the forum."}};
       }},
      {"POST /api/submissions",
       [](MatrixWorld&) {
         return json{{"kind", "summary"},
                     {"what_happened", "A speaker's slides included an offensive image."},
                     {"actions_taken", "We spoke with the speaker, who removed the slide and apologised."}};
       }},
      {"POST /api/cases/{code}/thread",
       [](MatrixWorld&) {
         return json{{"text", "Thank you: we are looking into it."}};
       }},
      {"POST /api/members",
       [](MatrixWorld&) {
         return json{{"email", "newcomer@tidewater.example"}, {"name", "Nia Newcomer"}, {"role", "member"}};
       }},
  };
  if (route_name(method, pattern) == "POST /api/cases/{code}/evidence") return "The chat log, as exported.";
  if (route_name(method, pattern) == "POST /report/{community}")
    return "what_happened=Someone+kept+writing+to+me+after+I+asked+them+to+stop.&lang=en";
  if (route_name(method, pattern) == "POST /portal") return "receipt=K7QD-2M9X-ABCD-EFGH-JKMN-PQRS-TVWB";
  if (route_name(method, pattern) == "POST /portal/thread") return "text=Hello&csrf=none";
  if (route_name(method, pattern) == "POST /portal/leave") return "csrf=none";
  const auto found = bodies.find(route_name(method, pattern));
  if (found != bodies.end()) return found->second(world).dump();
  return method == "POST" ? "{}" : "";
}

// The headers a route's request needs beyond the JSON default: the evidence upload
// sends raw bytes with the file's name.
std::map<std::string, std::string> headers_for(const std::string& method, const std::string& pattern) {
  if (route_name(method, pattern) == "POST /api/cases/{code}/evidence")
    return {{"content-type", "application/octet-stream"}, {"x-file-name", "chat%20log.txt"}};
  if (pattern.rfind("/api/", 0) != 0 && method == "POST")  // the pages' forms
    return {{"content-type", "application/x-www-form-urlencoded"}};
  return {};
}

// ---- Reading a response ------------------------------------------------------------------

bool holds_string(const json& value, const std::set<std::string>& wanted) {
  if (value.is_string()) return wanted.count(value.get<std::string>()) > 0;
  if (value.is_array() || value.is_object())
    return std::any_of(value.begin(), value.end(), [&](const json& item) { return holds_string(item, wanted); });
  return false;
}

// Whether a list names the world's case or its reported person.
bool lists_the_case(const Response& response, const MatrixWorld& world) {
  const json body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  return holds_string(body, {world.case_code, domain::normalise_case_code_name(world.case_code).value_or(""),
                             world.person_code, domain::url_form(world.person_code)});
}

// Whether a body names anything of the world's case held in escrow.
bool names_the_held_case(const std::string& body, const MatrixWorld& world) {
  const std::string lower = to_lower_ascii(body);
  for (const std::string& mark :
       {world.held_case_code, domain::normalise_case_code_name(world.held_case_code).value_or(""),
        to_lower_ascii(world.held_person_code), domain::url_form(world.held_person_code), std::string(kHeldMark),
        std::string(kHeldPerson)})
    if (!mark.empty() && lower.find(to_lower_ascii(mark)) != std::string::npos) return true;
  return false;
}

// The outcome class of a response, in the terms of the cell's expectation (a list is
// Listed or Unlisted only where a list was expected).
std::optional<Expect> outcome_of(const Response& response, Expect expected, const MatrixWorld& world) {
  if (response.status >= 200 && response.status < 300) {
    if (expected == Expect::Alike) return Expect::Alike;
    if (expected != Expect::Listed && expected != Expect::Unlisted) return Expect::Allowed;
    return lists_the_case(response, world) ? Expect::Listed : Expect::Unlisted;
  }
  switch (response.status) {
    case 400:
      return Expect::BadInput;
    case 401:
      return Expect::Unauthenticated;
    case 403:
      return Expect::Forbidden;
    case 404:
      return Expect::Hidden;
    case 409:
      return Expect::Refused;
    default:
      return std::nullopt;
  }
}

// What to say about a response that was not what the cell expected: its status, and
// the error's message when it is one (never the whole body, which may hold case content).
std::string describe(const Response& response, std::optional<Expect> outcome) {
  std::string text = std::to_string(response.status);
  if (outcome == Expect::Listed) text += " listing the case";
  if (outcome == Expect::Unlisted) text += " without the case";
  const json body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object() && body.contains("error") && body["error"].is_object())
    text += " (" + body["error"].value("message", std::string()) + ")";
  return text;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// The body a never-existing case or record got, with its names swapped for the
// world's: what a hidden one must answer, byte for byte.
std::string as_if_the_case(std::string body, const MatrixWorld& world) {
  const auto spaced_case = [](const std::string& url) { return domain::normalise_case_code_name(url).value_or(url); };
  body = replace_all(body, spaced_case(world.missing_case_code), spaced_case(world.case_code));
  body = replace_all(body, world.missing_case_code, world.case_code);
  body = replace_all(body, world.missing_person_code, world.person_code);
  body = replace_all(body, domain::url_form(world.missing_person_code), domain::url_form(world.person_code));
  return body;
}

bool names_a_case_or_person(const std::string& pattern) {
  return pattern.find("{code}") != std::string::npos || pattern.find("{person}") != std::string::npos;
}

// ---- The matrix ------------------------------------------------------------------------------

struct MatrixTally {
  std::size_t cells = 0;    // route × subject pairs run
  std::size_t denials = 0;  // cells expected to refuse the subject (401, 403, 404)
};

// Runs one cell and adds what is wrong with it to `problems`.
void check_cell(const Router& router, const Router& sign_in_router, const Route& route, const MatrixRow& row,
                std::size_t column, std::vector<std::string>& problems) {
  const Subject subject = kSubjects[column];
  const Expect expected = row.expected[column];
  const std::string cell = route_name(route.method, route.pattern) + " × " + name_of(subject);
  const auto problem = [&](const std::string& what) { problems.push_back(cell + ": " + what); };

  Result<std::unique_ptr<MatrixWorld>> world = build_world(sign_in_router, subject);
  if (!world.ok()) return problem("the world could not be built: " + world.error().message);
  MatrixWorld& w = **world;
  const Result<std::string> path = fill_path(route.pattern, w, Target::TheCase);
  if (!path.ok()) return problem(path.error().message);
  const Response response = w.send(router, route.method, *path, body_for(route.method, route.pattern, w),
                                   MatrixWorld::Csrf::Send, headers_for(route.method, route.pattern));

  const std::optional<Expect> outcome = outcome_of(response, expected, w);
  if (outcome != expected) {
    problem(std::string("expected ") + name_of(expected) + ", got " + describe(response, outcome));
  } else if (expected == Expect::Hidden && !names_a_case_or_person(route.pattern)) {
    problem("hidden is expected, but the route names no case or person record");
  } else if ((is_denial(expected) || expected == Expect::Alike) && names_a_case_or_person(route.pattern)) {
    // The same request about a case (or record) that never existed: the answer must be
    // the same, byte for byte but for the name, so a refusal tells nothing.
    const Response missing = w.send(router, route.method, *fill_path(route.pattern, w, Target::NeverExisting),
                                    body_for(route.method, route.pattern, w), MatrixWorld::Csrf::Send,
                                    headers_for(route.method, route.pattern));
    if (missing.status != response.status || as_if_the_case(missing.body, w) != response.body)
      problem("refused or alike, but not answered like a case that never existed: " + describe(response, outcome) +
              " where a missing one gets " + describe(missing, outcome_of(missing, expected, w)));
  }
  const bool canary_allowed = may_see_the_case(expected) && reads_the_case(subject);
  if (!canary_allowed && to_lower_ascii(response.body).find(kCanaryMark) != std::string::npos)
    problem("the canary appears in the response body");
  if (names_the_held_case(response.body, w)) problem("the case held in escrow appears in the response body");
}

// Checks every route of `routes` for every subject against `table`: a route without a
// row is reported as missing, every other route runs one cell per subject. Returns the
// problems found, one line each; `tally` counts what ran.
std::vector<std::string> check_matrix(const std::vector<Route>& routes, const std::vector<MatrixRow>& table,
                                      MatrixTally* tally = nullptr) {
  std::vector<std::string> problems;
  const Router router(routes);
  const Router sign_in_router(api_routes());
  for (const Route& route : routes) {
    const MatrixRow* row = row_for(table, route);
    if (row == nullptr) {
      problems.push_back("route missing from the matrix: " + route_name(route.method, route.pattern));
      continue;
    }
    for (std::size_t column = 0; column < kSubjectCount; ++column) {
      check_cell(router, sign_in_router, route, *row, column, problems);
      if (tally == nullptr) continue;
      ++tally->cells;
      if (is_denial(row->expected[column])) ++tally->denials;
    }
  }
  return problems;
}

// dispatch() logs a line per request on standard error; a matrix run sends about a
// thousand. This keeps them out of the test's output while it lives.
class QuietStandardError {
 public:
  QuietStandardError() {
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    const int null_device = open("/dev/null", O_WRONLY);
    if (saved_ >= 0 && null_device >= 0) dup2(null_device, STDERR_FILENO);
    if (null_device >= 0) close(null_device);
  }
  ~QuietStandardError() {
    std::fflush(stderr);
    if (saved_ < 0) return;
    dup2(saved_, STDERR_FILENO);
    close(saved_);
  }
  QuietStandardError(const QuietStandardError&) = delete;
  QuietStandardError& operator=(const QuietStandardError&) = delete;

 private:
  int saved_ = -1;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool has_problem(const std::vector<std::string>& problems, const std::string& wanted) {
  return std::find(problems.begin(), problems.end(), wanted) != problems.end();
}

std::string all_of(const std::vector<std::string>& problems) {
  std::string text;
  for (const std::string& problem : problems) text += "\n  " + problem;
  return text;
}

// ---- The tests ------------------------------------------------------------------------------

TEST(AuthorizationMatrixTest, EveryRouteForEverySubject) {
  const std::vector<Route> routes = api_routes();
  const auto started = std::chrono::steady_clock::now();
  MatrixTally tally;
  std::vector<std::string> problems;
  {
    const QuietStandardError quiet;
    problems = check_matrix(routes, matrix_table(), &tally);
  }
  std::cout << "authorization matrix: " << tally.cells << " cells checked (" << routes.size() << " routes × "
            << kSubjectCount << " subjects, " << tally.denials << " expected denials) in " << seconds_since(started)
            << " s\n";
  ::testing::Test::RecordProperty("authorization_matrix_cells", static_cast<int>(tally.cells));
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems:" << all_of(problems);
  EXPECT_EQ(tally.cells, routes.size() * kSubjectCount);
}

// The table holds no row for a route that does not exist (a renamed route would leave
// its old row behind) and no route twice.
TEST(AuthorizationMatrixTest, EveryRowOfTheMatrixIsARoute) {
  const std::vector<Route> routes = api_routes();
  std::set<std::string> seen;
  for (const MatrixRow& row : matrix_table()) {
    const std::string name = route_name(row.method, row.pattern);
    EXPECT_TRUE(seen.insert(name).second) << "two rows for " << name;
    const bool served = std::any_of(routes.begin(), routes.end(), [&](const Route& route) {
      return route.method == row.method && route.pattern == row.pattern;
    });
    EXPECT_TRUE(served) << "a row for a route api_routes() does not hold: " << name;
    const bool hides = std::find(row.expected.begin(), row.expected.end(), Expect::Hidden) != row.expected.end();
    if (hides) {
      EXPECT_TRUE(names_a_case_or_person(row.pattern)) << name << " hides a case it does not name";
    }
  }
}

// Planted: a route added to the table of routes without a row in the matrix.
TEST(AuthorizationMatrixTest, APlantedRouteWithoutARowIsReportedMissing) {
  std::vector<Route> routes = api_routes();
  routes.push_back({"GET", "/api/test-only/unlisted", Audience::Members, "Test only: a route nobody wrote a row for",
                    [](const Request&, app::Context&) {
                      return json_response(200, {{"ok", true}});
                    }});
  std::vector<std::string> problems;
  {
    const QuietStandardError quiet;
    problems = check_matrix(routes, matrix_table());
  }
  std::cout << "planted route without a row: " << problems.size() << " problem(s)" << all_of(problems) << "\n";
  EXPECT_TRUE(has_problem(problems, "route missing from the matrix: GET /api/test-only/unlisted")) << all_of(problems);
  EXPECT_EQ(std::count_if(problems.begin(), problems.end(),
                          [](const std::string& problem) { return problem.rfind("route missing", 0) == 0; }),
            1)
      << all_of(problems);
}

// Planted: handlers that read the case straight from the store, skipping the use case
// and with it the policy call. Their rows are GET /api/cases/{code}'s. The first does
// not even unlock the case's key; the second unlocks it with the signed-in member's
// keys, as a careless use case would.
Result<Response> read_case_skipping_the_policy(const Request& request, app::Context& context, bool unlock) {
  const std::string& code = request.params.at("code");
  const std::optional<std::string> name = domain::normalise_case_code_name(code);
  if (!name) return app::case_not_found(code);
  auto found = context.store.find_case(request.signed_in->actor.community.id, *name);
  if (!found.ok()) return app::case_not_found(*name);
  if (unlock) (void)app::unlock_case(context, request.signed_in->actor, *found);
  ASSIGN_OR_RETURN(auto record, context.store.load_case_record(*found));
  return json_response(200, conduct::json::case_record_json(record));
}
Result<Response> leak_case(const Request& request, app::Context& context) {
  return read_case_skipping_the_policy(request, context, false);
}
Result<Response> leak_case_with_keys(const Request& request, app::Context& context) {
  return read_case_skipping_the_policy(request, context, true);
}

// The matrix problems of a planted read route.
std::vector<std::string> planted_read_problems(Handler handler) {
  std::vector<MatrixRow> table = matrix_table();
  MatrixRow leak_row = *row_for(table, Route{"GET", "/api/cases/{code}", Audience::Members, "", {}});
  leak_row.pattern = "/api/cases/{code}/leak";
  table.push_back(leak_row);
  const std::vector<Route> routes = {
      {"GET", "/api/cases/{code}/leak", Audience::Members, "Test only: a case read without the policy", handler}};
  const QuietStandardError quiet;
  return check_matrix(routes, table);
}

std::set<std::string> subjects_named(const std::vector<std::string>& problems) {
  std::set<std::string> subjects;
  for (const std::string& problem : problems) {
    const std::size_t from = problem.find(" × ") + std::string(" × ").size();
    subjects.insert(problem.substr(from, problem.find(": ", from) - from));
  }
  return subjects;
}

// The subjects the policy keeps out of the case who are signed in (anonymous and
// former members never reach a handler).
const std::set<std::string> kKeptOut = {"member with a conflict",       "member who must screen", "adviser not invited",
                                        "board member without a grant", "local representative",   "instance admin",
                                        "board member the case names"};

TEST(AuthorizationMatrixTest, APlantedRouteThatSkipsThePolicyIsCaughtAndTheKeysLeakNothing) {
  const std::string leak = "GET /api/cases/{code}/leak";
  // Without unlocking, the store opens nothing: nobody reads the case through it (the
  // matrix reports every signed-in subject), and no response carries the canary.
  const std::vector<std::string> locked = planted_read_problems(leak_case);
  std::cout << "planted route that skips the policy and the keys: " << locked.size() << " problem(s)" << all_of(locked)
            << "\n";
  EXPECT_TRUE(has_problem(
      locked, leak + " × member with a conflict: expected hidden (404), got 403 (the case's key is not held)"))
      << all_of(locked);
  EXPECT_TRUE(has_problem(locked, leak + " × chair: expected allowed (2xx), got 403 (the case's key is not held)"))
      << all_of(locked);
  for (const std::string& problem : locked) EXPECT_EQ(problem.find("canary"), std::string::npos) << problem;
  std::set<std::string> everyone_signed_in = kKeptOut;
  everyone_signed_in.insert({"chair", "member", "adviser invited", "board member with a grant"});
  EXPECT_EQ(subjects_named(locked), everyone_signed_in) << all_of(locked);

  // Unlocking with the member's own keys: exactly the subjects the policy would have
  // kept out are caught (they get an error, not the 404 of a missing case), and still
  // none of them receives the canary, because none of them holds a key to the case.
  const std::vector<std::string> unlocked = planted_read_problems(leak_case_with_keys);
  std::cout << "planted route that skips the policy but unlocks: " << unlocked.size() << " problem(s)"
            << all_of(unlocked) << "\n";
  EXPECT_TRUE(has_problem(
      unlocked, leak + " × member with a conflict: expected hidden (404), got 403 (the case's key is not held)"))
      << all_of(unlocked);
  for (const std::string& problem : unlocked) EXPECT_EQ(problem.find("canary"), std::string::npos) << problem;
  EXPECT_EQ(subjects_named(unlocked), kKeptOut) << all_of(unlocked);
  EXPECT_EQ(unlocked.size(), kKeptOut.size()) << all_of(unlocked);
}

// Every state change of a signed-in member needs the session's CSRF token: sent without
// it, each one is refused before its handler runs, even for the chair, who may do all.
TEST(AuthorizationMatrixTest, EveryMembersStateChangeWithoutTheCsrfTokenIsRefused) {
  const std::vector<Route> routes = api_routes();
  const Router router(routes);
  const QuietStandardError quiet;
  std::size_t checked = 0;
  for (const Route& route : routes) {
    if (route.audience != Audience::Members || !is_state_changing(route.method)) continue;
    SCOPED_TRACE(route_name(route.method, route.pattern));
    Result<std::unique_ptr<MatrixWorld>> world = build_world(router, Subject::Chair);
    ASSERT_TRUE(world.ok()) << world.error().message;
    MatrixWorld& w = **world;
    const Result<std::string> path = fill_path(route.pattern, w, Target::TheCase);
    ASSERT_TRUE(path.ok()) << path.error().message;
    const Response response = w.send(router, route.method, *path, body_for(route.method, route.pattern, w),
                                     MatrixWorld::Csrf::Omit, headers_for(route.method, route.pattern));
    EXPECT_EQ(response.status, 403) << response.body;
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

// A case held in escrow exists for nobody: no subject's case list, search, person list
// or audit trail holds it, and asking for it answers exactly as for a case that never
// existed (404 to every active member, 401 to the anonymous and the former member).
TEST(AuthorizationMatrixTest, ACaseHeldInEscrowIsHiddenFromEverySubject) {
  const Router router(api_routes());
  const QuietStandardError quiet;
  for (const Subject subject : kSubjects) {
    SCOPED_TRACE(name_of(subject));
    Result<std::unique_ptr<MatrixWorld>> world = build_world(router, subject);
    ASSERT_TRUE(world.ok()) << world.error().message;
    MatrixWorld& w = **world;
    for (const char* list : {"/api/cases", "/api/search?q=escrowmark", "/api/people", "/api/audit", "/api/screening",
                             "/api/access-requests", "/api/drafts/awaiting-review", "/api/mail/attention"}) {
      const Response listed = w.send(router, "GET", list, "");
      EXPECT_FALSE(names_the_held_case(listed.body, w)) << list;
    }
    const Response listed = w.send(router, "GET", "/api/cases", "");
    const bool signed_in = subject != Subject::Anonymous && subject != Subject::FormerMember;
    const std::string path = "/api/cases/" + w.held_case_code;
    const std::string missing_path = "/api/cases/" + w.missing_case_code;
    for (const std::string& suffix : {std::string(), std::string("/evidence"), std::string("/thread")}) {
      const Response held = w.send(router, "GET", path + suffix, "");
      const Response missing = w.send(router, "GET", missing_path + suffix, "");
      EXPECT_EQ(held.status, signed_in ? 404 : 401) << suffix << ": " << held.body;
      EXPECT_EQ(held.status, missing.status) << suffix;
      const std::string spaced = domain::normalise_case_code_name(w.held_case_code).value_or("");
      const std::string missing_spaced = domain::normalise_case_code_name(w.missing_case_code).value_or("");
      EXPECT_EQ(held.body,
                replace_all(replace_all(missing.body, missing_spaced, spaced), w.missing_case_code, w.held_case_code))
          << suffix;
    }
    if (subject == Subject::Chair) {
      // The chair lists the world's other case, so the list above was not empty by accident.
      EXPECT_TRUE(lists_the_case(listed, w));
    }
  }
}

// The canary is really there for those who may read the case: a body without it would
// make the canary check above prove nothing.
TEST(AuthorizationMatrixTest, TheCanaryIsInTheCaseForThoseWhoMayReadIt) {
  const Router router(api_routes());
  const QuietStandardError quiet;
  for (Subject subject : {Subject::Chair, Subject::Member, Subject::InvitedAdviser, Subject::BoardWithGrant}) {
    SCOPED_TRACE(name_of(subject));
    Result<std::unique_ptr<MatrixWorld>> world = build_world(router, subject);
    ASSERT_TRUE(world.ok()) << world.error().message;
    const Response response = (*world)->send(router, "GET", "/api/cases/" + (*world)->case_code, "");
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_NE(response.body.find(kCanaryName), std::string::npos);
  }
}

// Likewise for the evidence file: its name in the list and its content in the download.
TEST(AuthorizationMatrixTest, TheCanaryIsInTheEvidenceForThoseWhoMayReadIt) {
  const Router router(api_routes());
  const QuietStandardError quiet;
  for (Subject subject : {Subject::Chair, Subject::Member, Subject::InvitedAdviser, Subject::BoardWithGrant}) {
    SCOPED_TRACE(name_of(subject));
    Result<std::unique_ptr<MatrixWorld>> world = build_world(router, subject);
    ASSERT_TRUE(world.ok()) << world.error().message;
    MatrixWorld& w = **world;
    const std::string files = "/api/cases/" + w.case_code + "/evidence";
    const Response listed = w.send(router, "GET", files, "");
    EXPECT_EQ(listed.status, 200) << listed.body;
    EXPECT_NE(listed.body.find(kCanaryFileName), std::string::npos) << listed.body;
    const Response downloaded = w.send(router, "GET", files + "/" + std::to_string(w.evidence_number), "");
    EXPECT_EQ(downloaded.status, 200) << downloaded.body;
    EXPECT_EQ(downloaded.body, kCanaryEvidence);
  }
}

}  // namespace
}  // namespace conduct::http::matrix
