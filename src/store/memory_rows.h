// Row lookups by id for the in-memory store's tables (memory_store.h). Each table is a
// vector in ascending id order; rows of an expunged case are erased, so a row's
// position is not its id. A new row takes the highest id plus one, as SQLite gives an
// INTEGER PRIMARY KEY.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "store/store.h"

namespace conduct::store::memory {

inline std::int64_t id_of(const CommunityRow& row) { return row.community.id; }
inline std::int64_t id_of(const domain::Member& row) { return row.id; }
inline std::int64_t id_of(const domain::Person& row) { return row.id; }
inline std::int64_t id_of(const domain::Case& row) { return row.id; }
inline std::int64_t id_of(const domain::OversightGrant& row) { return row.id; }

// The row with `id`, or null.
template <typename Row>
Row* find_row(std::vector<Row>& table, std::int64_t id) {
  const auto found = std::lower_bound(table.begin(), table.end(), id,
                                      [](const Row& row, std::int64_t wanted) { return id_of(row) < wanted; });
  return found != table.end() && id_of(*found) == id ? &*found : nullptr;
}

template <typename Row>
const Row* find_row(const std::vector<Row>& table, std::int64_t id) {
  return find_row(const_cast<std::vector<Row>&>(table), id);
}

template <typename Row>
bool has_row(const std::vector<Row>& table, std::int64_t id) {
  return find_row(table, id) != nullptr;
}

// An absent reference is no reference, and always valid.
template <typename Row>
bool has_row(const std::vector<Row>& table, const std::optional<std::int64_t>& id) {
  return !id || has_row(table, *id);
}

// The id a new row of `table` gets; `id_of_row` reads a row's id.
template <typename Row, typename IdOf>
std::int64_t next_id(const std::vector<Row>& table, IdOf id_of_row) {
  return table.empty() ? 1 : id_of_row(table.back()) + 1;
}

template <typename Row>
std::int64_t next_id(const std::vector<Row>& table) {
  return next_id(table, [](const Row& row) { return id_of(row); });
}

}  // namespace conduct::store::memory
