// What every command shares: the global options, and the store, clock and random
// source opened from them.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/accounts.h"
#include "app/context.h"
#include "app/server_config.h"
#include "core/result.h"
#include "crypto/blind_index.h"
#include "crypto/case_keys.h"
#include "crypto/sodium_random.h"
#include "store/store.h"

namespace conduct::cli {

struct GlobalOptions {
  std::string data_dir = ".";                // --data: where conduct.db lives
  std::string database_file = "conduct.db";  // --database: its file name there (the demo's: conduct-demo.db)
  std::string as_email;                      // --as: the member the command acts as
  std::string community;                     // --community: needed when the database has several
  bool json = false;                         // --json: print JSON instead of text
};

// The database file a data directory holds.
std::string database_path(const std::string& data_dir, const std::string& file_name = "conduct.db");
// Reads conduct.toml from the data directory (an absent file is an empty one).
Result<app::ServerConfig> read_server_config(const std::string& data_dir);
// conduct.toml of a data directory.
std::string config_path(const std::string& data_dir);
// Appends the community's root key fingerprint to the data directory's conduct.toml,
// where the server reads it back: the database alone cannot vouch for its own root key.
Status pin_root_fingerprint(const std::string& data_dir, const std::string& slug, const std::string& fingerprint);
// The index key file a data directory holds, unless CONDUCT_INDEX_KEY gives the key.
std::string index_key_path(const std::string& data_dir);

// What Session::open does with an existing database when the blind-index key is
// neither in $CONDUCT_INDEX_KEY nor in the data directory's key file.
enum class MissingIndexKey {
  // Refuse: the key was lost, and matching with another would silently find nothing.
  Refuse,
  // Make a new key file, for a database written by a release before sealed records,
  // which never had a key: allowed only while the database stores no blind index yet.
  // `conduct keys seal-plaintext --new-index-key` asks for this.
  MakeForEarlierRelease,
};

// Another connection to a session's database with a keyring of its own, sharing the
// session's clock, random source, blind-index key, pinned roots and password cost: what
// each server worker thread uses. Must not outlive the session that opened it.
class Connection {
 public:
  Connection(std::unique_ptr<crypto::CaseKeyring> keyring, std::unique_ptr<store::Store> store,
             const app::Context& like);
  app::Context& context() { return context_; }

 private:
  std::unique_ptr<crypto::CaseKeyring> keyring_;  // the store's Sealer: outlives the store
  std::unique_ptr<store::Store> store_;
  app::Context context_;
};

// The database engine the command line and the server open stores with: the embedded
// SQLite (store/sqlite). The one place above the store that names an engine.
const store::StoreOpener& database_engine();

// NotFound for a data directory without a database, saying how to make one.
Error no_database(const std::string& data_dir);

// What Session::open does when the data directory holds no database yet.
enum class AbsentDatabase {
  Refuse,  // NotFound: only `conduct init`, `conduct demo` and restore make a database
  Create,  // make it (and the data directory, and a new index key file)
};

class Session {
 public:
  // Opens (and migrates) the database; creates the data directory if needed. The
  // blind-index key comes from $CONDUCT_INDEX_KEY, else from conduct-index.key in the
  // data directory; a data directory without a database gets a new key file (mode
  // 0600). An existing database without its key is refused (FailedPrecondition:
  // matching would silently fail), unless `missing_key` says to make one for a
  // database from an earlier release; that too is refused (FailedPrecondition) when
  // the database already stores blind indexes. The key file is written before any
  // index made with it can be stored.
  // A data directory without the database is refused (NotFound, nothing is written)
  // unless `absent` says to create it.
  // `file_name` "" means options.database_file.
  static Result<std::unique_ptr<Session>> open(const GlobalOptions& options, const std::string& file_name = "",
                                               MissingIndexKey missing_key = MissingIndexKey::Refuse,
                                               AbsentDatabase absent = AbsentDatabase::Refuse);

  ~Session();
  app::Context& context() { return context_; }
  // conduct.toml of the data directory (absent: empty); its pins are applied.
  const app::ServerConfig& config() const { return config_; }
  // The signed-in member the command acts as: the session in $CONDUCT_SESSION (made
  // by `conduct signin`), or a sign-in for this one command with --as EMAIL, the
  // password and the TOTP code ($CONDUCT_PASSWORD / $CONDUCT_TOTP, or prompts).
  // Errors: InvalidArgument when neither is given or --as names someone else than
  // the session; Unauthenticated; ResourceExhausted while sign-in backs off.
  Result<app::Actor> actor();
  // The same, with the session and its token (for commands that use the member's keys).
  Result<app::Authenticated> authenticated();
  const std::string& session_token() const { return token_; }
  // Whether open() made a new blind-index key file for an existing database.
  bool made_index_key() const { return made_index_key_; }
  // A new connection to the same database (cli::Connection).
  Result<std::unique_ptr<Connection>> open_connection();

 private:
  Session(const GlobalOptions& options, std::unique_ptr<crypto::CaseKeyring> keyring,
          std::unique_ptr<crypto::BlindIndexer> indexer, std::unique_ptr<store::Store> store);

  GlobalOptions options_;
  std::string database_path_;
  std::unique_ptr<crypto::CaseKeyring> keyring_;  // the store's Sealer: outlives the store
  std::unique_ptr<crypto::BlindIndexer> indexer_;
  crypto::SodiumRandom random_;
  SystemClock clock_;
  std::unique_ptr<store::Store> store_;
  app::Context context_;
  app::ServerConfig config_;
  std::string token_;             // the session token in use
  bool sign_out_at_end_ = false;  // a one-command session is ended with the command
  bool made_index_key_ = false;
};

// Prints an error (to stderr; with --json also as JSON on stdout) and returns the
// exit code for it.
int report_error(const GlobalOptions& options, const Error& error);
// Prints a JSON document on stdout.
void print_json(const nlohmann::json& value);

}  // namespace conduct::cli
