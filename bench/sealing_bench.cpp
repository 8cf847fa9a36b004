// What sealed records cost (docs/performance.md): sealing and opening one field, unlocking a
// case's key from a member's wrap, and the whole read of a case page with 100 timeline
// entries on a real SQLite file — find, policy, unlock, load, decrypt and its audit
// entry — plus a case list over many cases, which opens nothing. And what the audit log
// costs: a refused read of a missing case against one of a withheld case (they must
// take the same time), and verifying a chain.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "app/communities.h"
#include "app/mail_intake.h"
#include "app/mail_threads.h"
#include "app/members.h"
#include "app/policy_file.h"
#include "crypto/case_keys.h"
#include "crypto/member_keys.h"
#include "crypto/sodium_random.h"
#include "domain/code_name.h"
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
