// The canary test (docs/security.md "Per-case keys"): a unique string goes into every sealed
// field of a case through the members' API, as a browser would send it, on a real
// SQLite file; then the bytes a thief could take are searched for every string, raw
// and encoded (canary_scanner.h): the database file before and after a checkpoint, the
// WAL and its index, SQLite's free pages after a deletion, the server's log lines
// (fd 2, where src/http/log.cpp writes) and the temporary directory SQLite and the
// process were pointed at. None may be found. (SQLite unlinks its temporary files as
// it creates them, so that search finds whatever outlives its handle, ours or not.)
//
// Two controls keep the search from passing by accident. The same scenario runs with
// the store opened on the pass-through sealer (the use cases still make and wrap case
// keys): there the scanner must find every canary in the database or the WAL. And in
// both runs an authorised member reads every canary back, so each really was stored.
//
// The figures go to standard output as one line, to be quoted:
//   canary: F fields seeded; P places × E encodings searched; hits 0; positive control hits N ...
#include <gmock/gmock.h>
#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "canary_scanner.h"
#include "canary_scenario.h"
#include "crypto/case_keys.h"
#include "crypto/secret_bytes.h"
#include "domain/evaluation.h"
#include "sqlite_community.h"
#include "sqlite_free_pages.h"

namespace conduct::testing {
namespace {

using nlohmann::json;

// ---- The test's own directories ----------------------------------------------------------
//
// SQLite reads SQLITE_TMPDIR and TMPDIR once, when it first initialises, so both are
// pointed at this binary's own directory before any test runs: at static
// initialisation, when no database is open yet. Data directories and captured logs sit
// beside it, not in it, so the temporary-directory search sees only temporary files.
class ScenarioRoot {
 public:
  ScenarioRoot() {
    std::string pattern = (std::filesystem::temp_directory_path() / "conduct-canary-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return;
    root_ = pattern;
    std::filesystem::create_directory(temporary());
    ::setenv("TMPDIR", temporary().c_str(), 1);
    ::setenv("SQLITE_TMPDIR", temporary().c_str(), 1);
  }
  ScenarioRoot(const ScenarioRoot&) = delete;
  ScenarioRoot& operator=(const ScenarioRoot&) = delete;
  ~ScenarioRoot() {
    std::error_code ignored;
    if (!root_.empty()) std::filesystem::remove_all(root_, ignored);
  }
  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path temporary() const { return root_ / "tmp"; }

 private:
  std::filesystem::path root_;
};

const ScenarioRoot kScenarioRoot;

// Sealed columns that hold no case content: secrets sealed under a member's password,
// a session token or an enrolment link (docs/security.md "Secrets and what is derived from
// them"). Every other column ending in _sealed must have a row in the table.
const std::set<std::string> kAccountSecretColumns = {
    "credentials.private_keys_sealed", "credentials.totp_secret_sealed", "sessions.private_keys_sealed",
    "enrolments.root_secret_sealed", "root_key_wraps.root_secret_sealed",
    // A file's random key, sealed under the case key: no text to seed. The file's
    // bytes, which open only through it, have their own row.
    "evidence_files.file_key_sealed",
    // A reporter's thread key, sealed under the case key and under a portal session's
    // key, and its drop box's secret key, sealed under the thread key: random keys, no
    // text. The messages they open have their own rows.
    "reporter_threads.key_sealed", "portal_sessions.key_sealed", "reporter_threads.inbox_secret_sealed",
    // A ballot is one of three words (agree, object, abstain): no text to seed.
    // tests/app/decisions_test.cpp checks the word is not stored in the clear.
    "ballots.ballot_sealed", "group_matter_ballots.ballot_sealed"};

// A note of `kind` written by the member `who` names.
std::function<void(Scenario&, const std::string&)> note(const app::SignedIn& (Scenario::*who)() const,
                                                        const std::string& kind) {
  return [who, kind](Scenario& scenario, const std::string& canary) {
    scenario.send_to_case((scenario.*who)(), "POST", "/entries", {{"kind", kind}, {"text", canary}}, 201);
  };
}

std::function<void(Scenario&, const std::string&)> intake_field(const std::string& field) {
  return [field](Scenario& scenario, const std::string& canary) { scenario.intake()[field] = canary; };
}

std::function<void(Scenario&, const std::string&)> party_field(const std::string& role, const std::string& field) {
  return [role, field](Scenario& scenario, const std::string& canary) { scenario.party(role)[field] = canary; };
}

// Every sealed field reachable today. Noor declares her conflict after two entries, so
// the entries after it are the first written under a rotated key; Bea's oversight
// request comes last and is sealed under a side version for the holders.
std::vector<SealedField> sealed_fields() {
  const auto api = &Scenario::case_over_api;
  return {
      {"case location", "cases.location_sealed", Phase::Intake, intake_field("location"), api},
      {"first report's text", "entries.body_sealed", Phase::Intake, intake_field("report"), api},
      {"reporter's name", "parties.name_sealed", Phase::Intake, party_field("reporter", "name"), api},
      {"reporter's contact", "parties.contact_sealed", Phase::Intake, party_field("reporter", "contact"), api},
      {"reporter's employer", "parties.employer_sealed", Phase::Intake, party_field("reporter", "employer"),
       &Scenario::case_through_use_case},
      {"witness's name", "parties.name_sealed", Phase::Intake, party_field("witness", "name"), api},
      {"witness's contact", "parties.contact_sealed", Phase::Intake, party_field("witness", "contact"), api},
      {"witness's employer", "parties.employer_sealed", Phase::Intake, party_field("witness", "employer"),
       &Scenario::case_through_use_case},
      {"reported person's name", "parties.name_sealed", Phase::Intake, party_field("reported", "name"), api},
      {"reported person's contact", "parties.contact_sealed", Phase::Intake, party_field("reported", "contact"), api},
      {"reported person's employer", "parties.employer_sealed", Phase::Intake, party_field("reported", "employer"),
       &Scenario::case_through_use_case},
      {"note", "entries.body_sealed", Phase::OwnRequest, note(&Scenario::member, "note"), api},
      {"minutes", "entries.body_sealed", Phase::OwnRequest, note(&Scenario::chair, "minutes"), api},
      {"declared conflict's note", "exclusions.note_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.conflicted(), "POST", "/conflicts", {{"note", canary}}, 201);
       },
       &Scenario::conflict_notes_with_holder_keys},
      {"a note's answer kept for a retry", "idempotent_answers.answer_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case_once(scenario.member(), "POST", "/entries", {{"kind", "note"}, {"text", canary}}, 201,
                                    "canary-retry-key-" + canary);
       },
       api},
      {"chat decision", "entries.body_sealed", Phase::OwnRequest, note(&Scenario::member, "chat-decision"), api},
      {"incoming communication", "entries.body_sealed", Phase::OwnRequest, note(&Scenario::chair, "communication-in"),
       api},
      {"outgoing communication", "entries.body_sealed", Phase::OwnRequest, note(&Scenario::member, "communication-out"),
       api},
      {"transition's reason", "entries.body_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.chair(), "POST", "/transitions", {{"to", "acknowledged"}, {"reason", canary}},
                               200);
       },
       api},
      {"additional report's text", "entries.body_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.member(), "POST", "/reports", {{"report", canary}, {"channel", "email"}}, 201);
       },
       api},
      {"evidence file's name", "evidence_files.name_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.attach_evidence(scenario.member(), canary + ".pdf", "", "a file whose name is the canary");
       },
       &Scenario::evidence_list_over_api},
      {"evidence file's description", "evidence_files.description_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.attach_evidence(scenario.member(), "screenshot.png", canary, "a file described by the canary");
       },
       &Scenario::evidence_list_over_api},
      {"evidence file's bytes", "evidence_chunks.sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         // Over one 64 KiB chunk, the canary at the start and across the chunk boundary.
         std::string bytes = canary + std::string(64 * 1024 - canary.size() / 2, '.') + canary + "\n";
         scenario.attach_evidence(scenario.chair(), "log.txt", "", bytes);
       },
       &Scenario::evidence_files_over_api, /*sealed_by_its_own_stream=*/true},
      // A report from the public form: its reporter's messages are sealed under the
      // thread's own key, and mail waiting to go out under the server's mail key.
      {"message to the reporter", "thread_messages.body_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) { scenario.write_to_reporter(canary); },
       &Scenario::thread_over_api, /*sealed_by_its_own_stream=*/true},
      {"reporter's reply on the portal", "thread_messages.body_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) { scenario.reply_on_portal(canary); },
       &Scenario::thread_over_api, /*sealed_by_its_own_stream=*/true},
      {"reporter's reply by mail, in the thread's drop box", "thread_messages.body_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) { scenario.reply_by_mail(canary); },
       &Scenario::mailing_thread_over_api, /*sealed_by_its_own_stream=*/true},
      {"acknowledgement waiting to go out", "mail_queue.message_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.public_report({{"what_happened", "Reported with a name and an address."},
                                 {"reporter_name", canary},
                                 {"reporter_email", "reporter@example.net"}});
       },
       &Scenario::queued_mail, /*sealed_by_its_own_stream=*/true},
      {"draft of a message to a reported person", "drafts.content_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.member(), "POST", "/drafts",
                               {{"recipient", "reported-person"},
                                {"to", json::array({"drift@example.org"})},
                                {"subject", "About your posts"},
                                {"behaviour", canary}},
                               201);
       },
       &Scenario::drafts_over_api},
      {"mail waiting in quarantine", "mail_quarantine.message_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) { scenario.quarantine_mail(canary); },
       &Scenario::quarantined_mail, /*sealed_by_its_own_stream=*/true},
      {"meeting's general minutes", "meetings.minutes_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) { scenario.record_meeting(canary, ""); },
       &Scenario::meetings_over_api, /*sealed_by_its_own_stream=*/true},
      {"what a meeting said about the case", "entries.body_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) { scenario.record_meeting("The rota.", canary); },
       &Scenario::meetings_over_api},
      {"a matter of the group put to the vote", "group_matters.text_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) { scenario.propose_matter(canary); },
       &Scenario::matters_over_api, /*sealed_by_its_own_stream=*/true},
      {"evaluation's note on an answer", "evaluations.content_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         json answers = json::array();
         for (const domain::EvaluationQuestion& question : domain::evaluation_questions())
           answers.push_back({{"question", question.key}, {"answer", "unsure"}, {"note", canary}});
         scenario.send_to_case(scenario.member(), "POST", "/evaluations",
                               {{"answers", answers},
                                {"what_happened", "Messages after being asked to stop."},
                                {"violation", "unsure"},
                                {"ongoing_or_threat", "no"}},
                               201);
       },
       &Scenario::decisions_over_api},
      // The case is investigated, its reported person told and answered, and a
      // proposal made (with two eligible members it goes to the board at once).
      {"proposal's behaviour asked for", "proposals.content_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.chair(), "POST", "/transitions",
                               {{"to", "investigating"}, {"reason", "Reading the messages."}}, 200);
         const int party = scenario.reported_party();
         for (const char* step : {"told", "responded"})
           scenario.send_to_case(scenario.member(), "POST", "/responses",
                                 {{"reported_party", party}, {"step", step}, {"text", "In words that protect."}}, 201);
         scenario.send_to_case(scenario.member(), "POST", "/proposals",
                               {{"reported_party", party}, {"resolution", "warning"}, {"behaviour", canary}}, 201);
       },
       &Scenario::decisions_over_api},
      {"action taken at once, what was done", "unilateral_actions.content_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.member(), "POST", "/actions",
                               {{"situation", "ongoing"},
                                {"what", canary},
                                {"why", "It kept going."},
                                {"affects", "The reported person"}},
                               201);
       },
       &Scenario::decisions_over_api},
      {"oversight request's reason", "oversight_grants.reason_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.board(), "POST", "/oversight", {{"reason", canary}, {"days", 14}}, 202);
       },
       &Scenario::oversight_over_api},
  };
}

// A fresh canary per field and run: "canary-", the field's row number (so a canary
// seen in a file points to its row) and 16 random hex digits. Contacts among them are
// no member's email: members' emails are plain by design.
std::vector<std::string> make_canaries(std::size_t count) {
  std::vector<std::string> canaries;
  for (std::size_t i = 0; i < count; ++i) {
    const crypto::SecretBytes random = crypto::SecretBytes::random(8);
    canaries.push_back("canary-" + std::to_string(i) + "-" + crypto::to_hex(random.view()));
  }
  return canaries;
}

// One (field, place, encoding) where a canary was found.
struct Hit {
  std::size_t field;
  std::string place;
  Encoding encoding;
};

std::vector<Hit> search(const Scenario& scenario, const std::vector<std::string>& canaries) {
  std::vector<Hit> hits;
  for (std::size_t field = 0; field < canaries.size(); ++field)
    for (const auto& [place, bytes] : scenario.places())
      for (const Encoding encoding : encodings_found(bytes, canaries[field])) hits.push_back({field, place, encoding});
  return hits;
}

std::size_t lines_with(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

std::string place_bytes(const Scenario& scenario, const std::string& name) {
  for (const auto& [place, bytes] : scenario.places())
    if (place == name) return bytes;
  return "";
}

// What both runs must show, sealed or not: the table covers every sealed column, each
// canary reads back for an authorised member, the places exist and hold what they
// should, and the log carries one line per request and no content.
void expect_scenario_complete(Scenario& scenario, const std::vector<SealedField>& fields,
                              const std::vector<std::string>& canaries, const std::string& run) {
  std::set<std::string> seeded_columns;
  for (const SealedField& field : fields) seeded_columns.insert(field.column);
  std::set<std::string> case_columns;
  for (const std::string& column : scenario.sealed_columns())
    if (!kAccountSecretColumns.count(column)) case_columns.insert(column);
  EXPECT_EQ(seeded_columns, case_columns) << run << ": every sealed column of case content needs a canary row";

  // The conflict rotated the key (version 2) and the oversight reason went under a
  // side version (3), so the scenario seals under all three kinds of version.
  EXPECT_EQ(scenario.key_versions(), std::make_pair(2u, 3u)) << run << ": (current version, highest wrapped version)";

  for (std::size_t i = 0; i < fields.size(); ++i)
    EXPECT_NE(scenario.read_back(i).find(canaries[i]), std::string::npos)
        << run << ": an authorised member does not read back the " << fields[i].name;

  EXPECT_GT(scenario.freelist_count(), 0) << run << ": the removal freed no page";
  EXPECT_FALSE(scenario.free_pages().malformed) << run;
  EXPECT_EQ(scenario.free_pages().count_in_header,
            scenario.free_pages().trunks.size() + scenario.free_pages().leaves.size())
      << run;
  EXPECT_GT(scenario.free_pages().leaves.size(), 0u) << run;
  EXPECT_GT(scenario.wal_bytes(), 0u) << run << ": the WAL was empty before the checkpoint";
  const std::string log = place_bytes(scenario, "log");
  EXPECT_EQ(lines_with(log, "\"event\":\"request\""), static_cast<std::size_t>(scenario.requests()))
      << run << ": the log capture missed request lines:\n"
      << log;
}

TEST(CanaryTest, NoSealedFieldLeavesItsTextOnDiskInTheLogOrInTemporaryFiles) {
  ASSERT_FALSE(kScenarioRoot.root().empty()) << "cannot make the test's directory";
  const std::vector<SealedField> fields = sealed_fields();

  const std::vector<std::string> sealed_canaries = make_canaries(fields.size());
  std::filesystem::create_directory(kScenarioRoot.root() / "sealed");
  Scenario sealed(kScenarioRoot.root() / "sealed", StoreSealing::CaseKeys, kScenarioRoot.temporary());
  sealed.run(fields, sealed_canaries);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  expect_scenario_complete(sealed, fields, sealed_canaries, "sealed");
  const std::vector<Hit> sealed_hits = search(sealed, sealed_canaries);
  for (const Hit& hit : sealed_hits)
    ADD_FAILURE() << "the " << fields[hit.field].name << " (" << fields[hit.field].column << ") is readable in the "
                  << hit.place << " as " << encoding_name(hit.encoding);

  const std::vector<std::string> control_canaries = make_canaries(fields.size());
  std::filesystem::create_directory(kScenarioRoot.root() / "pass-through");
  Scenario control(kScenarioRoot.root() / "pass-through", StoreSealing::PassThrough, kScenarioRoot.temporary());
  control.run(fields, control_canaries);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  expect_scenario_complete(control, fields, control_canaries, "pass-through");
  const std::vector<Hit> control_hits = search(control, control_canaries);
  std::set<std::size_t> stored;
  for (const Hit& hit : control_hits) {
    if (hit.place == "database file" || hit.place == "WAL") stored.insert(hit.field);
    EXPECT_NE(hit.place, "log") << "the log carries the " << fields[hit.field].name << " even unsealed";
  }
  std::size_t expected_in_the_clear = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].sealed_by_its_own_stream) continue;
    ++expected_in_the_clear;
    EXPECT_TRUE(stored.count(i)) << "the scanner misses the unsealed " << fields[i].name
                                 << " in the database file and the WAL";
  }
  EXPECT_GT(control_hits.size(), 0u);
  // What stands between a file's bytes and the database reader is the file key: under
  // the pass-through it lies there as given (32 bytes), sealed it is 45 bytes longer.
  for (const std::size_t length : control.stored_lengths("evidence_files", "file_key_sealed")) EXPECT_EQ(length, 32u);
  for (const std::size_t length : sealed.stored_lengths("evidence_files", "file_key_sealed"))
    EXPECT_EQ(length, 32u + crypto::kSealedCaseValueOverhead);
  EXPECT_EQ(control.stored_lengths("evidence_files", "file_key_sealed").size(), 3u);

  std::cout << "canary: " << fields.size() << " fields seeded; " << sealed.places().size() << " places × "
            << kEncodings.size() << " encodings searched; hits " << sealed_hits.size() << "; positive control hits "
            << control_hits.size() << " (" << stored.size() << " of " << expected_in_the_clear
            << " fields found in the database or WAL; a file's bytes stay sealed by their own stream, their key"
            << " lies in the clear)\n"
            << "canary: places: database file before and after a checkpoint ("
            << place_bytes(sealed, "database file").size() << " bytes), WAL and index before it (" << sealed.wal_bytes()
            << " bytes of WAL), " << sealed.free_pages().leaves.size() + sealed.free_pages().trunks.size()
            << " free pages (freelist_count " << sealed.freelist_count() << "), log ("
            << lines_with(place_bytes(sealed, "log"), "\n") << " lines, " << sealed.requests()
            << " requests), temp directory (" << sealed.temporary_files() << " files)\n";
}

// The free-page search has its own positive control: with secure_delete off the
// removed text is still in the free pages and the search finds it there; with it on,
// as the store opens every database, the freed leaf pages are zero.
TEST(CanaryTest, SecureDeleteZeroesThePagesARemovalFrees) {
  for (const bool secure_delete : {false, true}) {
    SCOPED_TRACE(secure_delete ? "secure_delete on" : "secure_delete off");
    const std::filesystem::path directory = kScenarioRoot.root() / (secure_delete ? "on" : "off");
    std::filesystem::create_directory(directory);
    SqliteCommunity world(directory / "conduct.db", StoreSealing::PassThrough);
    const Status started = world.start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    if (!secure_delete) {
      ASSERT_TRUE(world.store().database().execute("PRAGMA secure_delete=OFF;").ok());
    }

    const std::string canary = make_canaries(1).front();
    domain::NewCaseCommand command;
    for (int i = 0; i < 10; ++i) command.report.report_text += std::string(2000, '.') + canary;  // into overflow pages
    command.report.channel = "email";
    command.categories = {"harassment"};
    auto opened = app::open_case(world.context(), world.chair().actor, command);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    const std::string id = std::to_string(opened->summary.id);
    const Status removed = world.store().database().execute(
        "PRAGMA foreign_keys=OFF; BEGIN; DELETE FROM entries WHERE case_id = " + id +
        "; DELETE FROM reports WHERE case_id = " + id + "; DELETE FROM case_key_wraps WHERE case_id = " + id +
        "; DELETE FROM case_categories WHERE case_id = " + id + "; DELETE FROM cases WHERE id = " + id +
        "; COMMIT; PRAGMA foreign_keys=ON; PRAGMA wal_checkpoint(TRUNCATE);");
    ASSERT_TRUE(removed.ok()) << removed.error().message;

    const FreePages free = free_pages_of(read_bytes(world.database()));
    ASSERT_FALSE(free.malformed);
    ASSERT_GT(free.leaves.size(), 0u);
    if (secure_delete) {
      EXPECT_THAT(encodings_found(free.bytes, canary), ::testing::IsEmpty());
      EXPECT_EQ(free.leaf_bytes.find_first_not_of('\0'), std::string::npos) << "a freed leaf page keeps bytes";
    } else {
      EXPECT_THAT(encodings_found(free.bytes, canary), ::testing::Contains(Encoding::Raw));
    }
    world.close();
  }
}

}  // namespace
}  // namespace conduct::testing
