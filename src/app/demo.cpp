#include "app/demo.h"

#include <functional>

#include <map>
#include <span>

#include "app/accounts.h"
#include "app/cases.h"
#include "app/communities.h"
#include "app/conflicts.h"
#include "app/decisions.h"
#include "app/group_matters.h"
#include "app/meetings.h"
#include "app/members.h"
#include "app/policy_file.h"
#include "crypto/totp.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using domain::NewCaseCommand;
using domain::NoteCommand;
using domain::TransitionCommand;

const char* const kDemoPassword = "tidewater demo password";

// A clock the seeding moves forward through the story, ending before the real now.
class StoryClock final : public Clock {
 public:
  explicit StoryClock(Timestamp start) : time_(start) {}
  Timestamp now() const override { return time_; }
  void advance_hours(int hours) { time_.seconds += hours * kSecondsPerHour; }
  void set(Timestamp time) { time_ = time; }

 private:
  Timestamp time_;
};

struct Story {
  Context& context;
  StoryClock& clock;
  const Actor& actor;
  const std::map<std::string, std::string>& secrets;  // the other members' TOTP secrets

  Result<std::string> open(NewCaseCommand command) {
    ASSIGN_OR_RETURN(const domain::CaseRecord record, open_case(context, actor, command));
    return record.summary.code_name;
  }
  Status note(const std::string& code, const std::string& text, const std::string& kind = "note") {
    clock.advance_hours(5);
    TRY(add_note(context, actor, code, NoteCommand{kind, text, std::nullopt}));
    return ok_status();
  }
  Status move(const std::string& code, const std::string& to, const std::string& reason, const std::string& source = "",
              const std::string& outcome = "") {
    clock.advance_hours(7);
    TRY(transition_case(context, actor, code, TransitionCommand{to, reason, source, outcome}));
    return ok_status();
  }
  Status respond(const std::string& code, int party, const std::string& step, const std::string& text) {
    clock.advance_hours(4);
    TRY(record_response(context, actor, code, {party, step, text}));
    return ok_status();
  }
  Status propose(const std::string& code, const domain::ProposalCommand& command) {
    TRY(propose_resolution(context, actor, code, command));
    return ok_status();
  }
  // The chair proposes and every voting member agrees: the case awaits feedback.
  Status agree(const std::string& code, const domain::ProposalCommand& command) {
    TRY(propose(code, command));
    for (const char* voter :
         {"sam@tidewater.example", "priya@tidewater.example", "jonas@tidewater.example", "mei@tidewater.example"})
      TRY(vote_as(voter, code, 1, "agree"));
    TRY(cast_ballot(context, actor, code, 1, "agree"));
    return ok_status();
  }
  Status feedback(const std::string& code, int party, const std::string& step, const std::string& channel,
                  const std::string& text) {
    clock.advance_hours(6);
    TRY(record_feedback(context, actor, code, {1, party, step, channel, text}));
    return ok_status();
  }
  Status enact(const std::string& code, const std::string& note) {
    clock.advance_hours(3);
    TRY(enact_proposal(context, actor, code, 1, note));
    return ok_status();
  }
  // `email` signs in (a code of its own hour: codes work once), does `work` and signs out.
  Status as_member(const std::string& email, const std::function<Status(const Actor&)>& work) {
    clock.advance_hours(1);
    const auto secret = secrets.find(email);
    if (secret == secrets.end()) return internal_error("the demo has no member " + email);
    ASSIGN_OR_RETURN(const SignedIn voter,
                     sign_in(context, {actor.community.slug, email, kDemoPassword,
                                       crypto::totp_code(secret->second, clock.now().seconds), "demo"}));
    TRY(work(voter.actor));
    return sign_out(context, voter.token);
  }
  // `email` casts `ballot` on the case's proposal (or action) `number`.
  Status vote_as(const std::string& email, const std::string& code, int number, const std::string& ballot,
                 BallotOn on = BallotOn::Proposal) {
    return as_member(email, [&](const Actor& voter) -> Status {
      TRY(cast_ballot(context, voter, code, number, ballot, on));
      return ok_status();
    });
  }
  // `email` casts `ballot` on the group's matter `number`.
  Status vote_on_matter(const std::string& email, int number, const std::string& ballot) {
    return as_member(email, [&](const Actor& voter) -> Status {
      TRY(cast_matter_ballot(context, voter, number, ballot));
      return ok_status();
    });
  }
};

Status enrol(Context& context, const StoryClock& clock, const std::string& token, const std::string& secret) {
  TRY(complete_enrolment(context, {token, kDemoPassword, crypto::totp_secret_base32(secret),
                                   crypto::totp_code(secret, clock.now().seconds)}));
  return ok_status();
}

struct SignedInChair {
  std::string totp_secret;
  SignedIn session;                                   // the story is written by the chair, signed in with their keys
  std::map<std::string, std::string> member_secrets;  // TOTP secrets by email, to vote as them
};

// Enrols the chair (certified by the root key) and every other member (certified by
// the chair), and signs the chair in.
Result<SignedInChair> enrol_demo_members(Context& context, StoryClock& clock, const Actor& chair,
                                         const EnrolmentLink& chair_link,
                                         std::span<const domain::NewMemberCommand> members) {
  const std::string chair_secret = crypto::new_totp_secret();
  TRY(enrol(context, clock, chair_link.token, chair_secret));
  std::map<std::string, std::string> secrets;
  for (const domain::NewMemberCommand& member : members) {
    ASSIGN_OR_RETURN(const EnrolmentLink link, issue_enrolment(context, chair, member.email));
    secrets[member.email] = crypto::new_totp_secret();
    TRY(enrol(context, clock, link.token, secrets[member.email]));
  }
  clock.advance_hours(1);  // the chair's next code belongs to a later step: codes work once
  ASSIGN_OR_RETURN(const SignedIn signed_in,
                   sign_in(context, {chair.community.slug, chair.member.email, kDemoPassword,
                                     crypto::totp_code(chair_secret, clock.now().seconds), "demo"}));
  ASSIGN_OR_RETURN(const Authenticated session, authenticate(context, signed_in.token));
  for (const domain::NewMemberCommand& member : members)
    TRY(certify_member(context, session, signed_in.token, member.email));
  return SignedInChair{chair_secret, signed_in, secrets};
}

}  // namespace

Result<DemoResult> seed_demo(Context& real_context) {
  ASSIGN_OR_RETURN(const auto existing, real_context.store.list_communities());
  if (!existing.empty()) return failed_precondition("the demo is seeded only into an empty database");

  const Timestamp real_now = real_context.clock.now();
  StoryClock clock(Timestamp{real_now.seconds - 60 * kSecondsPerDay});
  // Demo data: interactive Argon2id cost, so the demo starts quickly. Each record keeps
  // its cost, so signing in later verifies it correctly.
  Context context{real_context.store,        clock,
                  real_context.random,       real_context.keyring,
                  real_context.indexer,      crypto::kInteractiveCost,
                  real_context.receipt_cost, real_context.pinned_roots};

  ASSIGN_OR_RETURN(const std::string policy_source, shipped_policy_source("default"));
  InitCommand init{policy_source,
                   {"tidewater", "Tidewater Open Source Community", "conduct@tidewater.example"},
                   "robin@tidewater.example",
                   "Robin Achterberg"};
  ASSIGN_OR_RETURN(InitResult created, init_community(context, init));
  const Actor chair_without_keys{created.community, created.chair};

  const domain::NewMemberCommand members[] = {
      {"sam@tidewater.example", "Sam Okonkwo", "vice-chair", ""},
      {"priya@tidewater.example", "Priya Raman", "member", ""},
      {"jonas@tidewater.example", "Jonas Lindqvist", "member", ""},
      {"mei@tidewater.example", "Mei Tanaka", "member", ""},
      {"ada@tidewater.example", "Ada Ferreira", "adviser", ""},
      {"lee@tidewater.example", "Lee Park", "board-member", ""},
      {"events@tidewater.example", "Harbour Days CoC team", "local-representative", ""},
  };
  for (const auto& member : members) {
    TRY(add_member(context, chair_without_keys, member));
  }
  ASSIGN_OR_RETURN(const SignedInChair signed_in,
                   enrol_demo_members(context, clock, chair_without_keys, created.first_chair_link, members));
  const std::string& chair_totp_secret = signed_in.totp_secret;
  const Actor& chair = signed_in.session.actor;

  Story story{context, clock, chair, signed_in.member_secrets};
  int cases = 0;

  // 1. Resolved with action: repeated personal attacks in the issue tracker.
  clock.advance_hours(24);
  NewCaseCommand attacks;
  attacks.report.report_text =
      "In three review threads this week a contributor called my patches 'amateur garbage' and said people like me "
      "should stay out of the project. Links to the threads are below.";
  attacks.report.channel = "web-form";
  attacks.space = "code-hosting";
  attacks.location = "Review threads on the parser rewrite";
  attacks.categories = {"character-attacks", "discouraging-involvement"};
  attacks.report.parties = {{"reporter", "Noor Haddad", "noor@example.net", ""},
                            {"reported", "Casey Vance", "@cvance", ""}};
  ASSIGN_OR_RETURN(const std::string attacks_code, story.open(attacks));
  ++cases;
  TRY(story.move(attacks_code, "acknowledged", "Receipt confirmed to the reporter by email."));
  TRY(story.move(attacks_code, "investigating",
                 "Reviewing the three threads and the project's earlier moderation notes."));
  TRY(story.note(attacks_code, "All three comments are still visible; screenshots saved to the case."));
  TRY(story.note(
      attacks_code,
      "Discussed in the weekly meeting: Priya, Jonas, Mei and Robin present. Agreed this is a first violation.",
      "minutes"));
  TRY(story.respond(attacks_code, 2, "told",
                    "Told them that a report names three review comments of theirs on the parser rewrite as personal "
                    "attacks; the reporter is not named."));
  TRY(story.respond(attacks_code, 2, "responded", "They say the patches were poor but accept the words went too far."));
  domain::ProposalCommand warning;
  warning.reported_party = 2;
  warning.resolution = "warning";
  warning.behaviour = "Review the code, not the person; no remarks about who should contribute.";
  warning.message_to_reported =
      "Three of your review comments on the parser rewrite attacked a contributor rather than their patches. This is "
      "a formal warning under the Code of Conduct.";
  warning.message_to_reporter =
      "The group proposes a formal warning to the person who wrote the comments. Does that address your report?";
  TRY(story.agree(attacks_code, warning));
  TRY(story.feedback(attacks_code, 1, "asked", "email", warning.message_to_reporter));
  TRY(story.feedback(attacks_code, 1, "answered", "",
                     "A warning is acceptable; she asks not to be named to the person."));
  TRY(story.enact(attacks_code, "Sending the warning by email today."));
  TRY(story.move(attacks_code, "resolved", "Warning sent; the person acknowledged it.", "group", "action-taken"));
  const std::string repeat_person = [&] {
    auto record = show_case(context, chair, attacks_code);
    for (const auto& party : record.ok() ? record->parties : std::vector<domain::Party>{})
      if (!party.person_code_name.empty()) return party.person_code_name;
    return std::string();
  }();

  // 2. Resolved locally: an event team handled it and reports for the record.
  clock.advance_hours(24 * 6);
  NewCaseCommand event;
  event.report.report_text =
      "At the Harbour Days sprint an attendee kept photographing other attendees after being asked to stop. The "
      "on-site team spoke with them and they deleted the photos and left the sprint early.";
  event.report.channel = "local-representative";
  event.space = "events";
  event.location = "Harbour Days sprint room";
  event.categories = {"violating-confidentiality"};
  event.report.parties = {{"reporter", "", "", ""}, {"reported", "", "", ""}};
  ASSIGN_OR_RETURN(const std::string event_code, story.open(event));
  ++cases;
  TRY(story.move(event_code, "acknowledged", "Thanked the event team; keeping their report on file."));
  TRY(story.move(event_code, "resolved", "Handled on site by the event team; no further action.", "local",
                 "action-taken"));

  // 3. Not a violation.
  clock.advance_hours(24 * 5);
  NewCaseCommand dispute;
  dispute.report.report_text =
      "A maintainer closed my feature request as 'won't fix' without discussion. I think that is discouraging new "
      "contributors.";
  dispute.report.channel = "email";
  dispute.space = "code-hosting";
  dispute.categories = {"discouraging-involvement"};
  dispute.report.parties = {{"reporter", "Tomasz Wiśniewski", "tomasz@example.org", ""}, {"reported", "", "", ""}};
  ASSIGN_OR_RETURN(const std::string dispute_code, story.open(dispute));
  ++cases;
  TRY(story.move(dispute_code, "acknowledged", "Acknowledged by email."));
  TRY(story.move(dispute_code, "investigating", "Reading the issue thread."));
  TRY(story.move(dispute_code, "deciding", "The closing comment was brief but civil."));
  TRY(story.move(dispute_code, "resolved", "A project decision, not a conduct matter; explained to the reporter.",
                 "group", "not-a-violation"));

  // 4. Enacting: slurs during a release call, decided and confirmed; the suspension is
  // being carried out.
  clock.advance_hours(24 * 2);
  NewCaseCommand slurs;
  slurs.report.report_text =
      "During Thursday's release call a participant used a slur about another participant's sexuality, twice, "
      "after being asked to stop.";
  slurs.report.channel = "email";
  slurs.space = "chat";
  slurs.categories = {"sexualization", "stereotyping-or-discrimination"};
  slurs.report.parties = {{"reporter", "Kai Moreno", "kai@example.org", ""},
                          {"harmed", "Another call participant", "", ""},
                          {"reported", "", "@ironclad", ""}};
  ASSIGN_OR_RETURN(const std::string slurs_code, story.open(slurs));
  ++cases;
  TRY(story.move(slurs_code, "acknowledged", "Acknowledged by email the same evening."));
  TRY(story.move(slurs_code, "investigating", "Two other participants confirm what was said."));
  TRY(story.respond(slurs_code, 3, "told", "Told them a report names slurs they used on the release call."));
  TRY(story.respond(slurs_code, 3, "responded", "They do not deny it and say they were angry."));
  domain::ProposalCommand slurs_suspension;
  slurs_suspension.reported_party = 3;
  slurs_suspension.resolution = "temporary-suspension";
  slurs_suspension.duration_days = 60;
  slurs_suspension.conditions = "A written commitment to the Code of Conduct before returning.";
  slurs_suspension.message_to_reported =
      "You used a slur twice on the release call after being asked to stop. You are suspended from all project "
      "spaces for 60 days.";
  slurs_suspension.message_to_reporter =
      "The group proposes a 60-day suspension from all project spaces. Does that address your report?";
  TRY(story.agree(slurs_code, slurs_suspension));
  TRY(story.feedback(slurs_code, 1, "asked", "email", slurs_suspension.message_to_reporter));
  TRY(story.feedback(slurs_code, 2, "asked", "phone", "We read them the proposed 60-day suspension."));
  TRY(story.feedback(slurs_code, 1, "answered", "", "Kai agrees and thanks the group."));
  TRY(story.feedback(slurs_code, 2, "answered", "", "They would rather the person apologised too."));
  TRY(story.enact(slurs_code, "Moderators remove access from all spaces today; review after 60 days."));

  // 5. Awaiting feedback: a maintainer's threats in a pull request (decided below, days
  // ago, so its feedback round is still open).
  clock.advance_hours(24 * 2);
  NewCaseCommand threats;
  threats.report.report_text =
      "A maintainer replied to my pull request that he knows where I work and will make sure they hear about my "
      "'incompetence'.";
  threats.report.channel = "web-form";
  threats.space = "code-hosting";
  threats.categories = {"threatening-well-being"};
  threats.report.parties = {{"reporter", "Ravi Iyer", "ravi@example.net", ""}, {"reported", "", "@maintainer_m", ""}};
  ASSIGN_OR_RETURN(const std::string threats_code, story.open(threats));
  ++cases;
  TRY(story.move(threats_code, "acknowledged", "Acknowledged through the form's confirmation."));
  TRY(story.move(threats_code, "investigating", "The comment is preserved; the maintainer's access is unchanged."));
  TRY(story.respond(threats_code, 2, "told",
                    "Told him a report names a comment of his on a pull request as a threat."));
  TRY(story.respond(threats_code, 2, "responded", "He says it was a figure of speech."));

  // 6. Deciding: a second report about the person from case 1.
  clock.advance_hours(24 * 9);
  NewCaseCommand repeat;
  repeat.report.report_text =
      "The same contributor who was warned last month left a comment mocking a newcomer's English in the chat's "
      "help channel.";
  repeat.report.channel = "web-form";
  repeat.space = "chat";
  repeat.occurred_on = format_date(date_of(clock.now()));
  repeat.categories = {"character-attacks", "stereotyping-or-discrimination"};
  repeat.report.parties = {
      {"reporter", "", "", ""}, {"harmed", "A newcomer in #help", "", ""}, {"reported", "", "", repeat_person}};
  ASSIGN_OR_RETURN(const std::string repeat_code, story.open(repeat));
  ++cases;
  TRY(story.move(repeat_code, "acknowledged", "Acknowledged through the report form's confirmation."));
  TRY(story.move(repeat_code, "investigating", "Chat moderators preserved the message."));
  TRY(story.note(repeat_code, "Repeat after a warning: the ladder suggests a temporary suspension."));
  TRY(story.respond(repeat_code, 3, "told",
                    "Told them a report says they mocked a newcomer's English in #help on the date given; the "
                    "reporter is not named."));
  TRY(story.respond(repeat_code, 3, "responded", "They say it was a joke between friends and will not repeat it."));
  // The threats case is decided four days ago: its feedback round is open for three more.
  clock.set(Timestamp{real_now.seconds - 4 * kSecondsPerDay});
  domain::ProposalCommand removal;
  removal.reported_party = 2;
  removal.resolution = "extended-suspension";
  removal.duration_days = 180;
  removal.conditions = "No maintainer rights on return; a conversation with two members of the group first.";
  removal.message_to_reported =
      "Your reply threatening a contributor's job was upheld as a threat. You are suspended from the project for 180 "
      "days and lose your maintainer rights.";
  removal.message_to_reporter =
      "The group proposes a 180-day suspension and the removal of his maintainer rights. Is there anything you want "
      "the group to know before it acts?";
  TRY(story.agree(threats_code, removal));
  TRY(story.feedback(threats_code, 1, "asked", "email", removal.message_to_reporter));

  // Proposed two days ago, so the vote is still open: four of five eligible members have
  // voted, Mei has not.
  clock.set(Timestamp{real_now.seconds - 2 * kSecondsPerDay});
  domain::ProposalCommand suspension;
  suspension.reported_party = 3;
  suspension.resolution = "temporary-suspension";
  suspension.duration_days = 30;
  suspension.behaviour = "No comments on anyone's language, accent or origin.";
  suspension.conditions = "Acknowledge the Code of Conduct before returning.";
  suspension.message_to_reported =
      "After a warning last month, a further report about a comment on a newcomer's English was upheld. You are "
      "suspended from the chat and the issue tracker for 30 days.";
  suspension.message_to_reporter =
      "The group proposes a 30-day suspension from the chat and the issue tracker. Does that address your concern?";
  TRY(story.propose(repeat_code, suspension));
  TRY(story.vote_as("sam@tidewater.example", repeat_code, 1, "agree"));
  TRY(story.vote_as("priya@tidewater.example", repeat_code, 1, "agree"));
  TRY(story.vote_as("jonas@tidewater.example", repeat_code, 1, "abstain"));
  clock.advance_hours(1);
  TRY(cast_ballot(context, chair, repeat_code, 1, "agree"));
  clock.set(Timestamp{real_now.seconds - 40 * kSecondsPerHour});

  // 7. Being evaluated: an ongoing situation.
  clock.advance_hours(6);
  NewCaseCommand ongoing;
  ongoing.report.report_text =
      "Someone keeps sending me direct messages on the forum asking personal questions after I told them I was not "
      "interested. It started after the online meetup and has not stopped.";
  ongoing.report.channel = "web-form";
  ongoing.space = "forum";
  ongoing.ongoing = true;
  ongoing.categories = {"harassment"};
  ongoing.report.parties = {{"reporter", "Elif Demir", "elif@example.com", ""}, {"reported", "", "@drift_wood", ""}};
  ASSIGN_OR_RETURN(const std::string ongoing_code, story.open(ongoing));
  ++cases;
  TRY(story.move(ongoing_code, "acknowledged", "Acknowledged within the hour; suggested blocking the sender."));
  TRY(story.move(ongoing_code, "investigating", "Forum moderators asked for the message log."));
  TRY(story.note(ongoing_code, "Forum moderators confirm eleven unanswered messages over two weeks.",
                 "communication-in"));
  clock.advance_hours(3);
  domain::EvaluationCommand evaluation;
  for (const domain::EvaluationQuestion& question : domain::evaluation_questions())
    evaluation.answers[question.key] = {"no", ""};
  evaluation.answers["listed-behaviour"] = {"yes", "Unwelcome personal questions after being told to stop."};
  evaluation.answers["covered-space"] = {"yes", "The forum's direct messages."};
  evaluation.answers["harm-to-party"] = {"unsure", "The reporter says she avoids the forum now."};
  evaluation.answers["disengagement"] = {"yes", ""};
  evaluation.answers["repeat-risk"] = {"yes", "Eleven messages in two weeks; still going."};
  evaluation.what_happened =
      "After the online meetup a member sent the reporter eleven direct messages with personal questions over two "
      "weeks, after she said she was not interested.";
  evaluation.violation = "yes";
  evaluation.rules = {"harassment"};
  evaluation.responsible = "The member behind @drift_wood.";
  evaluation.ongoing_or_threat = "yes";
  TRY(evaluate_case(context, chair, ongoing_code, evaluation));
  // The messages did not stop: the chair turned off the account's direct messages at
  // once and reported it to the group, whose review is under way.
  clock.advance_hours(1);
  domain::ActionCommand stop;
  stop.situation = "ongoing";
  stop.what = "Turned off direct messages for @drift_wood on the forum.";
  stop.why = "Two more messages arrived this morning, after the reporter asked again to be left alone.";
  stop.affects = "The member behind @drift_wood";
  TRY(take_action(context, chair, ongoing_code, stop));
  clock.advance_hours(2);
  {
    TRY(report_action(context, chair, ongoing_code, 1,
                      "Direct messages stay off until the group decides on the case; nothing else changed."));
  }
  TRY(story.vote_as("priya@tidewater.example", ongoing_code, 1, "agree", BallotOn::Action));

  // The group met yesterday: the ongoing case and the open vote were discussed, and a
  // decision the chairs took in chat on the threats case was written into the minutes.
  clock.advance_hours(2);
  domain::MeetingCommand meeting;
  meeting.held_on = format_date(date_of(clock.now()));
  meeting.attendees = {"robin@tidewater.example", "sam@tidewater.example", "priya@tidewater.example",
                       "jonas@tidewater.example"};
  meeting.minutes =
      "Agreed to review the guideline on direct messages at the next meeting. Sam takes the notes in January.";
  meeting.cases = {
      {ongoing_code,
       "Reviewed the block on direct messages: it stays until the group decides. Priya asks the forum moderators "
       "whether other members received such messages."},
      {repeat_code, "The vote on the 30-day suspension is open; Mei has not voted yet and will by Friday."}};
  meeting.chat_decisions = {{threats_code, "Robin and Sam",
                             format_timestamp(Timestamp{clock.now().seconds - 20 * kSecondsPerHour}), "#wg-private",
                             "Keep the maintainer's commit rights frozen until the suspension is enacted."}};
  TRY(record_meeting(context, chair, meeting));
  // At the meeting the chair put the new guideline on direct messages to the vote; two
  // members have voted so far.
  TRY(propose_matter(context, chair,
                     {"guideline",
                      "Add to the guideline on direct messages: a member asked to stop writing to someone stops at "
                      "once, in every space.",
                      std::nullopt}));
  TRY(cast_matter_ballot(context, chair, 1, "agree"));
  TRY(story.vote_on_matter("sam@tidewater.example", 1, "agree"));

  // 8. Received just now, not yet acknowledged.
  clock.set(Timestamp{real_now.seconds - 3 * kSecondsPerHour});
  NewCaseCommand fresh;
  fresh.report.report_text =
      "During a community call a participant made repeated comments about a speaker's appearance. Several people "
      "left the call.";
  fresh.report.channel = "email";
  fresh.space = "representation";
  fresh.categories = {"sexualization"};
  fresh.report.parties = {
      {"reporter", "", "", ""}, {"witness", "Kofi Mensah", "kofi@example.org", ""}, {"reported", "", "", ""}};
  ASSIGN_OR_RETURN(const std::string fresh_code, story.open(fresh));
  ++cases;
  (void)fresh_code;

  // 9. A newcomer joins after all of it, screens the ongoing case and waits for its key.
  clock.advance_hours(1);
  ASSIGN_OR_RETURN(const domain::Member newcomer,
                   add_member(context, chair, {"noa@tidewater.example", "Noa Levi", "member", ""}));
  ASSIGN_OR_RETURN(const EnrolmentLink newcomer_link, issue_enrolment(context, chair, newcomer.email));
  const std::string newcomer_secret = crypto::new_totp_secret();
  TRY(enrol(context, clock, newcomer_link.token, newcomer_secret));
  // The story's weeks outlived the chair's first session: the chair signs in again.
  ASSIGN_OR_RETURN(const SignedIn chair_again,
                   sign_in(context, {chair.community.slug, chair.member.email, kDemoPassword,
                                     crypto::totp_code(chair_totp_secret, clock.now().seconds), "demo"}));
  ASSIGN_OR_RETURN(const Authenticated chair_session, authenticate(context, chair_again.token));
  TRY(certify_member(context, chair_session, chair_again.token, newcomer.email));
  TRY(sign_out(context, chair_again.token));
  clock.advance_hours(1);  // the newcomer's next code belongs to a later step
  ASSIGN_OR_RETURN(const SignedIn newcomer_session,
                   sign_in(context, {chair.community.slug, newcomer.email, kDemoPassword,
                                     crypto::totp_code(newcomer_secret, clock.now().seconds), "demo"}));
  TRY(clear_case(context, newcomer_session.actor, ongoing_code));
  TRY(sign_out(context, newcomer_session.token));

  TRY(sign_out(context, signed_in.session.token));
  DemoResult result{created.community, created.chair, cases,           kDemoPassword,
                    chair_totp_secret, newcomer,      newcomer_secret, domain::url_form(ongoing_code)};
  for (const domain::NewMemberCommand& member : members)
    result.member_secrets.emplace_back(member.email, signed_in.member_secrets.at(member.email));
  return result;
}

}  // namespace conduct::app
