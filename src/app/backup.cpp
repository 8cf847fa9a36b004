#include "app/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/audit.h"
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

void sync_directory(const fs::path& directory) {
  if (const int dir = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
}

// Writes `bytes` to `path` through `path`.partial, synced, then renamed into place.
Status write_new_file(const std::string& path, std::string_view bytes) {
  const std::string partial = path + ".partial";
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC, S_IRUSR | S_IWUSR);
  if (fd < 0) return internal_error("cannot write " + partial);
  bool ok = true;
  while (ok && !bytes.empty()) {
    const ssize_t step = ::write(fd, bytes.data(), bytes.size());
    if (step < 0 && errno == EINTR) continue;
    if (step < 0)
      ok = false;
    else
      bytes.remove_prefix(static_cast<std::size_t>(step));
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  std::error_code error;
  if (ok) fs::rename(partial, path, error);
  if (!ok || error) {
    fs::remove(partial, error);
    return internal_error("cannot write " + path);
  }
  sync_directory(fs::path(path).parent_path());
  return ok_status();
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

}  // namespace

Result<BackupSummary> take_backup(const store::StoreOpener& open_store, const BackupRequest& request,
                                  const Clock& clock) {
  std::error_code error;
  if (!fs::is_regular_file(request.database_file, error))
    return not_found("there is no database at " + request.database_file);
  if (fs::exists(request.backup_file, error))
    return already_exists(request.backup_file + " already exists: choose another file for the backup");
  TRY(check_key_directory_apart(request));

  store::BackupDump dump;
  {
    crypto::PassThroughSealer opens_nothing;  // sealed columns are copied as they are
    ASSIGN_OR_RETURN(const std::unique_ptr<store::Store> store,
                     open_store(request.database_file, opens_nothing, store::Schema::AsStored));
    ASSIGN_OR_RETURN(dump, store->snapshot());
  }
  const std::string id_bytes = crypto::random_public_bytes(store::kBackupIdBytes);
  std::copy(id_bytes.begin(), id_bytes.end(), dump.header.id.begin());
  dump.header.created_at = clock.now();

  BackupSummary summary;
  summary.backup_id = store::backup_id_text(dump.header.id);
  summary.created_at = dump.header.created_at;
  summary.schema_version = dump.schema_version;
  summary.backup_file = request.backup_file;
  summary.key_file = backup_key_path(request.key_dir, summary.backup_id);
  summary.tables = counts_of(dump);

  const std::string header = store::encode_file_header(dump.header);
  const crypto::SecretBytes key = crypto::new_backup_key();
  const std::string sealed = header + crypto::seal_backup(key, header, store::encode_dump(dump));
  // The key first: a backup file never exists without its key.
  TRY(write_backup_key(request.key_dir, summary.backup_id, summary.created_at, key));
  const Status written = write_new_file(request.backup_file, sealed);
  if (!written.ok()) {
    remove_backup_key(request.key_dir, summary.backup_id);
    return written.error();
  }
  summary.size_bytes = sealed.size();
  crypto::CiphertextDigest digest;
  digest.add(sealed);
  summary.digest = digest.take();
  return summary;
}

Result<BackupSummary> take_recorded_backup(const store::StoreOpener& open_store, const BackupRequest& request,
                                           const Clock& clock) {
  ASSIGN_OR_RETURN(BackupSummary summary, take_backup(open_store, request, clock));
  const auto recorded = [&]() -> Status {
    crypto::PassThroughSealer opens_nothing;  // the entry opens and seals nothing
    ASSIGN_OR_RETURN(const std::unique_ptr<store::Store> store,
                     open_store(request.database_file, opens_nothing, store::Schema::Migrate));
    crypto::AuditEntry entry = audit_entry(clock, kOperatorActor, 0, audit_action::kTakeBackup);
    entry.digest = summary.digest;
    return store->in_transaction([&]() -> Status {
      auto appended = store->append_audit(entry, store::AuditDigest::Given);
      if (!appended.ok()) return appended.error();
      return ok_status();
    });
  }();
  if (!recorded.ok()) {  // a backup the log does not know of is not kept
    std::error_code ignored;
    fs::remove(request.backup_file, ignored);
    remove_backup_key(request.key_dir, summary.backup_id);
    return recorded.error();
  }
  return summary;
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
  sync_directory(directory);

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
