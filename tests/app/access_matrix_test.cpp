// The access matrix at the use-case level: every kind of subject against every use case
// (docs/security.md "Access decided in one place"). The expected outcome of each cell is
// written out by hand from the rules in src/domain/access.cpp, so a change to the policy
// or to a use case's wiring shows here as a cell that moved. Each cell runs in a world
// of its own, built from scratch, so no cell sees what another one wrote.
//
// Denials take two forms: an action on no particular case is PermissionDenied; an
// action on a case the subject may not act on is NotFound, exactly like a missing case.
// The case names its reporter "Zephyrine Canarywood"; no denial may mention her.
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/cases.h"
#include "app/communities.h"
#include "app/conflicts.h"
#include "app/evidence.h"
#include "app/members.h"
#include "app/people.h"
#include "app/policy_file.h"
#include "core/text.h"
#include "crypto/blind_index.h"
#include "crypto/case_keys.h"
#include "crypto/sodium_random.h"
#include "domain/code_name.h"
#include "support/key_holders.h"
#include "support/memory_database.h"

namespace conduct::app {
namespace {

constexpr const char* kCanaryName = "Zephyrine Canarywood";
constexpr const char* kCanaryContact = "zephyrine.canarywood@example.net";
constexpr const char* kCanaryFileName = "statement-of-zephyrine-canarywood.txt";
constexpr const char* kCanaryEvidence = "What Zephyrine Canarywood saw, in her own words.";

enum class Subject {
  Chair,
  Member,
  MemberWithConflict,
  UnscreenedNewMember,
  FormerMember,
  InvitedAdviser,
  UninvitedAdviser,
  BoardWithGrant,
  BoardWithoutGrant,
  LocalRepresentative,
  InstanceAdmin,
  Liaison,
};

enum class UseCase {
  ListCases,
  ShowCase,
  AddNote,
  AddReport,
  TransitionCase,
  DeclareConflict,
  InviteAdviser,
  RequestOversight,
  ApproveOversight,
  ListPeople,
  AddMember,
  ListMembers,
  OffboardMember,
  OpenCase,
  AttachEvidence,
  ListEvidence,
  ReadEvidence,
};

constexpr std::array<UseCase, 17> kUseCases = {
    UseCase::ListCases,        UseCase::ShowCase,        UseCase::AddNote,        UseCase::AddReport,
    UseCase::TransitionCase,   UseCase::DeclareConflict, UseCase::InviteAdviser,  UseCase::RequestOversight,
    UseCase::ApproveOversight, UseCase::ListPeople,      UseCase::AddMember,      UseCase::ListMembers,
    UseCase::OffboardMember,   UseCase::OpenCase,        UseCase::AttachEvidence, UseCase::ListEvidence,
    UseCase::ReadEvidence,
};

const char* name_of(UseCase use_case) {
  static constexpr std::array<const char*, 17> kNames = {
      "list_cases",       "show_case",      "add_note",          "add_report",        "transition_case",
      "declare_conflict", "invite_adviser", "request_oversight", "approve_oversight", "list_people",
      "add_member",       "list_members",   "offboard_member",   "open_case",         "attach_evidence",
      "list_evidence",    "read_evidence"};
  return kNames[static_cast<std::size_t>(use_case)];
}

// What a cell comes to.
enum class Outcome {
  Allowed,           // the use case succeeded
  Listed,            // a list succeeded and holds the case (or the case's person record)
  Unlisted,          // a list succeeded without it
  PermissionDenied,  // refused for an action on no particular case
  NotFound,          // refused for an action on a case: answered like a missing case
  Other,             // anything else: always a failure of the test
};

const char* name_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::Allowed:
      return "allowed";
    case Outcome::Listed:
      return "listed";
    case Outcome::Unlisted:
      return "unlisted";
    case Outcome::PermissionDenied:
      return "permission-denied";
    case Outcome::NotFound:
      return "not-found";
    case Outcome::Other:
      return "other";
  }
  return "?";
}

// The expected table, one row per subject, columns in the order of kUseCases:
//   list  show  note  report  move  declare  invite  request  approve  people  add  members  offboard  open
//   attach-evidence  list-evidence  read-evidence
constexpr Outcome A = Outcome::Allowed, L = Outcome::Listed, U = Outcome::Unlisted, D = Outcome::PermissionDenied,
                  N = Outcome::NotFound;

struct Row {
  Subject subject;
  const char* name;
  std::array<Outcome, 17> expected;
};

const Row kRows[] = {
    // A chair does everything on a case except ask for oversight, which is the board's.
    {Subject::Chair, "chair", {L, A, A, A, A, A, A, N, A, L, A, A, A, A, A, A, A}},
    // A member works the case but neither invites, oversees nor manages members.
    {Subject::Member, "member", {L, A, A, A, A, A, N, N, N, L, D, A, D, A, A, A, A}},
    // Excluded: the case does not exist for them, nor its person record.
    {Subject::MemberWithConflict,
     "member with a declared conflict",
     {U, N, N, N, N, N, N, N, N, U, D, A, D, A, N, N, N}},
    // Must screen first: only declaring a conflict (or clearing) is open to them.
    {Subject::UnscreenedNewMember,
     "new member who has not screened",
     {U, N, N, N, N, A, N, N, N, U, D, A, D, A, N, N, N}},
    // Not active: nothing at all.
    {Subject::FormerMember, "former member", {D, N, N, N, N, N, N, N, N, D, D, D, D, D, N, N, N}},
    // An invited adviser lists, reads, writes and may recuse; never moves the case.
    {Subject::InvitedAdviser, "adviser invited", {L, A, A, A, N, A, N, N, N, D, D, D, D, D, A, A, A}},
    {Subject::UninvitedAdviser, "adviser not invited", {U, N, N, N, N, N, N, N, N, D, D, D, D, D, N, N, N}},
    // Oversight is read-only (evidence included); any board member may ask for it.
    {Subject::BoardWithGrant, "board member with approved grant", {L, A, N, N, N, A, N, A, N, D, D, D, D, D, N, A, A}},
    {Subject::BoardWithoutGrant, "board member without grant", {U, N, N, N, N, N, N, A, N, D, D, D, D, D, N, N, N}},
    // Local representatives record reports and see nothing.
    {Subject::LocalRepresentative, "local representative", {D, N, N, N, N, N, N, N, N, D, D, D, D, A, N, N, N}},
    // The instance admin lists members (to set up chairs) and touches no case.
    {Subject::InstanceAdmin, "instance admin", {D, N, N, N, N, N, N, N, N, D, D, A, D, D, N, N, N}},
    {Subject::Liaison, "liaison", {D, N, N, N, N, N, N, N, N, D, D, D, D, D, N, N, N}},
};
constexpr std::size_t kSubjects = 12;

// One community with one case, everything the use cases need around it, and the
// subject of the cell. Held by pointer: the context refers to the members.
struct World {
  World()
      : store(keyring),
        clock(*parse_timestamp("2026-11-25T08:00:00Z")),
        context{store, clock, random, keyring, indexer, crypto::kTestCost},
        holders(context, clock) {}

  crypto::CaseKeyring keyring;
  crypto::BlindIndexer indexer{crypto::new_index_key()};
  conduct::testing::MemoryDatabase store;
  FixedClock clock;
  crypto::SodiumRandom random;
  Context context;
  conduct::testing::KeyHolders holders;
  std::map<std::string, std::shared_ptr<const crypto::MemberKeyPair>> keys_of;  // from each member's sign-in

  Actor chair;
  Actor subject;
  std::string case_code;    // URL form
  std::string person_code;  // the reported person's record
  std::int64_t pending_grant = 0;
  std::string spare_adviser = "spare.adviser@tidewater.example";
  std::string throwaway = "throwaway@tidewater.example";
};

Actor add(World& world, const std::string& email, const std::string& name, const std::string& role) {
  domain::NewMemberCommand command;
  command.email = email;
  command.display_name = name;
  command.role = role;
  auto added = add_member(world.context, world.chair, command);
  EXPECT_TRUE(added.ok()) << email << ": " << added.error().message;
  auto holder = world.holders.holder(email);  // enrolled, certified, signed in
  EXPECT_TRUE(holder.ok()) << email << ": " << holder.error().message;
  if (!holder.ok()) return Actor{world.chair.community, added.ok() ? *added : domain::Member{}};
  world.keys_of[email] = holder->keys;
  return *holder;
}

// The member as the shell loads them for a request, with the keys of their session.
Actor reload(World& world, const std::string& email) {
  auto member = world.store->find_member(world.chair.community.id, email);
  EXPECT_TRUE(member.ok()) << email << ": " << member.error().message;
  return Actor{world.chair.community, member.ok() ? *member : domain::Member{}, world.keys_of[email]};
}

void must(const Status& status, const char* what) {
  EXPECT_TRUE(status.ok()) << what << ": " << status.error().message;
}

std::unique_ptr<World> build_world(Subject subject) {
  auto world = std::make_unique<World>();
  auto created =
      init_community(world->context, {*shipped_policy_source("default"),
                                      {"tidewater", "Tidewater Open Source Community", "conduct@tidewater.example"},
                                      "robin@tidewater.example",
                                      "Robin Achterberg"});
  EXPECT_TRUE(created.ok()) << created.error().message;
  if (!created.ok()) return world;
  auto chair = world->holders.enrol_first_chair(*created);
  EXPECT_TRUE(chair.ok()) << chair.error().message;
  if (!chair.ok()) return world;
  world->chair = *chair;

  // Everyone who was there when the case was opened.
  add(*world, world->throwaway, "Tom Throwaway", "member");
  add(*world, world->spare_adviser, "Sol Spare", "adviser");
  const Actor requester = add(*world, "requester@tidewater.example", "Rhea Requester", "board-member");
  const std::string subject_email = "subject@tidewater.example";
  switch (subject) {
    case Subject::Chair:
      break;
    case Subject::Member:
    case Subject::MemberWithConflict:
    case Subject::FormerMember:
      add(*world, subject_email, "Sasha Subject", "member");
      break;
    case Subject::InvitedAdviser:
    case Subject::UninvitedAdviser:
      add(*world, subject_email, "Sasha Subject", "adviser");
      break;
    case Subject::BoardWithGrant:
    case Subject::BoardWithoutGrant:
      add(*world, subject_email, "Sasha Subject", "board-member");
      break;
    case Subject::LocalRepresentative:
      add(*world, subject_email, "Sasha Subject", "local-representative");
      break;
    case Subject::InstanceAdmin:
      add(*world, subject_email, "Sasha Subject", "instance-admin");
      break;
    case Subject::Liaison:
      add(*world, subject_email, "Sasha Subject", "liaison");
      break;
    case Subject::UnscreenedNewMember:
      break;  // joins later
  }

  domain::NewCaseCommand command;
  command.report.report_text = "Repeated unwanted messages after being asked to stop.";
  command.report.channel = "email";
  command.report.parties = {{"reporter", kCanaryName, kCanaryContact, "", ""}, {"reported", "", "@drift_wood", "", ""}};
  command.space = "forum";
  command.categories = {"harassment"};
  auto record = open_case(world->context, world->chair, command);
  EXPECT_TRUE(record.ok()) << record.error().message;
  if (!record.ok()) return world;
  world->case_code = domain::url_form(record->summary.code_name);
  world->person_code = record->parties[1].person_code_name;

  // A file whose name and content carry the canary, for the evidence use cases.
  auto attached =
      attach_evidence(world->context, world->chair, world->case_code, {kCanaryFileName, "", kCanaryEvidence});
  EXPECT_TRUE(attached.ok()) << attached.error().message;

  // A request from another board member, waiting for a chair.
  auto pending = request_oversight(world->context, requester, world->case_code, "A board review.", 7);
  EXPECT_TRUE(pending.ok()) << pending.error().message;
  if (pending.ok()) world->pending_grant = pending->id;

  world->clock.advance_seconds(kSecondsPerHour);
  switch (subject) {
    case Subject::MemberWithConflict:
      must(declare_conflict(world->context, reload(*world, subject_email), world->case_code, "private"), "declare");
      break;
    case Subject::UnscreenedNewMember:
      add(*world, subject_email, "Sasha Subject", "member");
      break;
    case Subject::FormerMember:
      EXPECT_TRUE(offboard_member(world->context, world->chair, subject_email).ok());
      break;
    case Subject::InvitedAdviser:
      must(invite_adviser(world->context, world->chair, world->case_code, subject_email), "invite");
      break;
    case Subject::BoardWithGrant: {
      auto grant = request_oversight(world->context, reload(*world, subject_email), world->case_code, "Review.", 30);
      EXPECT_TRUE(grant.ok()) << grant.error().message;
      if (grant.ok()) must(approve_oversight(world->context, world->chair, world->case_code, grant->id), "approve");
      break;
    }
    default:
      break;
  }
  world->subject = subject == Subject::Chair ? world->chair : reload(*world, subject_email);
  return world;
}

// The outcome of a call that returned `result`, and its error message when it failed.
template <typename T>
Outcome outcome_of(const Result<T>& result, std::string& message) {
  if (result.ok()) return Outcome::Allowed;
  message = result.error().message;
  for (const auto& [field, problem] : result.error().fields) message += "\n" + field + ": " + problem;
  switch (result.error().code) {
    case ErrorCode::PermissionDenied:
      return Outcome::PermissionDenied;
    case ErrorCode::NotFound:
      return Outcome::NotFound;
    default:
      return Outcome::Other;
  }
}

Outcome run(World& world, UseCase use_case, std::string& message) {
  Context& context = world.context;
  const Actor& actor = world.subject;
  const std::string& code = world.case_code;
  switch (use_case) {
    case UseCase::ListCases: {
      const auto cases = list_cases(context, actor, {});
      if (!cases.ok()) return outcome_of(cases, message);
      for (const domain::Case& summary : *cases)
        if (domain::url_form(summary.code_name) == code) return Outcome::Listed;
      return Outcome::Unlisted;
    }
    case UseCase::ShowCase: {
      const auto record = show_case(context, actor, code);
      if (record.ok()) {
        EXPECT_EQ(record->parties.at(0).name, kCanaryName) << "the case is readable in full";
      }
      return outcome_of(record, message);
    }
    case UseCase::AddNote:
      return outcome_of(add_note(context, actor, code, {"note", "Spoke with the moderators.", std::nullopt}), message);
    case UseCase::AddReport:
      return outcome_of(add_report(context, actor, code, {"I saw it as well.", "email", {}}), message);
    case UseCase::TransitionCase:
      return outcome_of(transition_case(context, actor, code, {"acknowledged", "Receipt confirmed.", "", ""}), message);
    case UseCase::DeclareConflict:
      return outcome_of(declare_conflict(context, actor, code, ""), message);
    case UseCase::InviteAdviser:
      return outcome_of(invite_adviser(context, actor, code, world.spare_adviser), message);
    case UseCase::RequestOversight:
      return outcome_of(request_oversight(context, actor, code, "Checking how the case is handled.", 7), message);
    case UseCase::ApproveOversight:
      return outcome_of(approve_oversight(context, actor, code, world.pending_grant), message);
    case UseCase::ListPeople: {
      const auto people = list_people(context, actor);
      if (!people.ok()) return outcome_of(people, message);
      for (const store::PersonRow& row : *people)
        if (row.person.code_name == world.person_code) return Outcome::Listed;
      return Outcome::Unlisted;
    }
    case UseCase::AddMember: {
      domain::NewMemberCommand command;
      command.email = "newcomer@tidewater.example";
      command.display_name = "Nia Newcomer";
      command.role = "member";
      return outcome_of(add_member(context, actor, command), message);
    }
    case UseCase::ListMembers:
      return outcome_of(list_members(context, actor), message);
    case UseCase::OffboardMember:
      return outcome_of(offboard_member(context, actor, world.throwaway), message);
    case UseCase::OpenCase: {
      domain::NewCaseCommand command;
      command.report.report_text = "Slurs in the chat during the meetup.";
      command.report.channel = "email";
      return outcome_of(open_case(context, actor, command), message);
    }
    case UseCase::AttachEvidence:
      return outcome_of(attach_evidence(context, actor, code, {"minutes.txt", "", "Notes from the call."}), message);
    case UseCase::ListEvidence: {
      const auto files = list_evidence(context, actor, code);
      if (files.ok()) {
        EXPECT_EQ(files->at(0).name, kCanaryFileName) << "the list names the files";
      }
      return outcome_of(files, message);
    }
    case UseCase::ReadEvidence: {
      const auto content = read_evidence(context, actor, code, 1);
      if (content.ok()) {
        EXPECT_EQ(content->bytes, kCanaryEvidence) << "the file reads back whole";
      }
      return outcome_of(content, message);
    }
  }
  return Outcome::Other;
}

bool is_denial(Outcome outcome) { return outcome == Outcome::PermissionDenied || outcome == Outcome::NotFound; }

TEST(AccessMatrixTest, EverySubjectAgainstEveryUseCase) {
  ASSERT_EQ(std::size(kRows), kSubjects);
  std::size_t cells = 0, denied = 0;
  for (const Row& row : kRows) {
    for (std::size_t column = 0; column < kUseCases.size(); ++column) {
      const UseCase use_case = kUseCases[column];
      SCOPED_TRACE(std::string(row.name) + " × " + name_of(use_case));
      const std::unique_ptr<World> world = build_world(row.subject);
      ASSERT_FALSE(world->case_code.empty()) << "the world was not built";
      std::string message;
      const Outcome actual = run(*world, use_case, message);
      ++cells;
      EXPECT_EQ(name_of(actual), std::string(name_of(row.expected[column])))
          << row.name << " × " << name_of(use_case) << (message.empty() ? "" : ": " + message);
      if (!is_denial(actual)) continue;
      ++denied;
      // A denial says nothing about what the case holds.
      EXPECT_EQ(to_lower_ascii(message).find("canarywood"), std::string::npos) << message;
      EXPECT_EQ(message.find("Zephyrine"), std::string::npos) << message;
      if (actual == Outcome::NotFound) {
        EXPECT_EQ(message, "no case '" + *domain::normalise_case_code_name(world->case_code) + "'");
      }
    }
  }
  std::cout << "access matrix: " << cells << " cells (" << denied << " denied)\n";
  ::testing::Test::RecordProperty("access_matrix_cells", static_cast<int>(cells));
  EXPECT_EQ(cells, kSubjects * kUseCases.size());
  EXPECT_EQ(cells, 204u);
}

// The same subjects, checked once more as the subject of a world: the setup itself is
// what the matrix assumes (a conflict excludes, a grant is active, and so on).
TEST(AccessMatrixTest, EachWorldHoldsTheRelationItsSubjectNeeds) {
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.name);
    const std::unique_ptr<World> world = build_world(row.subject);
    const auto facts = world->store->load_access_facts(world->chair.community.id);
    ASSERT_TRUE(facts.ok());
    const std::int64_t id = world->subject.member.id;
    const auto has = [&](const auto& rows) {
      for (const auto& fact : rows)
        if (fact.member_id == id) return true;
      return false;
    };
    EXPECT_EQ(has(facts->exclusions), row.subject == Subject::MemberWithConflict);
    EXPECT_EQ(has(facts->invitations), row.subject == Subject::InvitedAdviser);
    EXPECT_EQ(has(facts->grants), row.subject == Subject::BoardWithGrant);
    EXPECT_EQ(world->subject.member.status == domain::MemberStatus::Former, row.subject == Subject::FormerMember);
    ASSERT_EQ(facts->grants.size(), row.subject == Subject::BoardWithGrant ? 2u : 1u);
    EXPECT_FALSE(facts->grants[0].approved_by.has_value()) << "the request to approve stays pending";
    const auto to_screen = cases_to_screen(world->context, world->subject);
    if (to_screen.ok()) {
      EXPECT_EQ(to_screen->size(), row.subject == Subject::UnscreenedNewMember ? 1u : 0u);
    }
  }
}

}  // namespace
}  // namespace conduct::app
