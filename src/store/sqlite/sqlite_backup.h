// The SQLite side of backups (docs/security.md "Crypto-shredding and backups"): a consistent
// snapshot of every table into the backend-neutral dump (store/backup_format.h), and a
// new database loaded from one.
//
// The snapshot reads every table in one read transaction: in WAL mode it sees one
// committed state while the server goes on writing, so a backup is taken online. It is
// generic: every table sqlite_master lists (but SQLite's own sqlite_*) is dumped with
// the columns it has, so a table a later migration adds is backed up with no change
// here. A table with a rowid is read in rowid order, so the relative order of rows
// (which case_categories relies on) comes back; the rowid itself is not kept unless it
// is a column (INTEGER PRIMARY KEY), as in every table that is referred to.
//
// Sealed columns are copied as the ciphertext they are: neither needs any key.
#pragma once

#include "core/result.h"
#include "store/backup_format.h"
#include "store/snapshot_store.h"
#include "store/sqlite/sqlite_db.h"

namespace conduct::store::sqlite {

// Every table of `db` with its rows, and the schema version, as one snapshot. The
// header's id and created-at are left for the caller to fill.
// Errors: FailedPrecondition when the database has no schema version (not a Conduct
// database, or an empty one); Internal for a read failure.
Result<BackupDump> snapshot_database(Database& db);
// The same snapshot encoded into `encoder` as it is read (SnapshotStore::snapshot_into).
Result<SnapshotCounts> snapshot_database_into(Database& db, const BackupFileHeader& header, DumpEncoder& encoder);

// Loads `dump` into `db`, which must be empty: migrates it to the dump's schema version,
// inserts every row of every table in one transaction (foreign keys checked at its
// commit, so tables may come in any order; triggers only refuse UPDATE and DELETE),
// then migrates it to the latest version. The schema_migrations rows are the dump's own.
// Errors: FailedPrecondition when `db` is not empty or the dump's schema is newer than
// this program; InvalidArgument when the dump's tables or columns do not match its
// schema version, or its rows break a constraint (the message names the table, never a
// value); Internal for a write failure. On failure the transaction is rolled back.
Status load_dump(Database& db, const BackupDump& dump);

}  // namespace conduct::store::sqlite
