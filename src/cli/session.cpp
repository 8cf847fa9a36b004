#include "cli/session.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "app/backup.h"
#include "app/communities.h"
#include "app/keys.h"
#include "app/server_config.h"
#include "cli/exit_codes.h"
#include "cli/prompt.h"
#include "core/text.h"
#include "json/views.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::cli {

std::string database_path(const std::string& data_dir, const std::string& file_name) {
  return (std::filesystem::path(data_dir) / file_name).string();
}

std::string index_key_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "conduct-index.key").string();
}

namespace {

// The blind-index key from the environment, else from the data directory's key file;
// none when neither has it.
Result<std::optional<crypto::SecretBytes>> read_index_key(const std::string& data_dir) {
  if (const char* from_environment = std::getenv("CONDUCT_INDEX_KEY"); from_environment && *from_environment) {
    auto key = crypto::parse_index_key(from_environment);
    if (!key.ok()) return field_error("CONDUCT_INDEX_KEY", key.error().message);
    return std::optional<crypto::SecretBytes>(std::move(key).value());
  }
  const std::string path = index_key_path(data_dir);
  std::error_code missing;
  const auto status = std::filesystem::status(path, missing);
  if (status.type() == std::filesystem::file_type::not_found) return std::optional<crypto::SecretBytes>();
  // The key opens every blind index: a file that cannot be read is reported as such,
  // not as a bad key, and a key file others may read is refused.
  if (status.type() == std::filesystem::file_type::directory)
    return failed_precondition("cannot read " + path + ": it is a directory");
  std::ifstream file(path);
  if (!file) return failed_precondition("cannot read " + path + ": " + std::strerror(errno));
  using std::filesystem::perms;
  if ((status.permissions() & (perms::group_all | perms::others_all)) != perms::none)
    return failed_precondition(path + " may be read by others than its owner: make it the owner's alone with " +
                               "'chmod 600 " + path + "'");
  std::ostringstream text;
  text << file.rdbuf();
  auto key = crypto::parse_index_key(text.str());
  if (!key.ok()) return field_error("index_key", path + ": " + key.error().message);
  return std::optional<crypto::SecretBytes>(std::move(key).value());
}

// Writes a new key file, readable by its owner only.
Status write_index_key(const std::string& data_dir, const crypto::SecretBytes& key) {
  const std::string path = index_key_path(data_dir);
  std::ofstream file(path, std::ios::trunc);
  if (!file) return internal_error("cannot write " + path);
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace);
  file << crypto::format_index_key(key) << "\n";
  if (!file) return internal_error("cannot write " + path);
  return ok_status();
}

Error index_key_missing(const std::string& data_dir) {
  return failed_precondition("the blind-index key is missing: restore " + index_key_path(data_dir) +
                             " from where you keep it, or set CONDUCT_INDEX_KEY (docs/security.md); a database "
                             "from a release before sealed records never had one: make it with 'conduct keys "
                             "seal-plaintext --new-index-key --as CHAIR'");
}

// A new key is made for an existing database only when no blind index is stored in it:
// indexes made with a lost key would never match what a new key makes.
Status require_no_blind_indexes(store::Store& store, const std::string& data_dir) {
  ASSIGN_OR_RETURN(const std::vector<store::CommunityRow> communities, store.list_communities());
  for (const store::CommunityRow& community : communities) {
    ASSIGN_OR_RETURN(const std::vector<store::PartyIndexRow> parties, store.list_party_indexes(community.community.id));
    for (const store::PartyIndexRow& party : parties) {
      if (party.indexes.contact.empty() && party.indexes.name.empty() && party.indexes.employer.empty()) continue;
      return failed_precondition(
          "the database holds blind indexes made with its own key, so a new one is not "
          "made: restore " +
          index_key_path(data_dir) + " from where you keep it, or set CONDUCT_INDEX_KEY (docs/security.md)");
    }
  }
  return ok_status();
}

}  // namespace

std::string config_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "conduct.toml").string();
}

// Appends the community's root key fingerprint to the server configuration, where the
// server reads it back: the database alone cannot vouch for its own root key.
Status pin_root_fingerprint(const std::string& data_dir, const std::string& slug, const std::string& fingerprint) {
  const std::string path = config_path(data_dir);
  const bool fresh = !std::filesystem::exists(path);
  std::ofstream file(path, std::ios::app);
  if (!file) return internal_error("cannot write " + path);
  if (fresh)
    file << "# Conduct server configuration. Every key is documented in docs/configuration.md.\n"
            "# Root key fingerprints written by 'conduct init': keys that do not chain to them are refused.\n";
  file << "\n[communities." << slug << "]\nroot_fingerprint = \"" << fingerprint << "\"\n";
  return file ? ok_status() : internal_error("cannot write " + path);
}

Session::Session(const GlobalOptions& options, std::unique_ptr<crypto::CaseKeyring> keyring,
                 std::unique_ptr<crypto::BlindIndexer> indexer, std::unique_ptr<store::Store> store)
    : options_(options),
      keyring_(std::move(keyring)),
      indexer_(std::move(indexer)),
      store_(std::move(store)),
      context_{*store_, clock_, random_, *keyring_, *indexer_} {}

Result<std::unique_ptr<Session>> Session::open(const GlobalOptions& options, const std::string& requested_file,
                                               MissingIndexKey missing_key, AbsentDatabase absent) {
  const std::string& file_name = requested_file.empty() ? options.database_file : requested_file;
  if (file_name.empty() || file_name.find('/') != std::string::npos)
    return field_error("database", "must be a file name inside the --data directory, without a '/'");
  // A restore that was interrupted left an unfinished database beside where the real one
  // goes: it is not served, and the message says what to do with it.
  const std::vector<std::string> leftovers = app::restore_leftovers(database_path(options.data_dir, file_name));
  if (!leftovers.empty())
    return failed_precondition(leftovers.front() +
                               " is what a restore that was interrupted left: run the restore again (it removes "
                               "it first), or delete " +
                               database_path(options.data_dir, file_name) + ".restoring* yourself");
  if (absent == AbsentDatabase::Refuse && !std::filesystem::exists(database_path(options.data_dir, file_name)))
    return no_database(options.data_dir);
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) return field_error("data", "cannot create the directory " + options.data_dir + ": " + error.message());
  const std::string path = database_path(options.data_dir, file_name);
  const bool new_database = !std::filesystem::exists(path);
  ASSIGN_OR_RETURN(std::optional<crypto::SecretBytes> index_key, read_index_key(options.data_dir));
  bool made_index_key = false;
  if (!index_key) {
    if (!new_database && missing_key == MissingIndexKey::Refuse) return index_key_missing(options.data_dir);
    index_key = crypto::new_index_key();
    made_index_key = true;
    if (new_database) TRY(write_index_key(options.data_dir, *index_key));
  }
  auto keyring = std::make_unique<crypto::CaseKeyring>();
  ASSIGN_OR_RETURN(auto store, database_engine()(path, *keyring, store::Schema::Migrate));
  if (made_index_key && !new_database) {
    TRY(require_no_blind_indexes(*store, options.data_dir));
    TRY(write_index_key(options.data_dir, *index_key));
  }
  auto indexer = std::make_unique<crypto::BlindIndexer>(std::move(*index_key));
  auto session =
      std::unique_ptr<Session>(new Session(options, std::move(keyring), std::move(indexer), std::move(store)));
  TRY(app::check_index_key(session->context_, made_index_key));
  session->made_index_key_ = made_index_key && !new_database;
  session->database_path_ = path;
  ASSIGN_OR_RETURN(session->config_, read_server_config(options.data_dir));
  TRY(app::apply_pinned_roots(session->context_, session->config_));
  return session;
}

const store::StoreOpener& database_engine() {
  static const store::StoreOpener sqlite = store::sqlite::open_store;
  return sqlite;
}

Error no_database(const std::string& data_dir) {
  return not_found("there is no database in " + data_dir +
                   ": create one with 'conduct init', restore one with 'conduct restore', or give its directory "
                   "with --data");
}

Connection::Connection(std::unique_ptr<crypto::CaseKeyring> keyring, std::unique_ptr<store::Store> store,
                       const app::Context& like)
    : keyring_(std::move(keyring)), store_(std::move(store)), context_{*store_,           like.clock,
                                                                       like.random,       *keyring_,
                                                                       like.indexer,      like.password_cost,
                                                                       like.receipt_cost, like.pinned_roots} {
  context_.search_budget_cases = like.search_budget_cases;
  context_.receipt_cost = like.receipt_cost;
}

Result<std::unique_ptr<Connection>> Session::open_connection() {
  auto keyring = std::make_unique<crypto::CaseKeyring>();
  ASSIGN_OR_RETURN(auto store, database_engine()(database_path_, *keyring, store::Schema::Migrate));
  return std::make_unique<Connection>(std::move(keyring), std::move(store), context_);
}

Result<app::ServerConfig> read_server_config(const std::string& data_dir) {
  const std::filesystem::path path = config_path(data_dir);
  std::string text;
  if (std::filesystem::exists(path)) {
    std::ifstream file(path);
    std::ostringstream contents;
    contents << file.rdbuf();
    text = contents.str();
  }
  ASSIGN_OR_RETURN(app::ServerConfig config, app::parse_server_config(text));
  // Mail servers' passwords may stay out of the file.
  if (const char* password = std::getenv("CONDUCT_SMTP_PASSWORD"); password && *password)
    config.smtp.password = password;
  if (const char* password = std::getenv("CONDUCT_IMAP_PASSWORD"); password && *password)
    config.imap.password = password;
  return config;
}

Session::~Session() {
  if (sign_out_at_end_) (void)app::sign_out(context_, token_);
}

Result<app::Authenticated> Session::authenticated() {
  std::optional<std::string> community;
  if (!options_.community.empty()) community = options_.community;
  if (token_.empty()) {
    if (const char* session = std::getenv("CONDUCT_SESSION"); session && *session) {
      token_ = session;
    } else {
      if (options_.as_email.empty())
        return field_error("as",
                           "is required: name the member this command acts as (--as EMAIL), "
                           "or sign in first with 'conduct signin'");
      ASSIGN_OR_RETURN(const std::string password,
                       read_secret("CONDUCT_PASSWORD", "Password for " + options_.as_email + ": ", "password"));
      ASSIGN_OR_RETURN(const std::string code,
                       read_secret("CONDUCT_TOTP", "Code from your authenticator: ", "code", false));
      ASSIGN_OR_RETURN(const app::SignedIn signed_in,
                       app::sign_in(context_, {community, options_.as_email, password, code, "cli"}));
      token_ = signed_in.token;
      sign_out_at_end_ = true;
    }
  }
  ASSIGN_OR_RETURN(app::Authenticated authenticated, app::authenticate(context_, token_));
  if (!options_.as_email.empty() && to_lower_ascii(trim(options_.as_email)) != authenticated.actor.member.email)
    return field_error("as", "names a different member than the session in CONDUCT_SESSION");
  return authenticated;
}

Result<app::Actor> Session::actor() {
  ASSIGN_OR_RETURN(app::Authenticated authenticated, this->authenticated());
  return authenticated.actor;
}

namespace {

// The command-line option for a field an error names: fields use the JSON API's names
// (occurred_on, categories); options use dashes and, for lists, the singular, and a few
// take a shorter name (--party for reported_party). Dotted or indexed names (a policy
// key, parties[2].role, answers.covered-space) are shown as they are.
std::string option_for(const std::string& field) {
  if (field.find_first_of(".[") != std::string::npos) return field;
  static const std::map<std::string, std::string> kOptionNames = {{"categories", "category"},
                                                                  {"handles", "handle"},
                                                                  {"rules", "rule"},
                                                                  {"reported_party", "party"},
                                                                  {"ongoing_or_threat", "ongoing"}};
  const auto plural = kOptionNames.find(field);
  std::string option = plural != kOptionNames.end() ? plural->second : field;
  for (char& c : option)
    if (c == '_') c = '-';
  return "--" + option;
}

}  // namespace

int report_error(const GlobalOptions& options, const Error& error) {
  // "retry_after" is when to try again (a back-off, storage that is full), not an
  // option: the message says it.
  std::map<std::string, std::string> fields = error.fields;
  fields.erase("retry_after");
  // Several field problems read better one per line, each naming its option.
  if (fields.size() > 1) {
    std::cerr << "conduct: " << error.message.substr(0, error.message.find(':')) << ":\n";
    for (const auto& [field, problem] : fields) std::cerr << "  " << option_for(field) << " " << problem << "\n";
  } else if (fields.size() == 1) {
    const auto& [field, problem] = *fields.begin();
    std::cerr << "conduct: " << option_for(field) << " " << problem << "\n";
  } else {
    std::cerr << "conduct: " << error.message << "\n";
  }
  if (options.json) print_json(json::error_json(error));
  return exit_code_of(error.code);
}

void print_json(const nlohmann::json& value) { std::cout << value.dump(2) << "\n"; }

}  // namespace conduct::cli
