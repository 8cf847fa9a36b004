// The real SQLite store on a private in-memory database (":memory:"), for the use-case
// and HTTP tests that want a fresh store per test without a file: the same code and
// schema that production runs, at unit-test speed.
#pragma once

#include <cstdlib>
#include <iostream>
#include <memory>

#include "crypto/sealer.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::testing {

class MemoryDatabase {
 public:
  explicit MemoryDatabase(crypto::Sealer& sealer) : store_(open(sealer)) {}

  store::Store& operator*() const { return *store_; }
  store::Store* operator->() const { return store_.get(); }
  operator store::Store&() const { return *store_; }  // NOLINT: stands in for the store it holds
  // The SQLite store itself, for tests that look at its connection (query plans).
  store::sqlite::SqliteStore& sqlite() const { return *store_; }

 private:
  static std::unique_ptr<store::sqlite::SqliteStore> open(crypto::Sealer& sealer) {
    auto opened = store::sqlite::SqliteStore::open(":memory:", sealer);
    if (!opened.ok()) {
      std::cerr << "cannot open an in-memory database: " << opened.error().message << "\n";
      std::abort();
    }
    return std::move(opened).value();
  }

  std::unique_ptr<store::sqlite::SqliteStore> store_;
};

}  // namespace conduct::testing
