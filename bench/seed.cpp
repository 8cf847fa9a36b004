// Seeds a new data directory with a community, its working group and N cases, through
// the same use cases as real data, for the load benchmark (bench/load.sh). Like
// `conduct init`, it pins the community's root key in DIR/conduct.toml.
//
//   conduct_seed --data DIR --cases N
//
// Ten members enrol (the chair, a vice-chair and eight members), each certified, so
// intake wraps every case key for ten holders as it would in a real group. Every tenth
// case names the last member as a witness, so that member is excluded from it at
// intake (one member in ten with a conflict on some cases). Reported people come from
// a pool of N/4 handles, so each is reported in about four cases and repeat reports
// link to earlier person records by blind index.
// One case gets 100 notes of 400 bytes (the case page benchmark).
//
// Writes DIR/bench.env with the sessions the benchmark uses (the chair's and the
// conflicted member's cookie and CSRF token) and the code names of the cases it reads,
// and prints how long seeding took.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "app/accounts.h"
#include "app/cases.h"
#include "app/communities.h"
#include "app/decisions.h"
#include "app/group_matters.h"
#include "app/meetings.h"
#include "app/members.h"
#include "app/policy_file.h"
#include "cli/session.h"
#include "crypto/totp.h"
#include "domain/code_name.h"

namespace {

using namespace conduct;

const char* const kPassword = "a benchmark password of some length";

// The seeding's clock (a FixedClock moved by hand) runs in the recent past: the
// community is created and its members enrol first, then the cases are opened (a
// hundred a second) after every member joined, so nobody has to screen them; the
// benchmark's sessions are signed in last, a minute before the real time.
using SeedClock = FixedClock;

[[noreturn]] void fail(const std::string& what, const Error& error) {
  std::cerr << "conduct_seed: " << what << ": " << error.message << "\n";
  std::exit(1);
}

template <typename T>
T must(Result<T> result, const std::string& what) {
  if (!result.ok()) fail(what, result.error());
  return std::move(result).value();
}

void must(const Status& status, const std::string& what) {
  if (!status.ok()) fail(what, status.error());
}

struct Member {
  std::string email;
  std::string secret;  // raw TOTP secret
};

app::SignedIn sign_in(app::Context& context, SeedClock& clock, const Member& member) {
  clock.advance_seconds(30);  // each TOTP step is accepted once
  return must(app::sign_in(context, {std::nullopt, member.email, kPassword,
                                     crypto::totp_code(member.secret, clock.now().seconds), "127.0.0.1"}),
              "signing in " + member.email);
}

void enrol(app::Context& context, SeedClock& clock, const std::string& token, Member& member) {
  member.secret = crypto::new_totp_secret();
  clock.advance_seconds(30);
  must(app::complete_enrolment(context, {token, kPassword, crypto::totp_secret_base32(member.secret),
                                         crypto::totp_code(member.secret, clock.now().seconds)}),
       "enrolling " + member.email);
}

domain::NewCaseCommand case_command(int number, int case_count, const std::string& excluded_email) {
  domain::NewCaseCommand command;
  command.report.report_text = "Report " + std::to_string(number) +
                               ": repeated unwanted private messages after being asked to stop, and remarks about "
                               "the reporter's appearance in the project's chat.";
  command.report.channel = "web-form";
  command.space = number % 2 ? "chat" : "forum";
  command.categories = {number % 3 ? "harassment" : "character-attacks"};
  command.report.parties = {
      {"reporter", "Reporter " + std::to_string(number), "reporter" + std::to_string(number) + "@example.net", "", ""},
      {"reported", "", "@handle" + std::to_string(number % std::max(1, case_count / 4)), "", ""}};
  if (number % 10 == 0) command.report.parties.push_back({"witness", "", excluded_email, "", ""});
  return command;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  int case_count = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data")
      data_dir = argv[i + 1];
    else if (flag == "--cases")
      case_count = std::atoi(argv[i + 1]);
  }
  if (data_dir.empty() || case_count < 1) {
    std::cerr << "usage: conduct_seed --data DIR --cases N\n";
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  cli::GlobalOptions globals;
  globals.data_dir = data_dir;
  auto session =
      must(cli::Session::open(globals, "conduct.db", cli::MissingIndexKey::Refuse, cli::AbsentDatabase::Create),
           "creating " + data_dir);
  app::Context& base = session->context();
  const Timestamp real_now = SystemClock().now();
  const std::int64_t cases_from = real_now.seconds - case_count / 100 - 600;
  SeedClock clock(Timestamp{cases_from - 1200});  // 20 steps of 30 s for enrolling and signing in
  // Interactive Argon2id cost for the seeded accounts (each record keeps its cost).
  app::Context context{
      base.store,       clock, base.random, base.keyring, base.indexer, crypto::kInteractiveCost, base.receipt_cost,
      base.pinned_roots};

  // The default policy, with the limits on strangers' reports raised so that the load
  // benchmark can drive the public intake route (bench/load.sh) without being refused.
  std::string policy = must(app::shipped_policy_source("default"), "the default policy");
  for (const char* key : {"reports_per_address_per_hour", "reports_per_hour"}) {
    const std::size_t at = policy.find(std::string(key) + " = ");
    if (at == std::string::npos) continue;
    const std::size_t value = at + std::string(key).size() + 3;
    policy.replace(value, policy.find_first_not_of("0123456789", value) - value, "100000000");
  }
  const app::InitResult created = must(
      app::init_community(
          context,
          {policy, {"bench", "Benchmark community", "conduct@bench.example"}, "chair@bench.example", "Bench Chair"}),
      "creating the community");
  must(cli::pin_root_fingerprint(data_dir, "bench", must(app::root_fingerprint(context, created.community.id), "pin")),
       "pinning the root key");
  Member chair{"chair@bench.example", ""};
  enrol(context, clock, created.first_chair_link.token, chair);
  app::SignedIn chair_session = sign_in(context, clock, chair);
  std::vector<Member> members;
  for (int i = 1; i < 10; ++i) {
    Member member{"member" + std::to_string(i) + "@bench.example", ""};
    must(app::add_member(context, chair_session.actor,
                         {member.email, "Member " + std::to_string(i), i == 1 ? "vice-chair" : "member", ""}),
         "adding " + member.email);
    const app::EnrolmentLink link = must(app::issue_enrolment(context, chair_session.actor, member.email), "link");
    enrol(context, clock, link.token, member);
    members.push_back(member);
  }
  const app::Authenticated chair_auth = must(app::authenticate(context, chair_session.token), "chair session");
  for (const Member& member : members)
    must(app::certify_member(context, chair_auth, chair_session.token, member.email), "certifying " + member.email);
  const Member& conflicted = members.back();
  const auto enrolled = std::chrono::steady_clock::now();

  // Cases are opened by one thread per core, each on its own connection with its own
  // clock, as the server's workers would: the key wraps of one intake are made while
  // another commits. Case i is opened at cases_from + i/100 by thread i % threads.
  const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::string> code_names(static_cast<std::size_t>(case_count) + 1);
  std::atomic<int> opened{0};
  std::vector<std::thread> openers;
  for (int t = 0; t < threads; ++t) {
    auto connection = must(session->open_connection(), "opening a connection");
    openers.emplace_back([&, t, connection = std::move(connection)] {
      SeedClock thread_clock(Timestamp{cases_from});
      app::Context& own = connection->context();
      app::Context thread_context{own.store,        thread_clock,    own.random,
                                  own.keyring,      own.indexer,     crypto::kInteractiveCost,
                                  own.receipt_cost, own.pinned_roots};
      for (int i = 1 + t; i <= case_count; i += threads) {
        thread_clock.set(Timestamp{cases_from + i / 100});
        const domain::CaseRecord record =
            must(app::open_case(thread_context, chair_session.actor, case_command(i, case_count, conflicted.email)),
                 "opening a case");
        thread_context.keyring.forget_all();
        code_names[static_cast<std::size_t>(i)] = domain::url_form(record.summary.code_name);
        if (const int count = ++opened; count % 10000 == 0) std::cerr << "  " << count << " cases\n";
      }
    });
  }
  for (std::thread& opener : openers) opener.join();
  const std::string first = code_names[1];
  const std::string newest = code_names[static_cast<std::size_t>(case_count)];
  const auto seeded = std::chrono::steady_clock::now();

  // The case page benchmark reads a case with 100 entries of 400 bytes.
  clock.set(Timestamp{cases_from + case_count / 100});
  const std::string note(400, 'n');
  for (int i = 0; i < 99; ++i) {
    must(app::add_note(context, chair_session.actor, first, domain::NoteCommand{"note", note, std::nullopt}),
         "adding a note");
    context.keyring.forget_all();
  }

  // The decision page benchmark reads the same case evaluated, its reported person
  // (party 2) told and answered, and a proposal whose vote is open: counted with every
  // member eligible, the chair's ballot opened.
  for (const char* state : {"acknowledged", "investigating"})
    must(app::transition_case(context, chair_session.actor, first, {state, "Next step.", "", ""}), "moving the case");
  domain::EvaluationCommand evaluation;
  for (const domain::EvaluationQuestion& question : domain::evaluation_questions())
    evaluation.answers[question.key] = {"unsure", "A note of the evaluation."};
  evaluation.what_happened = "Unwanted private messages after being asked to stop.";
  evaluation.violation = "yes";
  evaluation.rules = {"harassment"};
  evaluation.ongoing_or_threat = "no";
  must(app::evaluate_case(context, chair_session.actor, first, evaluation), "evaluating the case");
  for (const char* step : {"told", "responded"})
    must(app::record_response(context, chair_session.actor, first, {2, step, "In words that protect the reporter."}),
         "recording the response");
  domain::ProposalCommand warning;
  warning.reported_party = 2;
  warning.resolution = "warning";
  warning.message_to_reported = "A formal warning under the Code of Conduct.";
  must(app::propose_resolution(context, chair_session.actor, first, warning), "proposing");
  must(app::cast_ballot(context, chair_session.actor, first, 1, "agree"), "voting");
  context.keyring.forget_all();

  // The meeting benchmark reads meeting 1, which discussed twenty cases (each its own
  // entry, opened and audited per case); the matter benchmark counts matter 1's open vote.
  domain::MeetingCommand meeting;
  meeting.held_on = format_date(date_of(clock.now()));
  meeting.attendees = {chair.email, members[0].email, members[1].email, members[2].email};
  meeting.minutes = "Agreed the rota for the next quarter.";
  for (std::size_t i = 1; i <= std::min<std::size_t>(20, static_cast<std::size_t>(case_count)); ++i)
    meeting.cases.push_back({code_names[i], "Discussed the next steps; the chair writes to the reporter."});
  must(app::record_meeting(context, chair_session.actor, meeting), "recording a meeting");
  must(app::propose_matter(context, chair_session.actor, {"guideline", "Minutes go out within a week.", std::nullopt}),
       "putting a matter to the vote");
  must(app::cast_matter_ballot(context, chair_session.actor, 1, "agree"), "voting on the matter");
  context.keyring.forget_all();

  clock.set(Timestamp{real_now.seconds - 60});
  const app::SignedIn chair_bench = sign_in(context, clock, chair);
  const app::SignedIn member_bench = sign_in(context, clock, conflicted);
  std::ofstream env(data_dir + "/bench.env");
  env << "CHAIR_TOKEN=" << chair_bench.token << "\nCHAIR_CSRF=" << chair_bench.csrf_token
      << "\nMEMBER_TOKEN=" << member_bench.token << "\nMEMBER_CSRF=" << member_bench.csrf_token
      << "\nBIG_CASE=" << first << "\nNEWEST_CASE=" << newest
      << "\n"
      // A member who has not signed in since enrolling, for the sign-in flood benchmark.
      << "SIGNIN_EMAIL=" << members[2].email << "\nSIGNIN_PASSWORD='" << kPassword
      << "'\nSIGNIN_TOTP=" << crypto::totp_secret_base32(members[2].secret) << "\n";
  const auto done = std::chrono::steady_clock::now();
  const auto seconds = [](auto from, auto to) { return std::chrono::duration<double>(to - from).count(); };
  std::cout << "seeded " << case_count << " cases in " << seconds(started, done) << " s (members "
            << seconds(started, enrolled) << " s, cases " << seconds(enrolled, seeded) << " s, "
            << static_cast<int>(case_count / seconds(enrolled, seeded)) << " cases/s)\n";
  return env ? 0 : 1;
}
