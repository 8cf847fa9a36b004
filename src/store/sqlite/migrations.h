// Versioned schema migrations for the SQLite store. Migration N turns a database at
// version N-1 into version N; the version is kept in schema_migrations. Each
// migration runs in its own transaction, so a failure leaves the previous version.
// Migrations are never edited once released: a change is a new migration.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/sqlite/sqlite_db.h"

namespace conduct::store::sqlite {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& migrations();
int latest_schema_version();

// The version the database is at (0 for an empty database).
Result<int> schema_version(Database& db);

// Applies every migration above the current version up to `target` (default: all).
// Errors: FailedPrecondition when the database is newer than this program knows.
Status migrate(Database& db, int target = -1);

}  // namespace conduct::store::sqlite
