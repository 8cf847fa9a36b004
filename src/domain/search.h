// Full-text search inside one case record (docs/security.md: search works in a member's
// session, over the cases that member holds, decrypting as it goes). The app opens each
// record the member holds and asks this function where the words are; nothing here
// reads or writes anything.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/case.h"

namespace conduct::domain {

inline constexpr std::size_t kSearchQueryMinBytes = 2;
inline constexpr std::size_t kSearchQueryMaxBytes = 200;

// Where a query was found in a record, and the text around it.
struct TextMatch {
  std::string where;    // "location", "report 1", "party 2 name", "entry 4 (note)", …
  std::string snippet;  // up to ~40 bytes either side of the match, cut at character boundaries
};

// The query in the form matched: trimmed, runs of spaces made one. Errors:
// InvalidArgument (field "q") when shorter than 2 or longer than 200 bytes, or not
// clean UTF-8.
Result<std::string> normalise_search_query(std::string_view query);

// Every field of `record` that contains `query` (ASCII letters compared without case),
// in the record's order: location, reports, parties, timeline.
std::vector<TextMatch> find_in_record(const CaseRecord& record, std::string_view query);

}  // namespace conduct::domain
