// `conduct backup`, `conduct backup prune-keys` and `conduct restore` (docs/security.md
// "Crypto-shredding and backups"; docs/administration.md has the procedure). Backups
// need no member's session: they copy sealed fields as the ciphertext they are.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/backup.h"
#include "app/backup_keys.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "crypto/secret_bytes.h"

namespace conduct::cli {
namespace {

struct BackupOptions {
  std::string out;
  std::string key_dir;
};

struct PruneOptions {
  std::string key_dir;
  int horizon_days = 0;  // 0: the shortest horizon of the database's policies
  std::string before;    // an explicit cutoff instead of a horizon
};

struct RestoreOptions {
  std::string from;
  std::string key_dir;
};

std::size_t total_rows(const app::BackupSummary& summary) {
  std::size_t rows = 0;
  for (const app::TableRowCount& table : summary.tables) rows += table.rows;
  return rows;
}

nlohmann::json summary_json(const app::BackupSummary& summary) {
  nlohmann::json tables = nlohmann::json::object();
  for (const app::TableRowCount& table : summary.tables) tables[table.table] = table.rows;
  nlohmann::json out = {{"backup_id", summary.backup_id},
                        {"created_at", format_timestamp(summary.created_at)},
                        {"schema_version", summary.schema_version},
                        {"file", summary.backup_file},
                        {"key_file", summary.key_file},
                        {"size_bytes", summary.size_bytes},
                        {"rows", total_rows(summary)},
                        {"tables", tables}};
  if (!summary.digest.empty()) out["digest"] = crypto::to_hex(summary.digest);
  out["leftovers"] = summary.leftovers_removed;
  return out;
}

void print_summary(const app::BackupSummary& summary) {
  std::cout << "  Backup id:  " << summary.backup_id << "\n"
            << "  Taken at:   " << format_timestamp(summary.created_at) << " (schema version " << summary.schema_version
            << ")\n"
            << "  File:       " << summary.backup_file << " (" << summary.size_bytes << " bytes)\n"
            << (summary.digest.empty() ? std::string()
                                       : "  BLAKE2b:    " + crypto::to_hex(summary.digest) + " (in the audit log)\n")
            << "  Key:        " << summary.key_file << "\n"
            << "  Contents:   " << summary.tables.size() << " tables, " << total_rows(summary) << " rows\n";
}

int run_backup(const GlobalOptions& globals, const BackupOptions& options) {
  SystemClock clock;
  auto taken = app::take_recorded_backup(
      database_engine(),
      {database_path(globals.data_dir, globals.database_file), globals.data_dir, options.out, options.key_dir}, clock);
  if (!taken.ok()) return report_error(globals, taken.error());
  if (globals.json) {
    print_json(summary_json(*taken));
    return kExitOk;
  }
  // What an interrupted backup left, finished or undone first.
  for (const std::string& line : taken->leftovers_removed) std::cout << "Before this backup: " << line << ".\n";
  std::cout << "Backup taken.\n";
  print_summary(*taken);
  std::cout << "\nKeep the key directory apart from the backups (another disk or machine): without its key\n"
               "a backup cannot be restored, and once the key is destroyed after the backup horizon\n"
               "nobody can open it. The blind-index key and conduct.toml are not in the backup.\n";
  return kExitOk;
}

int print_pruned(const GlobalOptions& globals, const Result<app::BackupKeyDestruction>& pruned, Timestamp cutoff,
                 std::optional<int> horizon_days);

int run_prune(const GlobalOptions& globals, const PruneOptions& options) {
  if (!options.before.empty()) {
    const std::optional<Timestamp> cutoff = parse_timestamp(options.before);
    if (!cutoff) return report_error(globals, field_error("before", "must be a time like 2026-11-25T08:00:00Z"));
    return print_pruned(globals, app::destroy_backup_keys_before(options.key_dir, *cutoff), *cutoff, std::nullopt);
  }
  int horizon_days = options.horizon_days;
  if (horizon_days == 0) {
    const int found = with_session(globals, [&](Session& session) -> Status {
      ASSIGN_OR_RETURN(horizon_days, app::shortest_backup_horizon_days(session.context()));
      return ok_status();
    });
    if (found != kExitOk) return found;
  }
  SystemClock clock;
  const Timestamp cutoff = app::backup_key_cutoff(clock.now(), horizon_days);
  return print_pruned(globals, app::destroy_backup_keys_before(options.key_dir, cutoff), cutoff, horizon_days);
}

int print_pruned(const GlobalOptions& globals, const Result<app::BackupKeyDestruction>& pruned, Timestamp cutoff,
                 std::optional<int> horizon_days) {
  if (!pruned.ok()) return report_error(globals, pruned.error());
  if (globals.json) {
    nlohmann::json destroyed = nlohmann::json::array();
    for (const app::DestroyedBackupKey& key : pruned->destroyed)
      destroyed.push_back({{"backup_id", key.backup_id}, {"created_at", format_timestamp(key.created_at)}});
    print_json({{"horizon_days", horizon_days ? nlohmann::json(*horizon_days) : nullptr},
                {"cutoff", format_timestamp(cutoff)},
                {"destroyed", destroyed},
                {"unreadable", pruned->unreadable}});
    return kExitOk;
  }
  std::cout << "Destroyed " << pruned->destroyed.size() << " key(s) of backups taken before "
            << format_timestamp(cutoff);
  if (horizon_days) std::cout << " (horizon " << *horizon_days << " days)";
  std::cout << ".\n";
  for (const app::DestroyedBackupKey& key : pruned->destroyed)
    std::cout << "  " << key.backup_id << "  " << format_timestamp(key.created_at) << "\n";
  for (const std::string& name : pruned->unreadable)
    std::cout << "  left alone, not a backup key file: " << name << "\n";
  return kExitOk;
}

int run_restore(const GlobalOptions& globals, const RestoreOptions& options) {
  auto restored = app::restore_backup(
      database_engine(), {options.from, options.key_dir, database_path(globals.data_dir, globals.database_file)});
  if (!restored.ok()) return report_error(globals, restored.error());
  const bool has_index_key =
      std::getenv("CONDUCT_INDEX_KEY") || std::filesystem::exists(index_key_path(globals.data_dir));
  const bool has_config = std::filesystem::exists(std::filesystem::path(globals.data_dir) / "conduct.toml");
  if (globals.json) {
    nlohmann::json restored_json = summary_json(*restored);
    restored_json["database"] = database_path(globals.data_dir, globals.database_file);
    restored_json["index_key_present"] = has_index_key;
    restored_json["config_present"] = has_config;
    print_json(restored_json);
    return kExitOk;
  }
  for (const std::string& leftover : restored->leftovers_removed)
    std::cout << "Removed " << leftover << ", left by a restore that was interrupted.\n";
  std::cout << "Restored into " << database_path(globals.data_dir, globals.database_file) << ".\n";
  print_summary(*restored);
  if (!has_index_key)
    std::cout << "\nBring back the blind-index key: copy it to " << index_key_path(globals.data_dir)
              << " (mode 0600)\nor set CONDUCT_INDEX_KEY; the database is refused without it.\n";
  if (!has_config)
    std::cout << "\nBring back conduct.toml (the pinned root fingerprints): 'conduct serve' refuses to start "
                 "without it.\n";
  std::cout << "\nThen check the audit log against the head you saved before the backup (docs/administration.md).\n";
  return kExitOk;
}

}  // namespace

void add_backup_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  auto options = std::make_shared<BackupOptions>();
  CLI::App* backup = app.add_subcommand(
      "backup", "Take an encrypted backup of the database (online, consistent), its key kept in a key directory");
  backup->add_option("--out", options->out, "The backup file to create (required)");
  backup->add_option("--key-dir", options->key_dir,
                     "Directory for the backup's key (required; made with mode 0700); keep it apart from the backups");
  backup->require_subcommand(0, 1);
  backup->footer(
      "The backup holds every table, sealed fields as ciphertext. Its key is written to KEYDIR/<backup id>.key;\n"
      "the key directory may not be the backup's directory (or above or below it) nor inside --data.");

  auto prune_options = std::make_shared<PruneOptions>();
  CLI::App* prune = backup->add_subcommand(
      "prune-keys", "Destroy the keys of backups older than the backup horizon, so those backups open for nobody");
  prune->add_option("--key-dir", prune_options->key_dir, "The key directory")->required();
  prune->footer(
      "A backup's age is the time written in its key file. Key files are unlinked (an overwrite would not reach\n"
      "the old blocks on journaling file systems or SSDs); other files in the directory are left alone.");
  prune
      ->add_option("--horizon-days", prune_options->horizon_days,
                   "Days a backup stays readable (default: the shortest retention.backup_horizon_days of the "
                   "database's policies)")
      ->check(CLI::Range(1, 100000));
  prune
      ->add_option("--before", prune_options->before,
                   "Destroy the keys of backups taken before this time instead (2026-11-25T08:00:00Z)")
      ->excludes("--horizon-days");
  prune->callback([&globals, &action, prune_options] {
    action = [&globals, prune_options] { return run_prune(globals, *prune_options); };
  });

  backup->callback([&globals, &action, options, prune] {
    if (prune->parsed()) return;
    if (options->out.empty() || options->key_dir.empty())
      throw CLI::RequiredError(options->out.empty() ? "--out" : "--key-dir");
    action = [&globals, options] { return run_backup(globals, *options); };
  });

  auto restore_options = std::make_shared<RestoreOptions>();
  CLI::App* restore =
      app.add_subcommand("restore", "Restore a backup into a data directory without a database (--data NEWDIR)");
  restore->add_option("--from", restore_options->from, "The backup file")->required();
  restore->add_option("--key-dir", restore_options->key_dir, "The key directory holding the backup's key")->required();
  restore->footer(
      "The database is created at the backup's schema version, every row loaded as it was, then migrated to this\n"
      "release. Bring back conduct-index.key and conduct.toml yourself; they are never in a backup.");
  restore->callback([&globals, &action, restore_options] {
    action = [&globals, restore_options] { return run_restore(globals, *restore_options); };
  });
}

}  // namespace conduct::cli
