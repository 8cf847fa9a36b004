// Backups (part of the Store interface, store/store.h; docs/security.md
// "Crypto-shredding and backups"): a consistent snapshot of the whole database in the
// backend-neutral dump (store/backup_format.h), and a new database loaded from one, so
// a backup taken from one engine can be restored into another.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/backup_format.h"

namespace conduct::store {

// What a snapshot encoded as it was read held: its schema version and each table's rows.
struct SnapshotCounts {
  int schema_version = 0;
  std::vector<std::pair<std::string, std::uint64_t>> tables;
};

class SnapshotStore {
 public:
  virtual ~SnapshotStore() = default;

  // Every table with its rows, and the schema version, as one snapshot taken in one
  // read transaction, so a backup is taken while the server goes on writing. Sealed
  // columns are copied as the ciphertext they are: no key is needed. The header's id
  // and created-at are left for the caller to fill.
  // Errors: FailedPrecondition when the database has no schema version; Internal for a
  // read failure.
  virtual Result<BackupDump> snapshot() = 0;
  // The same snapshot, encoded into `encoder` table by table and row by row as it is
  // read (with `header`), never held whole: what a backup writes. Returns the schema
  // version and each table's row count. Errors as snapshot(), and the encoder's own.
  virtual Result<SnapshotCounts> snapshot_into(const BackupFileHeader& header, DumpEncoder& encoder) = 0;
  // Loads `dump` into this store, which must be empty: migrates it to the dump's
  // schema version, inserts every row in one transaction, then migrates it to the
  // latest version; on return the database is whole at its location (SQLite: no WAL
  // file beside it), so it can be moved. Errors: FailedPrecondition when the store is
  // not empty or the dump's schema is newer than this program; InvalidArgument when
  // the dump's tables or columns do not match its schema version, or its rows break a
  // constraint (the message names the table, never a value); Internal for a write
  // failure. On failure nothing is loaded.
  virtual Status load_snapshot(const BackupDump& dump) = 0;
};

}  // namespace conduct::store
