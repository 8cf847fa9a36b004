// What sealed records cost (docs/performance.md): sealing and opening one field, unlocking a
// case's key from a member's wrap, and the whole read of a case page with 100 timeline
// entries on a real SQLite file — find, policy, unlock, load, decrypt and its audit
// entry — plus a case list over many cases, which opens nothing. And what the audit log
// costs: a refused read of a missing case against one of a withheld case (they must
// take the same time), and verifying a chain. And what one report costs at intake: a
// case written with and without a reported person (the escrow look-up), that look-up
// alone, and a reporter's thread (its receipt and its drop box).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "app/communities.h"
#include "app/conflicts.h"
#include "app/intake.h"
#include "app/mail_intake.h"
#include "app/mail_threads.h"
#include "app/members.h"
#include "app/policy_file.h"
#include "crypto/case_keys.h"
#include "crypto/member_keys.h"
#include "crypto/receipt.h"
#include "crypto/secretbox.h"
#include "crypto/sodium_random.h"
#include "domain/code_name.h"
#include "domain/escrow.h"
#include "domain/public_report.h"
#include "store/sqlite/sqlite_store.h"
#include "support/key_holders.h"

namespace conduct {
namespace {

const crypto::SealContext kField{1, "home shelf", "entry:3", "body", "case"};

void BM_SealCaseValue(benchmark::State& state) {
  const crypto::SecretBytes key = crypto::new_case_key();
  const std::string text(static_cast<std::size_t>(state.range(0)), 'x');
  for (auto _ : state) benchmark::DoNotOptimize(crypto::seal_case_value(key, 1, kField, text));
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SealCaseValue)->Arg(200)->Arg(4096);

void BM_OpenCaseValue(benchmark::State& state) {
  const crypto::SecretBytes key = crypto::new_case_key();
  const std::string sealed =
      crypto::seal_case_value(key, 1, kField, std::string(static_cast<std::size_t>(state.range(0)), 'x'));
  for (auto _ : state) benchmark::DoNotOptimize(crypto::open_case_value(key, kField, sealed));
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_OpenCaseValue)->Arg(200)->Arg(4096);

// Opening one wrap: what unlocking a case costs per key version.
void BM_OpenWrap(benchmark::State& state) {
  const crypto::MemberKeyPair keys = crypto::generate_member_keys();
  const std::string wrapped = *crypto::box_seal(keys.box_public, crypto::new_case_key().view());
  for (auto _ : state) benchmark::DoNotOptimize(crypto::box_open(keys, wrapped));
}
BENCHMARK(BM_OpenWrap);

// A community on a real SQLite file with a signed-in chair, `cases` cases and
// `entries` notes on the first one.
class World {
 public:
  World(int cases, int entries)
      : directory_(std::filesystem::temp_directory_path() / ("conduct-bench-" + std::to_string(::getpid()))),
        clock_(*parse_timestamp("2026-11-25T08:00:00Z")) {
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    store_ = std::move(store::sqlite::SqliteStore::open((directory_ / "conduct.db").string(), keyring_)).value();
    context_ =
        std::make_unique<app::Context>(app::Context{*store_, clock_, random_, keyring_, indexer_, crypto::kTestCost});
    auto created = app::init_community(*context_, {*app::shipped_policy_source("default"),
                                                   {"tidewater", "Tidewater", "conduct@tidewater.example"},
                                                   "robin@tidewater.example",
                                                   "Robin Achterberg"});
    testing::KeyHolders holders(*context_, clock_);
    chair_ = *holders.enrol_first_chair(*created);
    for (int i = 0; i < 3; ++i) {  // a few more holders, so each case has several wraps
      const std::string email = "member" + std::to_string(i) + "@tidewater.example";
      (void)app::add_member(*context_, chair_, {email, "Member " + std::to_string(i), "member", ""});
      (void)holders.enrol_certified(email);
    }
    // An adviser invited to no case: every case is withheld from them.
    (void)app::add_member(*context_, chair_, {"ada@tidewater.example", "Ada Ferreira", "adviser", ""});
    outsider_ = *holders.holder("ada@tidewater.example");
    for (int i = 0; i < cases; ++i) {
      domain::NewCaseCommand command;
      command.report.report_text = "Repeated unwanted messages after being asked to stop, case " + std::to_string(i);
      command.report.channel = "email";
      command.report.parties = {{"reporter", "Noor Haddad", "noor@example.net", "", ""},
                                {"reported", "", "@drift_wood", "", ""}};
      auto record = app::open_case(*context_, chair_, command);
      if (i == 0) code_ = domain::url_form(record->summary.code_name);
    }
    for (int i = 0; i < entries; ++i)
      (void)app::add_note(
          *context_, chair_, code_,
          {"note", "Spoke with the moderators about the message log, step " + std::to_string(i), std::nullopt});
    keyring_.forget_all();
  }
  ~World() { std::filesystem::remove_all(directory_); }

  app::Context& context() { return *context_; }
  const app::Actor& chair() const { return chair_; }
  const app::Actor& outsider() const { return outsider_; }
  const std::string& code() const { return code_; }
  crypto::CaseKeyring& keyring() { return keyring_; }
  store::sqlite::SqliteStore& sqlite() { return *store_; }

 private:
  std::filesystem::path directory_;
  crypto::CaseKeyring keyring_;
  crypto::BlindIndexer indexer_{crypto::new_index_key()};
  FixedClock clock_;
  crypto::SodiumRandom random_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::unique_ptr<app::Context> context_;
  app::Actor chair_;
  app::Actor outsider_;
  std::string code_;
};

// The case page: GET /api/cases/{code} without the HTTP layer.
void BM_ShowCase(benchmark::State& state) {
  World world(1, static_cast<int>(state.range(0)));
  std::size_t entries = 0;
  for (auto _ : state) {
    auto record = app::show_case(world.context(), world.chair(), world.code());
    if (!record.ok()) {
      state.SkipWithError(record.error().message.c_str());
      break;
    }
    entries = record->timeline.size();
    world.keyring().forget_all();  // as dispatch() does after each request
  }
  state.counters["entries"] = static_cast<double>(entries);
}
BENCHMARK(BM_ShowCase)->Arg(100)->Unit(benchmark::kMicrosecond);

// The case list: policy over every case, one page out, nothing opened.
void BM_ListCases(benchmark::State& state) {
  World world(static_cast<int>(state.range(0)), 0);
  for (auto _ : state) {
    store::CaseFilter page;
    page.limit = 50;
    auto listed = app::list_cases(world.context(), world.chair(), page);
    if (!listed.ok() || listed->size() != 50) {
      state.SkipWithError("the list did not answer one page");
      break;
    }
  }
}
BENCHMARK(BM_ListCases)->Arg(1000)->Unit(benchmark::kMillisecond);

// Mail in (`conduct mail ingest` without the process start): a new report that opens a
// case (arg 0: sealed, acknowledged with a receipt, notices queued), a reply that joins
// the first case by its tag (arg 1), and a message that waits in quarantine (arg 2), each
// with a fresh Message-ID, among 1,000 cases on a real SQLite file.
void BM_IngestMail(benchmark::State& state) {
  World world(1000, 0);
  auto first =
      world.context().store.find_case(world.chair().community.id, *domain::normalise_case_code_name(world.code()));
  const std::string tag = first.ok() ? app::case_tag_secret(world.context(), first->id) : "";
  if (first.ok()) (void)app::record_case_message(world.context(), first->id, "");
  const app::MailIntakeSettings settings;
  int n = 0;
  for (auto _ : state) {
    const std::string id = "bench-" + std::to_string(n++) + "@example.org";
    std::string message;
    if (state.range(0) == 0)
      message = "From: Ana <ana@example.org>\r\nTo: conduct@tidewater.example\r\nSubject: A report\r\nMessage-ID: <" +
                id + ">\r\n\r\nSomeone kept messaging me after I asked them to stop.\r\n";
    else if (state.range(0) == 1)
      message = "From: Ana <ana@example.org>\r\nTo: conduct@tidewater.example\r\nSubject: Re: [ref " + tag +
                "]\r\nMessage-ID: <" + id + ">\r\n\r\nIt happened again.\r\n";
    else
      message = "To: conduct@tidewater.example\r\nSubject: unplaced\r\nMessage-ID: <" + id + ">\r\n\r\nWho?\r\n";
    auto ingested = app::ingest_mail(world.context(), message, std::nullopt, settings);
    if (!ingested.ok()) {
      state.SkipWithError(ingested.error().message.c_str());
      break;
    }
    world.keyring().forget_all();
  }
}
BENCHMARK(BM_IngestMail)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// A case written through the app layer (`POST /api/cases` without HTTP), among 1,000
// cases that all name "@drift_wood" as reported: naming no reported person (arg 0: no
// escrow look-up), a person named nowhere before (arg 1: the look-up finds nothing), or
// "@drift_wood" (arg 2: the load benchmark's shape, where one handle is named in every
// report; the look-up meets each earlier report naming them, and one more each
// iteration).
void BM_OpenCase(benchmark::State& state) {
  World world(1000, 0);
  int n = 0;
  for (auto _ : state) {
    domain::NewCaseCommand command;
    command.report.report_text = "Repeated unwanted messages after being asked to stop.";
    command.report.channel = "email";
    command.report.parties = {{"reporter", "", "someone@example.net", "", ""}};
    if (state.range(0) == 1)
      command.report.parties.push_back({"reported", "", "@fresh_" + std::to_string(n++), "", ""});
    else if (state.range(0) == 2)
      command.report.parties.push_back({"reported", "", "@drift_wood", "", ""});
    auto opened = app::open_case(world.context(), world.chair(), command);
    if (!opened.ok()) {
      state.SkipWithError(opened.error().message.c_str());
      break;
    }
    world.keyring().forget_all();
  }
  state.SetLabel(state.range(0) == 0   ? "no reported person"
                 : state.range(0) == 1 ? "reported, named nowhere before"
                                       : "reported, named in every case");
}
BENCHMARK(BM_OpenCase)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

// The escrow look-up alone (store::CaseStore::escrowed_cases_naming), for a reported
// person named nowhere (arg 0 = 0) and for "@drift_wood", named in all 1,000 cases and
// linked to one person record (arg 0 = 1); with no case held in escrow (arg 1 = 0) or
// one, naming someone else (arg 1 = 1).
void BM_EscrowLookup(benchmark::State& state) {
  World world(1000, 0);
  app::Context& context = world.context();
  const domain::Community& community = world.chair().community;
  if (state.range(1) == 1) {
    domain::PublicReport report;
    report.what_happened = "Held until someone else reports them.";
    report.people = {{"reported-person", "", "@someone_else"}};
    report.escrow = true;
    auto members = context.store.list_members(community.id);
    auto plan = domain::plan_public_report(report, community, *members, context.clock.now());
    app::ReportOpening opening;
    opening.language = "en";
    auto submitted = plan.ok() ? app::open_reported_case(context, community, *plan, opening)
                               : Result<app::SubmittedReport>(plan.error());
    if (!submitted.ok()) state.SkipWithError(submitted.error().message.c_str());
    world.keyring().forget_all();
  }
  domain::Party reported;
  reported.role = domain::PartyRole::ReportedPerson;
  reported.contact = state.range(0) == 0 ? "@named_nowhere" : "@drift_wood";
  const store::PartyIndexes indexes = app::party_indexes(context, reported);
  reported.person_id = *context.store.reported_person_with_contact(community.id, indexes.contact);
  const domain::EscrowMatchKeys keys = domain::escrow_match_keys({reported}, app::blind_match_keys(context));
  for (auto _ : state) {
    auto held = context.store.escrowed_cases_naming(community.id, 0, keys);
    if (!held.ok() || !held->empty()) {
      state.SkipWithError("the look-up failed or found a held case");
      break;
    }
  }
  state.SetLabel(std::string(state.range(0) == 0 ? "named nowhere" : "named in 1,000 cases") +
                 (state.range(1) == 0 ? ", none held" : ", one held"));
}
BENCHMARK(BM_EscrowLookup)->Args({0, 0})->Args({1, 0})->Args({0, 1})->Args({1, 1})->Unit(benchmark::kMicrosecond);

// A report from the public form (`POST /api/reports/{community}` without HTTP and the
// rate limits): a new case naming a person named nowhere before, acknowledged by mail,
// without (arg 0) and with (arg 1) the reporter's thread: its receipt (Argon2id at
// crypto::kReceiptCost) and its drop box.
void BM_OpenReportedCase(benchmark::State& state) {
  World world(1000, 0);
  app::Context& context = world.context();
  const domain::Community& community = world.chair().community;
  auto members = context.store.list_members(community.id);
  int n = 0;
  for (auto _ : state) {
    domain::PublicReport report;
    report.reporter_email = "someone@example.net";
    report.what_happened = "Repeated unwanted messages after being asked to stop.";
    report.space = "chat";
    report.people = {{"reported-person", "", "@fresh_" + std::to_string(n++)}};
    auto plan = domain::plan_public_report(report, community, *members, context.clock.now());
    if (!plan.ok()) {
      state.SkipWithError(plan.error().message.c_str());
      break;
    }
    app::ReportOpening opening;
    opening.language = "en";
    opening.reporter_thread = state.range(0) == 1;
    auto submitted = app::open_reported_case(context, community, *plan, opening);
    if (!submitted.ok()) {
      state.SkipWithError(submitted.error().message.c_str());
      break;
    }
    world.keyring().forget_all();
  }
  state.SetLabel(state.range(0) == 0 ? "no thread" : "with thread (receipt, drop box)");
}
BENCHMARK(BM_OpenReportedCase)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// The parts of a reporter's thread: the receipt's Argon2id (arg 0) and the drop box, an
// X25519 key pair whose secret is sealed under the thread key (arg 1).
void BM_ReporterThreadParts(benchmark::State& state) {
  const crypto::SecretBytes thread_key = crypto::SecretBytes::random(crypto::kSecretboxKeyBytes);
  for (auto _ : state) {
    if (state.range(0) == 0) {
      benchmark::DoNotOptimize(crypto::new_receipt(crypto::kReceiptCost));
    } else {
      const crypto::BoxKeyPair keys = crypto::generate_box_keys();
      benchmark::DoNotOptimize(crypto::seal_with_key(thread_key, keys.box_secret.view(), keys.box_public));
    }
  }
  state.SetLabel(state.range(0) == 0 ? "receipt (Argon2id)" : "drop box (key pair, sealed)");
}
BENCHMARK(BM_ReporterThreadParts)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// A read refused: the case is missing (arg 0) or withheld from the reader (arg 1). Both
// look the case up, load the access view, ask the policy and write one audit entry.
void BM_RefusedRead(benchmark::State& state) {
  World world(20, 0);
  const std::string code = state.range(0) == 0 ? "amber-nothing" : world.code();
  for (auto _ : state) {
    auto refused = app::show_case(world.context(), world.outsider(), code);
    if (refused.ok() || refused.error().code != ErrorCode::NotFound) {
      state.SkipWithError("the read was not refused as not found");
      break;
    }
  }
  state.SetLabel(state.range(0) == 0 ? "missing case" : "withheld case");
}
BENCHMARK(BM_RefusedRead)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Verifying a chain of `entries` entries (recomputing every hash), without the store.
void BM_VerifyAuditChain(benchmark::State& state) {
  std::vector<crypto::AuditEntry> chain;
  std::string previous = crypto::audit_genesis_hash();
  for (std::int64_t seq = 1; seq <= state.range(0); ++seq) {
    crypto::AuditEntry entry{seq,          Timestamp{1'795'000'000 + seq}, 1, "member:2", "case.note",
                             "home shelf", crypto::digest_of_nothing(),    ""};
    entry.hash = crypto::audit_entry_hash(previous, entry);
    previous = entry.hash;
    chain.push_back(std::move(entry));
  }
  for (auto _ : state) {
    const crypto::AuditVerification verified = crypto::verify_audit_chain(chain);
    if (!verified.intact) {
      state.SkipWithError("the chain does not verify");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_VerifyAuditChain)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace conduct

BENCHMARK_MAIN();
