// What arrives in the case list's and the search's query strings: the plain-column
// filters (domain::parse_case_criteria), the search words (normalise_search_query, then
// find_in_record over a record holding the same bytes), and the dates inside them
// (parse_date, parse_timestamp), with is_clean_utf8 underneath.
//
// The input is read as a query string, "name=value&name=value" (first value wins, as
// the HTTP layer keeps it); the whole input is also tried as a search query and as a
// date and a timestamp.
//
// Properties: criteria that parse are consistent (opened_from <= opened_to) and meets()
// agrees with them on cases built to pass and to fail each one; errors name only the
// filter fields, with fixed messages. A query that normalises is trimmed, single-spaced,
// lower-case, clean UTF-8 of 2–200 bytes, and normalising it again changes nothing;
// every snippet found for it is clean UTF-8 and contains it. Dates and timestamps that
// parse format back to the same text.
#include <map>
#include <set>

#include "core/text.h"
#include "core/time.h"
#include "domain/case_criteria.h"
#include "domain/search.h"
#include "fuzz_check.h"

namespace {

using namespace conduct;
using namespace conduct::domain;
using conduct::fuzz::contains;

std::map<std::string, std::string> query_pairs(std::string_view text) {
  std::map<std::string, std::string> pairs;
  for (const std::string& part : split(text, '&')) {
    const std::size_t equals = part.find('=');
    if (equals == std::string::npos)
      pairs.emplace(part, "");
    else
      pairs.emplace(part.substr(0, equals), part.substr(equals + 1));
  }
  return pairs;
}

void check_dates(std::string_view text) {
  if (const std::optional<Date> date = parse_date(text)) {
    FUZZ_CHECK(format_date(*date) == text, "a date that parses formats back to its text");
    FUZZ_CHECK(parse_timestamp(std::string(text) + "T00:00:00Z") == start_of(*date), "a date starts at midnight UTC");
  }
  if (const std::optional<Timestamp> time = parse_timestamp(text)) {
    FUZZ_CHECK(format_timestamp(*time) == text, "a timestamp that parses formats back to its text");
    FUZZ_CHECK(parse_date(text.substr(0, 10)) == date_of(*time), "a timestamp falls on the date it names");
  }
}

void check_clean_utf8(std::string_view text) {
  if (!is_clean_utf8(text)) return;
  for (unsigned char c : text)
    FUZZ_CHECK(c != 0xC0 && c != 0xC1 && c < 0xF5 && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != 0x7F,
               "clean UTF-8 has no control characters and no byte that never appears in UTF-8");
  const std::size_t half = text.size() / 2;
  if (half < text.size() && (static_cast<unsigned char>(text[half]) & 0xC0) != 0x80)
    FUZZ_CHECK(is_clean_utf8(text.substr(0, half)) && is_clean_utf8(text.substr(half)),
               "clean UTF-8 cut at a character boundary is clean on both sides");
}

void check_criteria(const std::map<std::string, std::string>& values, const Policy& policy) {
  const Result<CaseCriteria> criteria = parse_case_criteria(values, policy);
  if (!criteria.ok()) {
    static const std::set<std::string> kFields{"category", "space",       "ongoing",  "physical_danger",
                                               "open",     "opened_from", "opened_to"};
    static const std::set<std::string> kProblems{
        "must be one of " + names_of<ViolationCategory>(violation_category_names()),
        "must be one of the community's spaces", "must be true or false", "must be a date written YYYY-MM-DD",
        "must not be before opened_from"};
    FUZZ_CHECK(criteria.error().code == ErrorCode::InvalidArgument, "bad filters are InvalidArgument");
    FUZZ_CHECK(!criteria.error().fields.empty(), "bad filters are named");
    for (const auto& [field, problem] : criteria.error().fields) {
      FUZZ_CHECK(kFields.count(field) == 1, "errors name only the filter fields");
      FUZZ_CHECK(kProblems.count(problem) == 1, "filter errors are fixed messages (they never repeat the value)");
    }
    return;
  }
  const CaseCriteria& c = *criteria;
  if (c.opened_from && c.opened_to) FUZZ_CHECK(*c.opened_from <= *c.opened_to, "opened_from is not after opened_to");
  FUZZ_CHECK(c.category.has_value() == (values.count("category") == 1), "a category filter comes from 'category'");
  FUZZ_CHECK(c.space_key.has_value() == (values.count("space") == 1), "a space filter comes from 'space'");

  // A case made to pass every filter, then one filter at a time broken.
  Case passing;
  passing.community_id = 1;
  passing.code_name = "home shelf";
  if (c.category) passing.categories.push_back(*c.category);
  if (c.space_key) passing.space_key = *c.space_key;
  passing.ongoing = true;
  passing.physical_danger = true;
  const Date opened = c.opened_from ? *c.opened_from : c.opened_to ? *c.opened_to : Date{20000};
  passing.opened_at = Timestamp{start_of(opened).seconds + 12 * kSecondsPerHour};
  FUZZ_CHECK(meets(passing, c), "a case that has every filtered value meets the criteria");

  if (c.category) {
    Case other = passing;
    other.categories.clear();
    FUZZ_CHECK(!meets(other, c), "a case without the category does not meet a category filter");
  }
  if (c.space_key) {
    Case other = passing;
    other.space_key = "";
    FUZZ_CHECK(!meets(other, c), "a case in no space does not meet a space filter");
  }
  if (c.ongoing_only) {
    Case other = passing;
    other.ongoing = false;
    FUZZ_CHECK(!meets(other, c), "a case that is not ongoing does not meet ongoing=true");
  }
  if (c.physical_danger_only) {
    Case other = passing;
    other.physical_danger = false;
    FUZZ_CHECK(!meets(other, c), "a case without physical danger does not meet physical_danger=true");
  }
  if (c.opened_from) {
    Case other = passing;
    other.opened_at = Timestamp{start_of(*c.opened_from).seconds - 1};
    FUZZ_CHECK(!meets(other, c), "a case opened the day before opened_from does not meet it");
  }
  if (c.opened_to) {
    Case other = passing;
    other.opened_at = start_of(add_days(*c.opened_to, 1));
    FUZZ_CHECK(!meets(other, c), "a case opened the day after opened_to does not meet it");
  }
}

void check_search(std::string_view raw_query, std::string_view record_text) {
  const Result<std::string> query = normalise_search_query(raw_query);
  if (!query.ok()) {
    FUZZ_CHECK(query.error().fields.size() == 1 && query.error().fields.count("q") == 1,
               "a bad search query names the field q");
    return;
  }
  const std::string& q = *query;
  FUZZ_CHECK(q.size() >= kSearchQueryMinBytes && q.size() <= kSearchQueryMaxBytes, "a query is 2 to 200 bytes");
  FUZZ_CHECK(is_clean_utf8(q), "a query is clean UTF-8");
  FUZZ_CHECK(q == trim(q) && !contains(q, "  ") && q == to_lower_ascii(q),
             "a query is trimmed, single-spaced, lower-case");
  const Result<std::string> again = normalise_search_query(q);
  FUZZ_CHECK(again.ok() && *again == q, "normalising a query again changes nothing");

  CaseRecord record;
  record.summary.location = std::string(record_text);
  Report report;
  report.number = 1;
  report.text = "Reported: " + std::string(record_text) + " (end)";
  record.reports.push_back(report);
  Party party;
  party.number = 1;
  party.name = std::string(record_text);
  record.parties.push_back(party);
  TimelineEntry note;
  note.number = 2;
  note.kind = EntryKind::Note;
  note.body = std::string(record_text) + std::string(record_text);
  record.timeline.push_back(note);

  // Snippets show tabs and line breaks as spaces.
  std::string q_in_snippet = q;
  for (char& c : q_in_snippet)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  const bool text_is_clean = is_clean_utf8(record_text);
  for (const TextMatch& match : find_in_record(record, q)) {
    FUZZ_CHECK(!match.where.empty(), "a match says where it is");
    FUZZ_CHECK(contains(to_lower_ascii(match.snippet), q_in_snippet), "a snippet contains the words found");
    if (text_is_clean) FUZZ_CHECK(is_clean_utf8(match.snippet), "a snippet of clean text is clean UTF-8");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Policy policy = default_policy();
  const std::string_view text = conduct::fuzz::as_text(data, size);
  const std::map<std::string, std::string> values = query_pairs(text);
  check_criteria(values, policy);
  for (const auto& [name, value] : values) check_dates(value);
  check_dates(text);
  check_clean_utf8(text);
  const auto q = values.find("q");
  check_search(q != values.end() ? q->second : text, text);
  check_search(text, q != values.end() ? q->second : text);
  return 0;
}
