// The journal of a backup in progress (docs/administration.md "Backups"): a small file
// in the key directory, `<backup id>.pending`, written before anything else and removed
// last, so that a backup killed at any point is finished or undone by the next run:
// either no backup file and no key, or a whole backup whose entry is in the audit log.
//
//   writing  the key may exist and `<file>.partial` may be half-written: undo both;
//   written  `<file>.partial` (or, renamed, `<file>`) is whole, with this digest: put it
//            in place and record its audit entry when the log does not have it.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace conduct::app {

struct BackupJournal {
  std::string backup_id;
  std::string backup_file;  // absolute
  Timestamp created_at;
  bool written = false;  // the partial file is whole and synced
  std::string digest;    // BLAKE2b-256 of the whole file, once written
};

// KEYDIR/<backup_id>.pending
std::string backup_journal_path(const std::string& key_dir, const std::string& backup_id);

// Writes (or replaces) the journal, synced, through a temporary file renamed into place.
Status write_backup_journal(const std::string& key_dir, const BackupJournal& journal);
// Errors: InvalidArgument when the file is not a journal (never repeating its text).
Result<BackupJournal> read_backup_journal(const std::string& path);
void remove_backup_journal(const std::string& key_dir, const std::string& backup_id);
// The journals left in the key directory, by path, oldest name first.
std::vector<std::string> backup_journals(const std::string& key_dir);

}  // namespace conduct::app
