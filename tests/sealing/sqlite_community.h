// A community on a real SQLite file, for the tests that look at what sealing leaves on
// disk: the store is store::sqlite::SqliteStore on a database file of the test's own,
// the context's keyring is a real CaseKeyring, and every member added holds keys
// (enrolled through a link, certified by the chair, signed in), as in production.
//
// The store is opened either with the keyring, as `conduct serve` opens it, or with
// the pass-through sealer, for positive controls: the use cases still make, wrap and
// unlock case keys, but the store writes every field as given.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "app/communities.h"
#include "app/members.h"
#include "app/policy_file.h"
#include "crypto/blind_index.h"
#include "crypto/case_keys.h"
#include "crypto/sodium_random.h"
#include "store/sqlite/sqlite_store.h"
#include "support/key_holders.h"

namespace conduct::testing {

// A fresh directory under the system's temporary directory (mkdtemp), removed with
// everything in it when the object goes away.
class TempDirectory {
 public:
  explicit TempDirectory(const std::string& purpose) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("conduct-" + purpose + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "cannot make a directory from " << pattern;
    path_ = pattern;
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The whole content of a file, or "" when it does not exist.
inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Copies the database file and, when they exist, its WAL and shared-memory index, as
// a backup taken of a running server's data directory would.
inline void copy_database_files(const std::filesystem::path& from, const std::filesystem::path& to) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::filesystem::path source = from.string() + suffix;
    if (std::filesystem::exists(source))
      std::filesystem::copy_file(source, to.string() + suffix, std::filesystem::copy_options::overwrite_existing);
  }
}

enum class StoreSealing { CaseKeys, PassThrough };

class SqliteCommunity {
 public:
  static constexpr const char* kChairEmail = "robin@tidewater.example";

  SqliteCommunity(std::filesystem::path database, StoreSealing sealing)
      : database_(std::move(database)), sealing_(sealing), clock_(*parse_timestamp("2026-11-25T08:00:00Z")) {}

  // Opens the store, creates the community as `conduct init` does and enrols its
  // first chair, signed in.
  Status start() {
    ASSIGN_OR_RETURN(store_, store::sqlite::SqliteStore::open(database_.string(), sealer()));
    context_.emplace(context_over(*store_, keyring_));
    holders_.emplace(*context_, clock_);
    ASSIGN_OR_RETURN(const std::string policy, app::shipped_policy_source("default"));
    ASSIGN_OR_RETURN(
        const app::InitResult created,
        app::init_community(*context_, {policy,
                                        {"tidewater", "Tidewater Open Source Community", "conduct@tidewater.example"},
                                        kChairEmail,
                                        "Robin Achterberg"}));
    recovery_kit_ = created.recovery_kit;
    TRY(holders_->enrol_first_chair(created));
    chair_ = holders_->chair_session();
    return ok_status();
  }

  // Adds a member in `role`, enrols them, has the chair certify them and signs them in.
  Result<app::SignedIn> add_holder(const std::string& email, const std::string& name, const std::string& role) {
    TRY(app::add_member(*context_, chair_.actor, {email, name, role, ""}));
    TRY(holders_->enrol_certified(email));
    return holders_->sign_in(email);
  }

  // Adds a member who enrols but whom no chair certifies.
  Status add_uncertified(const std::string& email, const std::string& name, const std::string& role) {
    TRY(app::add_member(*context_, chair_.actor, {email, name, role, ""}));
    return holders_->enrol_uncertified(email);
  }

  // Another use-case context over `store` with its own keyring: the same clock, random
  // source, index key and password cost.
  app::Context context_over(store::Store& store, crypto::CaseKeyring& keyring) {
    return app::Context{store, clock_, random_, keyring, indexer_, crypto::kTestCost};
  }

  // Closes the store. SQLite's last connection checkpoints the WAL and removes it.
  void close() {
    holders_.reset();
    context_.reset();
    store_.reset();
  }

  // The sealer the store was opened with.
  crypto::Sealer& sealer() {
    if (sealing_ == StoreSealing::PassThrough) return pass_through_;
    return keyring_;
  }
  store::sqlite::SqliteStore& store() { return *store_; }
  app::Context& context() { return *context_; }
  crypto::CaseKeyring& keyring() { return keyring_; }
  KeyHolders& holders() { return *holders_; }
  const app::SignedIn& chair() const { return chair_; }
  FixedClock& clock() { return clock_; }
  const std::filesystem::path& database() const { return database_; }
  std::filesystem::path wal() const { return database_.string() + "-wal"; }
  const std::string& recovery_kit() const { return recovery_kit_; }

 private:
  std::filesystem::path database_;
  StoreSealing sealing_;
  FixedClock clock_;
  crypto::SodiumRandom random_;
  crypto::CaseKeyring keyring_;
  crypto::PassThroughSealer pass_through_;
  crypto::BlindIndexer indexer_{crypto::new_index_key()};
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::optional<app::Context> context_;
  std::optional<KeyHolders> holders_;
  app::SignedIn chair_;
  std::string recovery_kit_;
};

}  // namespace conduct::testing
