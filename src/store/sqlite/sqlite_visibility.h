// Access decided by index (domain/visibility.h), as SQL: the conditions under which a
// case `c` is reached by a member's listing, and the plain-column filters. Internal to
// the SQLite backend; standard SQL throughout, so the PostgreSQL backend can share it.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "domain/case_criteria.h"
#include "domain/visibility.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace conduct::store::sqlite {

// Values for numbered parameters (?1, ?2, ...), collected while the SQL is written:
// add() returns the placeholder to write, and a value added once may be written in
// several places.
class SqlParameters {
 public:
  std::string add(std::int64_t value);
  std::string add(std::string value);
  std::string add_blob(std::string bytes);
  void bind_all(Statement& statement) const;

 private:
  struct Blob {
    std::string bytes;
  };
  std::vector<std::variant<std::int64_t, std::string, Blob>> values_;
};

// " LIMIT ?n OFFSET ?m" with the page's values added in that order.
std::string page_clause(std::size_t limit, std::size_t offset, SqlParameters& parameters);

// The placeholders of one listing, added once and shared by every condition.
struct ListingParameters {
  std::string community;
  std::string member;
  std::string joined_at;
  std::string now;
  std::vector<std::string> chairs;
};
ListingParameters listing_parameters(std::int64_t community_id, const domain::CaseListing& listing,
                                     SqlParameters& parameters);

// A boolean SQL expression: the listing reaches case `c` (a row of cases). "0" for
// ListingReach::Nothing.
std::string reaches_case(const domain::CaseListing& listing, const ListingParameters& names);

// " AND ..." conditions on `c` for the filter (state, reported person) and the criteria.
std::string filter_conditions(const CaseFilter& filter, const domain::CaseCriteria& criteria,
                              SqlParameters& parameters);

// The SELECT of the visible cases' page: `columns` of `c`, ordered newest first, with
// LIMIT and OFFSET. Each way a case can reach the member is its own indexed branch
// (a UNION), so a member who sees few of many cases never walks them all.
std::string visible_cases_query(const domain::CaseListing& listing, const ListingParameters& names,
                                std::string_view columns, const std::string& filters, SqlParameters& parameters,
                                const CaseFilter& filter);

}  // namespace conduct::store::sqlite
