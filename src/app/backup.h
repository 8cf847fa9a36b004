// Backups and restores (docs/security.md "Crypto-shredding and backups"): `conduct backup`
// and `conduct restore`.
//
// A backup is one consistent snapshot of every table (store/snapshot_store.h),
// encoded in the backend-neutral format (store/backup_format.h) and sealed under a key
// of its own (crypto/backup_stream.h). The key goes to a key directory kept apart from
// the backups; destroying it after the policy's backup horizon (app/backup_keys.h)
// makes the backup unreadable, so an expunged case does not outlive the horizon in any
// copy. Taking a backup needs no member's session: sealed fields are copied as the
// ciphertext they are, and the backup's own key is all that is added.
//
// What is not in a backup: the blind-index key (conduct-index.key or
// CONDUCT_INDEX_KEY) and conduct.toml, which are never in the database; the
// administrator keeps and restores them separately (docs/administration.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace conduct::app {

struct TableRowCount {
  std::string table;
  std::size_t rows = 0;
};

// What a backup holds, as taken or as restored.
struct BackupSummary {
  std::string backup_id;  // 32 hex digits; the key file is KEYDIR/<backup_id>.key
  Timestamp created_at;
  int schema_version = 0;  // of the snapshot
  std::string backup_file;
  std::string key_file;
  std::uintmax_t size_bytes = 0;  // of the backup file
  std::string digest;             // BLAKE2b-256 of the backup file (32 bytes), when taken
  std::vector<TableRowCount> tables;
  // What an interrupted run had left and this one removed (a restore's unfinished
  // database; a backup's partial file or key with no backup), by path.
  std::vector<std::string> leftovers_removed;
};

struct BackupRequest {
  std::string database_file;  // the live database (DATA/conduct.db)
  std::string data_dir;       // the directory holding it
  std::string backup_file;    // to be created
  std::string key_dir;        // where the backup's key goes
};

// Takes a backup of the database while it may be in use: writes a journal first, then
// the key, then the backup to a temporary file renamed into place, so a backup file
// never exists without its key, a failure leaves neither, and a kill leaves a journal
// from which the next run finishes or undoes it (finish_interrupted_backups).
// Errors: NotFound when there is no database; AlreadyExists when the backup file (or a
// key of the same id) exists; InvalidArgument naming "key-dir" when the key directory
// is the backup's directory, inside it or around it, or inside the data directory
// (a copy of either would carry the keys with it); FailedPrecondition when the key
// directory is open to other users or the database has no schema; Internal for I/O.
// The database is opened with `open_store` (the engine's), as stored: a backup never
// migrates what it copies.
Result<BackupSummary> take_backup(const store::StoreOpener& open_store, const BackupRequest& request,
                                  const Clock& clock);

// take_backup, then an audit entry for it ("backup.take" by the operator) whose digest
// is the backup file's BLAKE2b-256 (`b2sum -l 256` prints the same), so the log names
// the very file. The entry follows the snapshot: the backup holds the log up to just
// before it. When the entry cannot be written the backup and its key are removed: a
// backup the log does not know of is not kept. This is what `conduct backup` runs.
Result<BackupSummary> take_recorded_backup(const store::StoreOpener& open_store, const BackupRequest& request,
                                           const Clock& clock);

// Finishes or undoes the backups a kill interrupted, from their journals in the key
// directory (app/backup_journal.h): a backup written whole is put in place and its
// audit entry recorded if the log lacks it; anything else is removed with its key.
// Returns one line per journal saying what was done. take_recorded_backup runs it
// first (its lines are the summary's leftovers_removed).
Result<std::vector<std::string>> finish_interrupted_backups(const store::StoreOpener& open_store,
                                                            const std::string& database_file,
                                                            const std::string& key_dir, const Clock& clock);

struct RestoreRequest {
  std::string backup_file;
  std::string key_dir;
  std::string database_file;  // to be created (NEWDIR/conduct.db)
};

// Restores a backup into a new database: refuses one that exists, opens the backup with
// its key, creates the database at the backup's schema version, loads every row as it
// was (same ids, same bytes) and migrates it to the latest version. The work is done in
// a temporary file renamed into place at the end, so a failed restore leaves no database.
// Errors: AlreadyExists when the database exists; NotFound when the backup file does not
// exist, or "the key of backup <id> is not in KEYDIR (destroyed after the backup
// horizon, or kept elsewhere)"; InvalidArgument when the file is not a Conduct backup,
// or does not open or verify (altered, cut short, or another key); FailedPrecondition
// for a backup newer than this program; Internal for I/O.
// The new database is made with `open_store`: a backup may be restored into another
// engine than the one it was taken from.
Result<BackupSummary> restore_backup(const store::StoreOpener& open_store, const RestoreRequest& request);

// The files an interrupted restore left beside `database_file` (its ".restoring"
// database, WAL and shm), which are not a database and must not be served.
std::vector<std::string> restore_leftovers(const std::string& database_file);

// The shortest retention.backup_horizon_days among the communities' policies: a backup
// holds every community, so its key must go when the first of their horizons passes.
// Errors: NotFound when the database holds no community.
Result<int> shortest_backup_horizon_days(Context& context);

}  // namespace conduct::app
