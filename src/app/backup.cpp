#include "app/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "app/audit.h"
#include "app/backup_journal.h"
#include "app/backup_keys.h"
#include "app/communities.h"
#include "crypto/backup_stream.h"
#include "store/backup_format.h"

namespace conduct::app {
namespace {

namespace fs = std::filesystem;

// The path made absolute and free of `.`, `..` and symbolic links as far as it exists,
// for comparing where things are.
fs::path resolved(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error);
  if (error) return fs::path(path).lexically_normal();
  fs::path canonical = fs::weakly_canonical(absolute, error);
  return error ? absolute.lexically_normal() : canonical;
}

// Whether `inner` is `outer` or somewhere below it.
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto in = inner.begin();
  for (auto out = outer.begin(); out != outer.end(); ++out, ++in) {
    if (out->empty()) continue;  // a trailing separator
    if (in == inner.end() || *in != *out) return false;
  }
  return true;
}

// The key directory is kept apart: not where the backup goes (nor above or below it),
// and not in the data directory, whose copies would carry the keys with the database.
Status check_key_directory_apart(const BackupRequest& request) {
  const fs::path keys = resolved(request.key_dir);
  const fs::path backups = resolved(request.backup_file).parent_path();
  const fs::path data = resolved(request.data_dir);
  if (is_within(keys, backups) || is_within(backups, keys))
    return field_error("key-dir",
                       "the key directory must be kept apart from the backup: not its directory, nor a "
                       "directory above or below it (another disk or machine is best)");
  if (is_within(keys, data) || is_within(data, keys))
    return field_error("key-dir", "the key directory must not be in the data directory, nor contain it");
  return ok_status();
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return internal_error("cannot read " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  if (file.bad()) return internal_error("cannot read " + path);
  return bytes.str();
}

// `path`.partial, written piece by piece as the backup is read and sealed, with the
// BLAKE2b-256 of everything written; synced and closed by finish(). Removed when
// dropped unfinished.
class PartialFile {
 public:
  explicit PartialFile(const std::string& path) : partial_(path + ".partial") {
    fd_ = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
  }
  ~PartialFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!finished_) {
      std::error_code ignored;
      fs::remove(partial_, ignored);
    }
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  Status write(std::string_view bytes) {
    if (fd_ < 0) return internal_error("cannot write " + partial_);
    digest_.add(bytes);
    size_ += bytes.size();
    if (!write_all(fd_, bytes).ok()) return internal_error("cannot write " + partial_ + ": " + std::strerror(errno));
    return ok_status();
  }
  Status finish() {
    const bool synced = fd_ >= 0 && ::fsync(fd_) == 0;
    const bool closed = fd_ >= 0 && ::close(fd_) == 0;
    fd_ = -1;
    if (!synced || !closed) return internal_error("cannot write " + partial_);
    finished_ = true;
    return ok_status();
  }
  std::string digest() { return digest_.take(); }
  std::uintmax_t size() const { return size_; }

 private:
  std::string partial_;
  int fd_ = -1;
  bool finished_ = false;
  crypto::CiphertextDigest digest_;
  std::uintmax_t size_ = 0;
};

// Renames `path`.partial into place and syncs the directory.
Status put_in_place(const std::string& path) {
  std::error_code error;
  fs::rename(path + ".partial", path, error);
  if (error) return internal_error("cannot move the backup to " + path);
  sync_directory(fs::path(path).parent_path().string());
  return ok_status();
}

// BLAKE2b-256 of a file's bytes, read a chunk at a time; empty when it cannot be read.
std::string digest_of_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return {};
  crypto::CiphertextDigest digest;
  std::string chunk(64 * 1024, '\0');
  while (file.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || file.gcount() > 0)
    digest.add(std::string_view(chunk.data(), static_cast<std::size_t>(file.gcount())));
  return file.bad() ? std::string() : digest.take();
}

std::vector<TableRowCount> counts_of(const store::BackupDump& dump) {
  std::vector<TableRowCount> counts;
  for (const store::BackupTable& table : dump.tables) counts.push_back({table.name, table.rows.size()});
  return counts;
}

// The temporary database of a restore and SQLite's files beside it.
void remove_database_files(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
}

// Loads the dump into a fresh database at `temporary`, left whole there (the store is
// closed before it returns).
Status load_into(const store::StoreOpener& open_store, const std::string& temporary, const store::BackupDump& dump) {
  crypto::PassThroughSealer opens_nothing;  // rows are loaded as the bytes they are
  ASSIGN_OR_RETURN(const std::unique_ptr<store::Store> store,
                   open_store(temporary, opens_nothing, store::Schema::AsStored));
  return store->load_snapshot(dump);
}

// Appends the audit entry of a backup ("backup.take" by the operator, the file's digest).
Status record_backup(const store::StoreOpener& open_store, const std::string& database_file, const std::string& digest,
                     const Clock& clock) {
  crypto::PassThroughSealer opens_nothing;  // the entry opens and seals nothing
  ASSIGN_OR_RETURN(const std::unique_ptr<store::Store> store,
                   open_store(database_file, opens_nothing, store::Schema::Migrate));
  crypto::AuditEntry entry = audit_entry(clock, kOperatorActor, 0, audit_action::kTakeBackup);
  entry.digest = digest;
  return store->in_transaction([&]() -> Status {
    auto appended = store->append_audit(entry, store::AuditDigest::Given);
    if (!appended.ok()) return appended.error();
    return ok_status();
  });
}

// Whether the log holds the entry of the backup with this digest (the operator's
// entries without a case, newest first: backups are few among them).
Result<bool> backup_recorded(const store::StoreOpener& open_store, const std::string& database_file,
                             const std::string& digest) {
  crypto::PassThroughSealer opens_nothing;
  ASSIGN_OR_RETURN(const std::unique_ptr<store::Store> store,
                   open_store(database_file, opens_nothing, store::Schema::Migrate));
  store::AuditFilter filter;
  filter.community_id = 0;
  filter.case_code = "";
  filter.limit = 500;
  while (true) {
    ASSIGN_OR_RETURN(const std::vector<crypto::AuditEntry> page, store->audit_entries(filter));
    for (const crypto::AuditEntry& entry : page)
      if (entry.action == audit_action::kTakeBackup && entry.digest == digest) return true;
    if (page.size() < filter.limit) return false;
    filter.before_seq = page.back().seq;
  }
}

// take_backup, leaving its journal for the caller to remove once the backup is recorded.
Result<BackupSummary> write_backup(const store::StoreOpener& open_store, const BackupRequest& request,
                                   const Clock& clock) {
  std::error_code error;
  if (!fs::is_regular_file(request.database_file, error))
    return not_found("there is no database at " + request.database_file);
  if (fs::exists(request.backup_file, error))
    return already_exists(request.backup_file + " already exists: choose another file for the backup");
  TRY(check_key_directory_apart(request));

  store::BackupFileHeader header_fields;
  const std::string id_bytes = crypto::random_public_bytes(store::kBackupIdBytes);
  std::copy(id_bytes.begin(), id_bytes.end(), header_fields.id.begin());
  header_fields.created_at = clock.now();

  BackupSummary summary;
  summary.backup_id = store::backup_id_text(header_fields.id);
  summary.created_at = header_fields.created_at;
  summary.backup_file = request.backup_file;
  summary.key_file = backup_key_path(request.key_dir, summary.backup_id);

  // The journal first, then the key, then the file: whatever point a kill stops at, the
  // next run finds the journal and finishes or undoes the backup (finish_interrupted_backups).
  BackupJournal journal{summary.backup_id, resolved(request.backup_file).string(), summary.created_at, false, ""};
  TRY(prepare_key_directory(request.key_dir));  // 0700, before the journal goes in
  TRY(write_backup_journal(request.key_dir, journal));
  const auto undo = [&](const Error& error) -> Error {
    std::error_code ignored;
    fs::remove(request.backup_file + ".partial", ignored);
    fs::remove(request.backup_file, ignored);
    remove_backup_key(request.key_dir, summary.backup_id);
    remove_backup_journal(request.key_dir, summary.backup_id);
    return error;
  };
  const crypto::SecretBytes key = crypto::new_backup_key();
  if (Status keyed = write_backup_key(request.key_dir, summary.backup_id, summary.created_at, key); !keyed.ok())
    return undo(keyed.error());

  // The backup streams: each row is encoded as it is read, sealed a chunk at a time and
  // written, so memory holds a chunk, not the database.
  const auto written = [&]() -> Status {
    PartialFile file(request.backup_file);
    const std::string header = store::encode_file_header(header_fields);
    TRY(file.write(header));
    crypto::BackupSealer sealer(key, header);
    TRY(file.write(sealer.stream_header()));
    store::DumpEncoder encoder([&](std::string_view bytes) { return file.write(sealer.push(bytes)); });
    crypto::PassThroughSealer opens_nothing;  // sealed columns are copied as they are
    ASSIGN_OR_RETURN(const std::unique_ptr<store::Store> store,
                     open_store(request.database_file, opens_nothing, store::Schema::AsStored));
    ASSIGN_OR_RETURN(const store::SnapshotCounts counts, store->snapshot_into(header_fields, encoder));
    TRY(file.write(sealer.finish()));
    TRY(file.finish());
    summary.schema_version = counts.schema_version;
    for (const auto& [table, rows] : counts.tables) summary.tables.push_back({table, static_cast<std::size_t>(rows)});
    summary.size_bytes = file.size();
    summary.digest = file.digest();
    return ok_status();
  }();
  if (!written.ok()) return undo(written.error());
  journal.written = true;
  journal.digest = summary.digest;
  if (Status noted = write_backup_journal(request.key_dir, journal); !noted.ok()) return undo(noted.error());
  if (Status placed = put_in_place(request.backup_file); !placed.ok()) return undo(placed.error());
  return summary;
}

}  // namespace

Result<BackupSummary> take_backup(const store::StoreOpener& open_store, const BackupRequest& request,
                                  const Clock& clock) {
  ASSIGN_OR_RETURN(BackupSummary summary, write_backup(open_store, request, clock));
  remove_backup_journal(request.key_dir, summary.backup_id);
  return summary;
}

Result<BackupSummary> take_recorded_backup(const store::StoreOpener& open_store, const BackupRequest& request,
                                           const Clock& clock) {
  std::vector<std::string> finished;
  if (fs::is_directory(request.key_dir)) {
    ASSIGN_OR_RETURN(finished, finish_interrupted_backups(open_store, request.database_file, request.key_dir, clock));
  }
  ASSIGN_OR_RETURN(BackupSummary summary, write_backup(open_store, request, clock));
  summary.leftovers_removed = std::move(finished);
  const Status recorded = record_backup(open_store, request.database_file, summary.digest, clock);
  if (!recorded.ok()) {  // a backup the log does not know of is not kept
    std::error_code ignored;
    fs::remove(request.backup_file, ignored);
    remove_backup_key(request.key_dir, summary.backup_id);
    remove_backup_journal(request.key_dir, summary.backup_id);
    return recorded.error();
  }
  remove_backup_journal(request.key_dir, summary.backup_id);
  return summary;
}

Result<std::vector<std::string>> finish_interrupted_backups(const store::StoreOpener& open_store,
                                                            const std::string& database_file,
                                                            const std::string& key_dir, const Clock& clock) {
  std::vector<std::string> done;
  for (const std::string& path : backup_journals(key_dir)) {
    auto journal = read_backup_journal(path);
    if (!journal.ok()) {
      done.push_back(path + " is not a backup journal: left alone");
      continue;
    }
    const std::string& file = journal->backup_file;
    const std::string partial = file + ".partial";
    std::error_code ignored;
    // Written whole: put in place if the kill came before the rename, then make sure the
    // log knows it. A file whose digest is not the journal's is not this backup.
    if (journal->written) {
      if (!fs::exists(file, ignored) && digest_of_file(partial) == journal->digest) TRY(put_in_place(file));
      if (digest_of_file(file) == journal->digest) {
        ASSIGN_OR_RETURN(const bool known, backup_recorded(open_store, database_file, journal->digest));
        if (!known) TRY(record_backup(open_store, database_file, journal->digest, clock));
        remove_backup_journal(key_dir, journal->backup_id);
        done.push_back("finished backup " + journal->backup_id + " (" + file + ")" +
                       (known ? "" : ", interrupted before the audit log knew it: recorded now"));
        continue;
      }
    }
    // Never written whole (or a file of another name's making stands where it would
    // have gone, which is left alone): neither the partial file nor the key is kept.
    fs::remove(partial, ignored);
    remove_backup_key(key_dir, journal->backup_id);
    remove_backup_journal(key_dir, journal->backup_id);
    done.push_back("removed what backup " + journal->backup_id + " left when it was interrupted (" + file +
                   ".partial and its key)");
  }
  return done;
}

Result<BackupSummary> restore_backup(const store::StoreOpener& open_store, const RestoreRequest& request) {
  std::error_code error;
  for (const char* suffix : {"", "-wal"})
    if (fs::exists(request.database_file + suffix, error))
      return already_exists(request.database_file +
                            " already exists: a backup is restored into a directory without a database");
  if (!fs::is_regular_file(request.backup_file, error))
    return not_found("there is no backup file " + request.backup_file);

  ASSIGN_OR_RETURN(const std::string bytes, read_file(request.backup_file));
  ASSIGN_OR_RETURN(const store::BackupFileHeader file_header, store::decode_file_header(bytes));
  const std::string backup_id = store::backup_id_text(file_header.id);
  ASSIGN_OR_RETURN(const crypto::SecretBytes key, read_backup_key(request.key_dir, backup_id));
  const std::string_view header = std::string_view(bytes).substr(0, store::kBackupFileHeaderBytes);
  auto opened = crypto::open_backup(key, header, std::string_view(bytes).substr(store::kBackupFileHeaderBytes));
  if (!opened.ok())
    return invalid_argument("backup " + backup_id +
                            " does not open: the file was altered or cut short, or the key in " + request.key_dir +
                            " is not its own");
  auto dump = store::decode_dump(*opened);
  if (!dump.ok()) return invalid_argument("backup " + backup_id + ": " + dump.error().message);
  if (dump->header != file_header)
    return invalid_argument("backup " + backup_id + ": the sealed content names another backup");

  const fs::path directory = fs::path(request.database_file).parent_path();
  if (!directory.empty() && !fs::exists(directory, error)) {
    fs::create_directories(directory, error);
    if (!error) fs::permissions(directory, fs::perms::owner_all, fs::perm_options::replace, error);
    if (error) return internal_error("cannot create the directory " + directory.string() + ": " + error.message());
  }
  const std::string temporary = request.database_file + ".restoring";
  const std::vector<std::string> leftovers = restore_leftovers(request.database_file);
  remove_database_files(temporary);  // what an interrupted restore left
  const Status loaded = load_into(open_store, temporary, *dump);
  if (loaded.ok()) fs::rename(temporary, request.database_file, error);
  if (!loaded.ok() || error) {
    remove_database_files(temporary);
    if (!loaded.ok()) return loaded.error();
    return internal_error("cannot move the restored database to " + request.database_file);
  }
  sync_directory(directory.string());

  BackupSummary summary;
  summary.backup_id = backup_id;
  summary.created_at = file_header.created_at;
  summary.schema_version = dump->schema_version;
  summary.backup_file = request.backup_file;
  summary.key_file = backup_key_path(request.key_dir, backup_id);
  summary.size_bytes = bytes.size();
  summary.tables = counts_of(*dump);
  summary.leftovers_removed = leftovers;
  return summary;
}

std::vector<std::string> restore_leftovers(const std::string& database_file) {
  std::vector<std::string> found;
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string file = database_file + ".restoring" + suffix;
    if (fs::exists(file, ignored)) found.push_back(file);
  }
  return found;
}

Result<int> shortest_backup_horizon_days(Context& context) {
  ASSIGN_OR_RETURN(const std::vector<store::CommunityRow> rows, context.store.list_communities());
  if (rows.empty()) return not_found("the database holds no community, so no policy names a backup horizon");
  int shortest = 0;
  for (const store::CommunityRow& row : rows) {
    ASSIGN_OR_RETURN(const domain::Community community, load_community(context, row.community.slug));
    const int days = community.policy.retention.backup_horizon_days;
    if (shortest == 0 || days < shortest) shortest = days;
  }
  return shortest;
}

}  // namespace conduct::app
