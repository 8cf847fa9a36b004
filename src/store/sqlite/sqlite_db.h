// A thin RAII wrapper over the SQLite C API: a connection and prepared statements with
// typed binding and reading. Errors come back as Result values; SQLite's own messages
// are kept out of user-facing errors when they could echo data.
//
// Statements are prepared once per connection: prepare() hands out a cached statement
// for SQL it has seen before, and a Statement going out of scope is reset and returned
// to the cache instead of finalised (compiling SQL costs more than most of the queries
// a request runs). A statement still in use is never handed out twice: SQL prepared
// again while an earlier copy is stepping gets a statement of its own.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace conduct::store::sqlite {

class Statement;

// What is wrong with the storage beneath the database, if anything.
enum class StorageProblem { None, Full, FileTooLarge, ReadOnly };

// The idle prepared statements of one connection, by SQL text. Shared by the Database
// and the Statements it handed out, so a statement finished after its connection was
// moved or closed still finds where to go (or is finalised).
struct StatementCache {
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle;
  std::size_t idle_count = 0;
  bool closed = false;
  // Takes back a finished statement, or finalises it when the cache is closed or full.
  void give_back(sqlite3_stmt* statement);
  void finalise_all();
};

class Database {
 public:
  // Opens (creating if needed) the database file at `path` with the settings the
  // store relies on: WAL, synchronous=FULL, foreign keys, secure_delete, a busy timeout.
  static Result<Database> open(const std::string& path);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements that return no rows.
  Status execute(std::string_view sql);
  // Runs `work` inside the savepoint `name`: released when it returns OK, rolled back
  // to (and released) when it fails or throws. All or nothing by itself, and nested
  // inside any transaction already open.
  Status in_savepoint(const std::string& name, const std::function<Status()>& work);
  // A statement for `sql`, from the connection's cache when one is idle.
  Result<Statement> prepare(std::string_view sql);
  sqlite3* handle() const { return db_; }

  // One writer at a time: every connection this process opens to the same file shares
  // this lock, and a write transaction holds it from BEGIN to COMMIT, so writers of one
  // process queue here instead of polling SQLite's lock. (Writers in other processes,
  // such as `conduct backup`, meet the busy handler: short sleeps for up to 5 s.)
  std::mutex& writer_lock() const { return *writer_lock_; }

 private:
  Database(sqlite3* db, std::shared_ptr<std::mutex> writer_lock)
      : db_(db), cache_(std::make_shared<StatementCache>()), writer_lock_(std::move(writer_lock)) {}
  void close();
  sqlite3* db_ = nullptr;
  std::shared_ptr<StatementCache> cache_;
  std::shared_ptr<std::mutex> writer_lock_;
};

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binding is 1-based, as in SQL.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances to the next row: true when a row is ready, false when done.
  Result<bool> step();
  // Runs a statement that returns no rows (or ignores them).
  Status run();
  // Runs a statement to its end and counts the rows it returns (a DELETE … RETURNING 1:
  // how many it deleted).
  Result<std::int64_t> count_rows();

  std::int64_t int64(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::string blob(int column) const;

  // For reading rows of any table (the backup snapshot): the shape of the result and
  // each value's storage class (SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT,
  // SQLITE_BLOB).
  int column_count() const;
  std::string column_name(int column) const;
  int column_type(int column) const;
  double real(int column) const;
  Statement& bind_real(int index, double value);
  // Makes the statement ready to run again with new bindings (inserting many rows).
  void reset();

 private:
  friend class Database;
  Statement(sqlite3_stmt* statement, sqlite3* db, std::shared_ptr<StatementCache> cache)
      : statement_(statement), db_(db), cache_(std::move(cache)) {}
  void release();
  sqlite3_stmt* statement_ = nullptr;
  sqlite3* db_ = nullptr;
  std::shared_ptr<StatementCache> cache_;
};

// Unavailable, naming the problem in words a client can read, with a Retry-After.
Error storage_error(StorageProblem problem);
// Whether the database at `path` can be written: the file opened read-only, the file
// system read-only or all but full, or the last write of this process failed for want
// of storage (until a commit succeeds again).
StorageProblem storage_problem(const Database& db, const std::string& path);

}  // namespace conduct::store::sqlite
