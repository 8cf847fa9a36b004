// The key directory of backups (docs/security.md "Crypto-shredding and backups"): each backup's
// key is a small file KEYDIR/<backup id>.key, kept apart from the backups (another
// disk, another machine) and never in the database. Destroying a key file is what makes
// a backup unreadable once it is older than the policy's backup horizon.
//
// A key file is four lines of text, readable by its owner only (mode 0600, in a
// directory of mode 0700):
//
//   conduct backup key 1
//   id 0f3c…(32 hex digits, the backup's id and the file's name)
//   created 2026-11-25T08:00:00Z
//   key <43 characters of base64url: the 32-byte key>
//
// The creation time is read from the file, never from its modification time, so
// copying a key directory does not change which keys the horizon destroys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "crypto/secret_bytes.h"

namespace conduct::app {

// What the backup files (keys, journals, backups) share for writing durably: the key
// directory made 0700 (or checked no wider when it exists), a write that goes on after
// a short write or EINTR, and an fsync of a directory after a rename or unlink in it.
Status prepare_key_directory(const std::string& key_dir);
Status write_all(int fd, std::string_view bytes);
void sync_directory(const std::string& directory);

// KEYDIR/<backup_id>.key
std::string backup_key_path(const std::string& key_dir, const std::string& backup_id);

// Writes a new key file (mode 0600), making the directory (mode 0700) when it does not
// exist. Errors: FailedPrecondition when the directory exists and others may read or
// enter it (it must be 0700 or stricter); AlreadyExists when the key file exists;
// Internal when it cannot be written (nothing is left behind).
Status write_backup_key(const std::string& key_dir, const std::string& backup_id, Timestamp created_at,
                        const crypto::SecretBytes& key);

// The key of a backup. Errors: NotFound "the key of backup <id> is not in KEYDIR
// (destroyed after the backup horizon, or kept elsewhere)"; InvalidArgument when the
// file is not a key file of this backup (the message never repeats the file's text).
Result<crypto::SecretBytes> read_backup_key(const std::string& key_dir, const std::string& backup_id);

// Removes a key file (write_backup_key's undo when the backup itself fails).
void remove_backup_key(const std::string& key_dir, const std::string& backup_id);

struct DestroyedBackupKey {
  std::string backup_id;
  Timestamp created_at;  // of the backup, as its key file says
};

struct BackupKeyDestruction {
  std::vector<DestroyedBackupKey> destroyed;  // by creation time, oldest first
  // Files named *.key that are not key files (or not of the backup they are named
  // after): left alone, named here so an administrator can look at them.
  std::vector<std::string> unreadable;
};

// Destroys (unlinks) every key file of a backup created strictly before `cutoff`; the
// backups themselves, wherever they are, can no longer be opened. The files are
// unlinked, not overwritten first: on journaling and copy-on-write file systems and on
// SSDs an overwrite does not reach the old blocks anyway; the key directory belongs on
// a medium whose freed blocks are not readable by others (an encrypted volume).
// Errors: NotFound when the directory does not exist; Internal when a file cannot be
// removed (those removed before it stay removed and the error says how many).
Result<BackupKeyDestruction> destroy_backup_keys_before(const std::string& key_dir, Timestamp cutoff);

// The cutoff for a horizon of `horizon_days` days: `now` minus that many days. Keys of
// backups taken before it are the ones the retention job destroys.
Timestamp backup_key_cutoff(Timestamp now, int horizon_days);

}  // namespace conduct::app
