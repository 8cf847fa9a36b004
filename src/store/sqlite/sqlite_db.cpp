#include "store/sqlite/sqlite_db.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>
#include <utility>

namespace conduct::store::sqlite {
namespace {

// The storage problem the last failed write met, for every connection of the process
// (they share one database file): cleared by the next commit that succeeds. What
// /api/health reports as "not writable" between a failed write and a good one.
std::atomic<int> last_storage_problem{static_cast<int>(StorageProblem::None)};

// What the file system holding `database` says now: read-only, all but full, or a
// file-size limit (ulimit -f) the database or its log has reached.
StorageProblem probe_storage(const std::string& database) {
  if (database.empty()) return StorageProblem::None;
  const std::string directory = std::filesystem::path(database).parent_path().string();
  struct statvfs disk {};
  if (::statvfs(directory.empty() ? "." : directory.c_str(), &disk) == 0) {
    if (disk.f_flag & ST_RDONLY) return StorageProblem::ReadOnly;
    // Less than a megabyte left: a commit of a page or two may go, the next not.
    if (static_cast<unsigned long long>(disk.f_bavail) * disk.f_frsize < (1ull << 20)) return StorageProblem::Full;
  }
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    for (const char* suffix : {"", "-wal"}) {
      struct stat info {};
      if (::stat((database + suffix).c_str(), &info) == 0 &&
          static_cast<rlim_t>(info.st_size) + (64u << 10) > limit.rlim_cur)
        return StorageProblem::FileTooLarge;
    }
  }
  return StorageProblem::None;
}

// What a failed SQLite call says of the storage beneath: full (ENOSPC, a quota, the
// file-size limit), read-only, or nothing in particular. SQLite does not always keep
// the system's error (a short write has none), so a failed write asks the file system.
StorageProblem storage_problem_of(sqlite3* db, int code) {
  const int primary = code & 0xff;
  const int system = db ? sqlite3_system_errno(db) : 0;
  if (primary == SQLITE_READONLY) return StorageProblem::ReadOnly;
  if (primary != SQLITE_FULL && primary != SQLITE_IOERR && primary != SQLITE_CANTOPEN) return StorageProblem::None;
  if (system == ENOSPC || system == EDQUOT) return StorageProblem::Full;
  if (system == EFBIG) return StorageProblem::FileTooLarge;
  if (system == EROFS) return StorageProblem::ReadOnly;
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  const StorageProblem probed = probe_storage(file ? file : "");
  if (probed != StorageProblem::None) return probed;
  return primary == SQLITE_FULL ? StorageProblem::Full : StorageProblem::None;
}

// Maps a SQLite result code to our vocabulary. Constraint failures on UNIQUE keys are
// the caller's concern (AlreadyExists); storage that is full or read-only is
// Unavailable, named as such, and remembered for the health check; everything else is
// Internal.
Error to_error(sqlite3* db, int code, std::string_view what) {
  const int extended = db ? sqlite3_extended_errcode(db) : code;
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
    return already_exists(std::string(what) + ": a record with that key already exists");
  if (const StorageProblem problem = storage_problem_of(db, extended); problem != StorageProblem::None) {
    last_storage_problem = static_cast<int>(problem);
    return storage_error(problem);
  }
  return internal_error(std::string(what) + ": " + sqlite3_errstr(extended));
}

// The writer lock of a database file, shared by every connection of this process to it
// (by the file's canonical path); a private database (":memory:") has its own.
std::shared_ptr<std::mutex> writer_lock_for(const std::string& path) {
  if (path.empty() || path == ":memory:") return std::make_shared<std::mutex>();
  static std::mutex registry_guard;
  static std::map<std::string, std::weak_ptr<std::mutex>> registry;
  std::error_code ignored;
  const std::string key = std::filesystem::weakly_canonical(path, ignored).string();
  const std::lock_guard<std::mutex> guard(registry_guard);
  if (auto existing = registry[key].lock()) return existing;
  auto created = std::make_shared<std::mutex>();
  registry[key] = created;
  return created;
}

// While another process writes: retry after short sleeps (a commit takes well under a
// millisecond here), growing to 2 ms, for up to 5 s in all; then SQLITE_BUSY.
int wait_for_writer(void*, int attempts) {
  using std::chrono::microseconds;
  const int sleep_us = attempts < 20 ? 100 : 2000;
  const long waited_us = attempts < 20 ? attempts * 100L : 2000L + (attempts - 20) * 2000L;
  if (waited_us >= 5'000'000) return 0;
  std::this_thread::sleep_for(microseconds(sleep_us));
  return 1;
}

}  // namespace

namespace {

// The database, its WAL and its shared-memory file hold sealed records and the audit
// log: readable by the owner only, whatever the umask. SQLite creates the WAL and shm
// with the database file's mode, so a new file is made 0600 before SQLite opens it, and
// files left by an earlier run are narrowed by name. An existing file is never opened
// and closed here: closing any descriptor of a file drops every POSIX lock this process
// holds on it, the locks of the other connections included. What cannot be changed
// (read-only storage) is left to SQLite to report.
void keep_owner_only(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd >= 0) ::close(fd);  // new: no connection holds a lock on it yet
  for (const char* suffix : {"", "-wal", "-shm"}) {
    // Regular files only: a link is not followed to change what it points at.
    struct stat info {};
    const std::string file = path + suffix;
    if (::lstat(file.c_str(), &info) == 0 && S_ISREG(info.st_mode)) (void)::chmod(file.c_str(), S_IRUSR | S_IWUSR);
  }
}

}  // namespace

Result<Database> Database::open(const std::string& path) {
  keep_owner_only(path);
  sqlite3* raw = nullptr;
  const int code =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw, writer_lock_for(path));
  if (code != SQLITE_OK) {
    if (const StorageProblem problem = storage_problem_of(raw, code); problem != StorageProblem::None)
      return storage_error(problem);
    return internal_error("cannot open the database " + path + ": " + sqlite3_errstr(code));
  }
  sqlite3_busy_handler(raw, wait_for_writer, nullptr);
  TRY(
      db.execute("PRAGMA journal_mode=WAL;"
                 "PRAGMA synchronous=FULL;"
                 "PRAGMA foreign_keys=ON;"
                 "PRAGMA secure_delete=ON;"
                 // Temporary tables and sorts stay in memory: nothing SQLite spills may reach the disk.
                 "PRAGMA temp_store=MEMORY;"
                 // 16 MiB of page cache per connection (SQLite's default is 2 MiB): the indexes a
                 // request walks stay in memory at 100,000 cases; a server has a few connections.
                 "PRAGMA cache_size=-16384;"));
  return db;
}

namespace {

// Idle statements kept per connection: enough for every query the program has, and a
// bound so SQL built with a varying number of placeholders cannot grow it for ever.
constexpr std::size_t kMaxIdleStatements = 512;
constexpr std::size_t kMaxIdleCopies = 4;  // of one SQL text (nested use of one query)

}  // namespace

void StatementCache::give_back(sqlite3_stmt* statement) {
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  if (closed || idle_count >= kMaxIdleStatements) {
    sqlite3_finalize(statement);
    return;
  }
  std::vector<sqlite3_stmt*>& copies = idle[sqlite3_sql(statement)];
  if (copies.size() >= kMaxIdleCopies) {
    sqlite3_finalize(statement);
    return;
  }
  copies.push_back(statement);
  ++idle_count;
}

void StatementCache::finalise_all() {
  for (auto& [sql, copies] : idle)
    for (sqlite3_stmt* statement : copies) sqlite3_finalize(statement);
  idle.clear();
  idle_count = 0;
  closed = true;
}

void Database::close() {
  if (cache_) cache_->finalise_all();
  if (db_) sqlite3_close_v2(db_);  // waits for statements still out, if any
  db_ = nullptr;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      cache_(std::move(other.cache_)),
      writer_lock_(std::move(other.writer_lock_)) {}
Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
    writer_lock_ = std::move(other.writer_lock_);
  }
  return *this;
}
Database::~Database() { close(); }

Status Database::in_savepoint(const std::string& name, const std::function<Status()>& work) {
  const std::string undo = "ROLLBACK TO " + name + "; RELEASE " + name;
  TRY(execute("SAVEPOINT " + name));
  Status result;
  try {
    result = work();
  } catch (...) {
    (void)execute(undo);
    throw;
  }
  if (!result.ok()) {
    (void)execute(undo);
    return result;
  }
  Status released = execute("RELEASE " + name);
  if (!released.ok()) (void)execute(undo);
  return released;
}

Status Database::execute(std::string_view sql) {
  const std::string copy(sql);
  char* message = nullptr;
  const int code = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    std::string detail = message ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    if (const StorageProblem problem = storage_problem_of(db_, sqlite3_extended_errcode(db_));
        problem != StorageProblem::None) {
      last_storage_problem = static_cast<int>(problem);
      return storage_error(problem);
    }
    return internal_error("database statement failed: " + detail);
  }
  if (sql == "COMMIT") last_storage_problem = static_cast<int>(StorageProblem::None);
  return ok_status();
}

Result<Statement> Database::prepare(std::string_view sql) {
  const auto cached = cache_->idle.find(std::string(sql));
  if (cached != cache_->idle.end() && !cached->second.empty()) {
    sqlite3_stmt* statement = cached->second.back();
    cached->second.pop_back();
    --cache_->idle_count;
    return Statement(statement, db_, cache_);
  }
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (code != SQLITE_OK) return internal_error("cannot prepare a statement: " + std::string(sqlite3_errmsg(db_)));
  if (!statement) return internal_error("cannot prepare an empty statement");
  return Statement(statement, db_, cache_);
}

void Statement::release() {
  if (!statement_) return;
  if (cache_)
    cache_->give_back(statement_);
  else
    sqlite3_finalize(statement_);
  statement_ = nullptr;
}

Statement::Statement(Statement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)), db_(other.db_), cache_(std::move(other.cache_)) {}
Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    statement_ = std::exchange(other.statement_, nullptr);
    db_ = other.db_;
    cache_ = std::move(other.cache_);
  }
  return *this;
}
Statement::~Statement() { release(); }

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}

Result<bool> Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return to_error(db_, code, "database write failed");
}

Status Statement::run() {
  while (true) {
    ASSIGN_OR_RETURN(const bool row, step());
    if (!row) return ok_status();
  }
}

Result<std::int64_t> Statement::count_rows() {
  std::int64_t rows = 0;
  while (true) {
    ASSIGN_OR_RETURN(const bool row, step());
    if (!row) return rows;
    ++rows;
  }
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(statement_, column); }
std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (sqlite3_column_type(statement_, column) == SQLITE_NULL) return std::nullopt;
  return int64(column);
}
std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))) : std::string();
}
std::optional<std::string> Statement::optional_text(int column) const {
  if (sqlite3_column_type(statement_, column) == SQLITE_NULL) return std::nullopt;
  return text(column);
}
std::string Statement::blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
  return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))) : std::string();
}

int Statement::column_count() const { return sqlite3_column_count(statement_); }
std::string Statement::column_name(int column) const {
  const char* name = sqlite3_column_name(statement_, column);
  return name ? std::string(name) : std::string();
}
int Statement::column_type(int column) const { return sqlite3_column_type(statement_, column); }
double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }
Statement& Statement::bind_real(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}
void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Error storage_error(StorageProblem problem) {
  std::string message;
  switch (problem) {
    case StorageProblem::Full:
      message = "storage is full: nothing can be written until space is freed";
      break;
    case StorageProblem::FileTooLarge:
      message = "storage is full: the database file has reached the file-size limit";
      break;
    case StorageProblem::ReadOnly:
      message = "storage is read-only: nothing can be written";
      break;
    case StorageProblem::None:
      message = "storage failed";
      break;
  }
  Error error = unavailable(message);
  error.fields["retry_after"] = "60";
  return error;
}

StorageProblem storage_problem(const Database& db, const std::string& path) {
  if (sqlite3_db_readonly(db.handle(), "main") == 1) return StorageProblem::ReadOnly;
  // The file system is asked at most once a second: the health check is called often.
  static std::atomic<std::int64_t> asked_at{0};
  static std::atomic<int> file_system_problem{static_cast<int>(StorageProblem::None)};
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  if (!path.empty() && path != ":memory:" && asked_at.exchange(now) != now)
    file_system_problem = static_cast<int>(probe_storage(path));
  if (const auto found = static_cast<StorageProblem>(file_system_problem.load()); found != StorageProblem::None)
    return found;
  return static_cast<StorageProblem>(last_storage_problem.load());
}

}  // namespace conduct::store::sqlite
