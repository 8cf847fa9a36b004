// Cases, their reports, parties and timeline entries, and person records in the SQLite
// store (store/case_store.h).
#include <map>

#include "core/text.h"
#include "store/sealing.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/sqlite_visibility.h"

namespace conduct::store::sqlite {
namespace {

using domain::Case;
using domain::CaseState;

// A case as listed and found: every column but the sealed location, which only
// load_case_record reads and opens (listing needs no key), and whether it is linked
// into another case (by the link's key, for the rows returned only).
// Written for a query that names the cases table `c`.
constexpr std::string_view kCaseColumns =
    "c.id, c.community_id, c.code_name, c.state, c.opened_at, c.updated_at, c.occurred_on, c.space_key, "
    "c.ongoing, c.physical_danger, c.resolution_source, c.resolution_outcome, COALESCE(c.resolved_at, c.updated_at), "
    "c.escrowed, EXISTS (SELECT 1 FROM case_links l WHERE l.case_id = c.id), c.urgency";

// Parties are read with their person record's code name; the columns after p. are in
// the order read_party expects.
constexpr std::string_view kPartyColumns =
    "p.id, p.number, p.role, p.person_id, p.name_sealed, p.contact_sealed, p.employer_sealed, "
    "COALESCE(r.code_name, '')";

}  // namespace

std::string_view SqliteStore::case_columns() { return kCaseColumns; }

Result<bool> SqliteStore::case_code_name_taken(std::int64_t community_id, std::string_view code_name) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT 1 FROM cases WHERE community_id = ? AND code_name = ?"));
  statement.bind(1, community_id).bind(2, code_name);
  return statement.step();
}

Result<std::int64_t> SqliteStore::insert_case(const Case& summary) {
  ASSIGN_OR_RETURN(const std::string location, seal_field(sealer_, summary, "case", "location", summary.location));
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO cases (community_id, code_name, state, opened_at, updated_at, occurred_on, "
                               "space_key, location_sealed, ongoing, physical_danger, resolution_source, "
                               "resolution_outcome, resolved_at, key_version, rotation_due, escrowed) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?) RETURNING id"));
  std::optional<std::int64_t> occurred_on;
  if (summary.occurred_on) occurred_on = summary.occurred_on->days;
  std::optional<std::string> source, outcome;
  std::optional<std::int64_t> resolved_at;
  if (summary.resolution) {
    source = std::string(domain::to_string(summary.resolution->source));
    outcome = std::string(domain::to_string(summary.resolution->outcome));
    resolved_at = summary.resolution->resolved_at.seconds;
  }
  statement.bind(1, summary.community_id)
      .bind(2, summary.code_name)
      .bind(3, domain::to_string(summary.state))
      .bind(4, summary.opened_at.seconds)
      .bind(5, summary.updated_at.seconds)
      .bind(6, occurred_on)
      .bind(7, summary.space_key)
      .bind_blob(8, location)
      .bind(9, summary.ongoing ? 1 : 0)
      .bind(10, summary.physical_danger ? 1 : 0)
      .bind(11, source)
      .bind(12, outcome)
      .bind(13, resolved_at)
      .bind(14, summary.escrowed ? 1 : 0);
  ASSIGN_OR_RETURN(const bool inserted, statement.step());
  if (!inserted) return internal_error("the case was not inserted");
  const std::int64_t case_id = statement.int64(0);
  for (domain::ViolationCategory category : summary.categories) {
    ASSIGN_OR_RETURN(Statement insert_category,
                     db_.prepare("INSERT INTO case_categories (case_id, category) VALUES (?, ?)"));
    TRY(insert_category.bind(1, case_id).bind(2, domain::to_string(category)).run());
  }
  return case_id;
}

Status SqliteStore::insert_report(const Case& owner, const domain::Report& report, int entry_number) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO reports (case_id, number, received_at, channel, recorded_by, entry_number, "
                               "content_notes) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  return statement.bind(1, owner.id)
      .bind(2, report.number)
      .bind(3, report.received_at.seconds)
      .bind(4, domain::to_string(report.channel))
      .bind(5, report.recorded_by)
      .bind(6, entry_number)
      .bind(7, join(report.content_notes, ","))
      .run();
}

Status SqliteStore::insert_party(const Case& owner, const domain::Party& party, const PartyIndexes& indexes) {
  const std::string record = party_record(party.number);
  ASSIGN_OR_RETURN(const std::string name, seal_field(sealer_, owner, record, "name", party.name));
  ASSIGN_OR_RETURN(const std::string contact, seal_field(sealer_, owner, record, "contact", party.contact));
  ASSIGN_OR_RETURN(const std::string employer, seal_field(sealer_, owner, record, "employer", party.employer));
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO parties (case_id, number, role, person_id, name_sealed, contact_sealed, "
                               "employer_sealed, contact_index, name_index, employer_index) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  return statement.bind(1, owner.id)
      .bind(2, party.number)
      .bind(3, domain::to_string(party.role))
      .bind(4, party.person_id)
      .bind_blob(5, name)
      .bind_blob(6, contact)
      .bind_blob(7, employer)
      .bind_blob(8, indexes.contact)
      .bind_blob(9, indexes.name)
      .bind_blob(10, indexes.employer)
      .run();
}

Status SqliteStore::append_entry(const Case& owner, const domain::TimelineEntry& entry) {
  ASSIGN_OR_RETURN(const std::string body, seal_field(sealer_, owner, entry_record(entry.number), "body", entry.body));
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO entries (case_id, number, kind, author_id, created_at, body_sealed, "
                               "corrects, from_state, to_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  std::optional<std::string> from, to;
  if (entry.from_state) from = std::string(domain::to_string(*entry.from_state));
  if (entry.to_state) to = std::string(domain::to_string(*entry.to_state));
  std::optional<std::int64_t> corrects;
  if (entry.corrects) corrects = *entry.corrects;
  return statement.bind(1, owner.id)
      .bind(2, entry.number)
      .bind(3, domain::to_string(entry.kind))
      .bind(4, entry.author_id)
      .bind(5, entry.created_at.seconds)
      .bind_blob(6, body)
      .bind(7, corrects)
      .bind(8, from)
      .bind(9, to)
      .run();
}

Status SqliteStore::update_case_flags(const Case& owner, bool ongoing, bool physical_danger, Timestamp updated_at) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("UPDATE cases SET ongoing = ?, physical_danger = ?, updated_at = ? "
                                                    "WHERE id = ? RETURNING id"));
  statement.bind(1, ongoing ? 1 : 0).bind(2, physical_danger ? 1 : 0).bind(3, updated_at.seconds).bind(4, owner.id);
  ASSIGN_OR_RETURN(const std::int64_t changed, statement.count_rows());
  if (changed == 0) return not_found("no such case");
  return ok_status();
}

Status SqliteStore::update_case_state(const Case& owner, CaseState state,
                                      const std::optional<domain::Resolution>& resolution, Timestamp updated_at) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE cases SET state = ?, resolution_source = ?, resolution_outcome = ?, "
                               "resolved_at = ?, updated_at = ? WHERE id = ? RETURNING id"));
  std::optional<std::string> source, outcome;
  std::optional<std::int64_t> resolved_at;
  if (resolution) {
    source = std::string(domain::to_string(resolution->source));
    outcome = std::string(domain::to_string(resolution->outcome));
    resolved_at = resolution->resolved_at.seconds;
  }
  statement.bind(1, domain::to_string(state))
      .bind(2, source)
      .bind(3, outcome)
      .bind(4, resolved_at)
      .bind(5, updated_at.seconds)
      .bind(6, owner.id);
  // An UPDATE that matches no row is not an error to SQLite; to callers it is a
  // missing case, as the Store contract says.
  ASSIGN_OR_RETURN(const bool updated, statement.step());
  if (!updated) return not_found("no case '" + owner.code_name + "'");
  return statement.run();
}

Result<std::vector<domain::ViolationCategory>> SqliteStore::read_categories(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT category FROM case_categories WHERE case_id = ? ORDER BY rowid"));
  statement.bind(1, case_id);
  std::vector<domain::ViolationCategory> categories;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return categories;
    if (const auto category = domain::parse_violation_category(statement.text(0))) categories.push_back(*category);
  }
}

Result<Case> SqliteStore::read_case(Statement& row) {
  ASSIGN_OR_RETURN(Case summary, read_case_columns(row));
  ASSIGN_OR_RETURN(summary.categories, read_categories(summary.id));
  return summary;
}

Result<Case> SqliteStore::read_case_columns(Statement& row) {
  Case summary;
  summary.id = row.int64(0);
  summary.community_id = row.int64(1);
  summary.code_name = row.text(2);
  const auto state = domain::parse_case_state(row.text(3));
  if (!state) return internal_error("a stored case has an unknown state");
  summary.state = *state;
  summary.opened_at = Timestamp{row.int64(4)};
  summary.updated_at = Timestamp{row.int64(5)};
  if (const auto occurred = row.optional_int64(6)) summary.occurred_on = Date{static_cast<std::int32_t>(*occurred)};
  summary.space_key = row.text(7);
  summary.ongoing = row.int64(8) != 0;
  summary.physical_danger = row.int64(9) != 0;
  const auto source = row.optional_text(10);
  const auto outcome = row.optional_text(11);
  if (source && outcome) {
    const auto parsed_source = domain::parse_resolution_source(*source);
    const auto parsed_outcome = domain::parse_resolution_outcome(*outcome);
    if (!parsed_source || !parsed_outcome) return internal_error("a stored case has an unknown resolution");
    summary.resolution = domain::Resolution{*parsed_source, *parsed_outcome, Timestamp{row.int64(12)}};
  }
  summary.escrowed = row.int64(13) != 0;
  summary.linked = row.int64(14) != 0;
  summary.urgency = domain::parse_urgency(row.text(15)).value_or(domain::Urgency::Normal);
  return summary;
}

Result<std::vector<Case>> SqliteStore::read_cases(Statement& statement) {
  std::vector<Case> cases;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) break;
    ASSIGN_OR_RETURN(Case summary, read_case_columns(statement));
    cases.push_back(std::move(summary));
  }
  // The categories of a page of cases come with one query per kCategoryBatch cases, not
  // one per case: a fixed number of placeholders, unused ones NULL (matching nothing),
  // so one prepared statement serves every page.
  constexpr std::size_t kCategoryBatch = 50;
  std::string placeholders;
  for (std::size_t i = 0; i < kCategoryBatch; ++i) placeholders += i ? ", ?" : "?";
  std::map<std::int64_t, Case*> by_id;
  for (Case& summary : cases) by_id[summary.id] = &summary;
  for (std::size_t first = 0; first < cases.size(); first += kCategoryBatch) {
    ASSIGN_OR_RETURN(Statement categories,
                     db_.prepare("SELECT case_id, category FROM case_categories WHERE case_id IN (" + placeholders +
                                 ") ORDER BY case_id, rowid"));
    for (std::size_t i = 0; i < kCategoryBatch; ++i) {
      const int index = static_cast<int>(i + 1);
      if (first + i < cases.size())
        categories.bind(index, cases[first + i].id);
      else
        categories.bind_null(index);
    }
    while (true) {
      ASSIGN_OR_RETURN(const bool found, categories.step());
      if (!found) break;
      const auto category = domain::parse_violation_category(categories.text(1));
      const auto owner = by_id.find(categories.int64(0));
      if (category && owner != by_id.end()) owner->second->categories.push_back(*category);
    }
  }
  return cases;
}

Result<Case> SqliteStore::find_case(std::int64_t community_id, std::string_view code_name) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kCaseColumns) +
                                                    " FROM cases c WHERE community_id = ? AND code_name = ?"));
  statement.bind(1, community_id).bind(2, code_name);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no case '" + std::string(code_name) + "'");
  return read_case(statement);
}

Result<Case> SqliteStore::find_case_by_id(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kCaseColumns) + " FROM cases c WHERE id = ?"));
  statement.bind(1, case_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no case " + std::to_string(case_id));
  return read_case(statement);
}

Result<std::vector<Case>> SqliteStore::list_cases(std::int64_t community_id, const CaseFilter& filter) {
  // Each placeholder is added in its own statement: the operands of one + are not
  // evaluated in a guaranteed order, and the numbering follows the calls.
  SqlParameters parameters;
  std::string sql = "SELECT " + std::string(kCaseColumns) + " FROM cases c WHERE c.community_id = ";
  sql += parameters.add(community_id);
  sql += filter_conditions(filter, {}, parameters);
  sql += " ORDER BY c.opened_at DESC, c.id DESC" + page_clause(filter.limit, filter.offset, parameters);
  ASSIGN_OR_RETURN(Statement statement, db_.prepare(sql));
  parameters.bind_all(statement);
  return read_cases(statement);
}

Status SqliteStore::release_from_escrow(const Case& owner) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("UPDATE cases SET escrowed = 0 WHERE id = ? RETURNING id"));
  statement.bind(1, owner.id);
  ASSIGN_OR_RETURN(const bool updated, statement.step());
  if (!updated) return not_found("no case '" + owner.code_name + "'");
  return statement.run();
}

Result<std::string> SqliteStore::open_location(const Case& summary) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT location_sealed FROM cases WHERE id = ?"));
  statement.bind(1, summary.id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no case '" + summary.code_name + "'");
  return open_field(sealer_, summary, "case", "location", statement.blob(0));
}

constexpr std::string_view kEntryColumns =
    "SELECT id, number, kind, author_id, created_at, body_sealed, corrects, from_state, to_state FROM entries";

// An entry of `summary` from a row of kEntryColumns, its body opened.
Result<domain::TimelineEntry> SqliteStore::read_timeline_entry(const Statement& row, const Case& summary) {
  domain::TimelineEntry entry;
  entry.id = row.int64(0);
  entry.number = static_cast<int>(row.int64(1));
  const auto kind = domain::parse_entry_kind(row.text(2));
  if (!kind) return internal_error("a stored entry has an unknown kind");
  entry.kind = *kind;
  entry.author_id = row.optional_int64(3);
  entry.created_at = Timestamp{row.int64(4)};
  ASSIGN_OR_RETURN(entry.body, open_field(sealer_, summary, entry_record(entry.number), "body", row.blob(5)));
  if (const auto corrects = row.optional_int64(6)) entry.corrects = static_cast<int>(*corrects);
  if (const auto from = row.optional_text(7)) entry.from_state = domain::parse_case_state(*from);
  if (const auto to = row.optional_text(8)) entry.to_state = domain::parse_case_state(*to);
  return entry;
}

Result<domain::TimelineEntry> SqliteStore::load_entry(const Case& owner, int number) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare(std::string(kEntryColumns) + " WHERE case_id = ? AND number = ?"));
  select.bind(1, owner.id).bind(2, number);
  ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return not_found("case '" + owner.code_name + "' has no entry " + std::to_string(number));
  return read_timeline_entry(select, owner);
}

Result<domain::CaseRecord> SqliteStore::load_case_record(const Case& summary) {
  domain::CaseRecord record;
  record.summary = summary;
  ASSIGN_OR_RETURN(record.summary.location, open_location(summary));

  ASSIGN_OR_RETURN(Statement entries, db_.prepare(std::string(kEntryColumns) + " WHERE case_id = ? ORDER BY number"));
  entries.bind(1, summary.id);
  while (true) {
    ASSIGN_OR_RETURN(const bool found, entries.step());
    if (!found) break;
    ASSIGN_OR_RETURN(domain::TimelineEntry entry, read_timeline_entry(entries, summary));
    record.timeline.push_back(std::move(entry));
  }

  ASSIGN_OR_RETURN(Statement reports,
                   db_.prepare("SELECT id, number, received_at, channel, recorded_by, entry_number, content_notes "
                               "FROM reports WHERE case_id = ? ORDER BY number"));
  reports.bind(1, summary.id);
  while (true) {
    ASSIGN_OR_RETURN(const bool found, reports.step());
    if (!found) break;
    domain::Report report;
    report.id = reports.int64(0);
    report.number = static_cast<int>(reports.int64(1));
    report.received_at = Timestamp{reports.int64(2)};
    report.channel = domain::parse_report_channel(reports.text(3)).value_or(domain::ReportChannel::GroupMember);
    report.recorded_by = reports.optional_int64(4);
    const int entry_number = static_cast<int>(reports.int64(5));
    if (const std::string notes = reports.text(6); !notes.empty()) report.content_notes = split(notes, ',');
    for (const domain::TimelineEntry& entry : record.timeline)
      if (entry.number == entry_number) report.text = entry.body;
    record.reports.push_back(std::move(report));
  }

  ASSIGN_OR_RETURN(record.parties, parties_of(summary, sealer_));
  return record;
}

Result<std::vector<domain::Party>> SqliteStore::load_parties(const Case& summary) {
  return parties_of(summary, sealer_);
}

Result<std::vector<domain::Party>> SqliteStore::parties_of(const Case& owner, crypto::Sealer& sealer) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kPartyColumns) +
                                                    " FROM parties p LEFT JOIN persons r ON r.id = p.person_id "
                                                    "WHERE p.case_id = ? ORDER BY p.number"));
  statement.bind(1, owner.id);
  std::vector<domain::Party> parties;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return parties;
    ASSIGN_OR_RETURN(domain::Party party, read_party(owner, sealer, statement, 0));
    parties.push_back(std::move(party));
  }
}

Result<domain::Party> SqliteStore::read_party(const Case& owner, crypto::Sealer& sealer, Statement& row, int first) {
  domain::Party party;
  party.id = row.int64(first);
  party.number = static_cast<int>(row.int64(first + 1));
  party.role = domain::parse_party_role(row.text(first + 2)).value_or(domain::PartyRole::Witness);
  party.person_id = row.optional_int64(first + 3);
  const std::string record_name = party_record(party.number);
  ASSIGN_OR_RETURN(party.name, open_field(sealer, owner, record_name, "name", row.blob(first + 4)));
  ASSIGN_OR_RETURN(party.contact, open_field(sealer, owner, record_name, "contact", row.blob(first + 5)));
  ASSIGN_OR_RETURN(party.employer, open_field(sealer, owner, record_name, "employer", row.blob(first + 6)));
  party.person_code_name = row.text(first + 7);
  return party;
}

Result<std::vector<PartyIndexRow>> SqliteStore::list_party_indexes(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT p.case_id, p.number, p.role, p.contact_index, p.name_index, p.employer_index, "
                               "p.person_id FROM parties p JOIN cases c ON c.id = p.case_id WHERE c.community_id = ? "
                               "ORDER BY p.case_id, p.number"));
  statement.bind(1, community_id);
  return read_party_indexes(statement);
}

Result<std::vector<PartyIndexRow>> SqliteStore::read_party_indexes(Statement& statement) {
  std::vector<PartyIndexRow> rows;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return rows;
    const auto role = domain::parse_party_role(statement.text(2));
    if (!role) return internal_error("a stored party has an unknown role");
    PartyIndexRow row{statement.int64(0), static_cast<int>(statement.int64(1)), *role,
                      PartyIndexes{statement.blob(3), statement.blob(4), statement.blob(5)}, std::nullopt};
    row.person_id = statement.optional_int64(6);
    rows.push_back(std::move(row));
  }
}

Result<int> SqliteStore::next_entry_number(const Case& owner) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM entries WHERE case_id = ?"));
  statement.bind(1, owner.id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return internal_error("cannot number the next entry");
  return static_cast<int>(statement.int64(0));
}

Result<bool> SqliteStore::person_code_name_taken(std::int64_t community_id, std::string_view code_name) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT 1 FROM persons WHERE community_id = ? AND code_name = ?"));
  statement.bind(1, community_id).bind(2, code_name);
  return statement.step();
}

Result<std::int64_t> SqliteStore::insert_person(const domain::Person& person) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO persons (community_id, code_name, created_at, flagged, banned_until, "
                               "banned_permanently) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
  std::optional<std::int64_t> banned_until;
  if (person.banned_until) banned_until = person.banned_until->days;
  statement.bind(1, person.community_id)
      .bind(2, person.code_name)
      .bind(3, person.created_at.seconds)
      .bind(4, person.flagged ? 1 : 0)
      .bind(5, banned_until)
      .bind(6, person.banned_permanently ? 1 : 0);
  ASSIGN_OR_RETURN(const bool inserted, statement.step());
  if (!inserted) return internal_error("the person record was not inserted");
  return statement.int64(0);
}

Result<PersonRow> SqliteStore::find_person(std::int64_t community_id, std::string_view code_name) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kPersonColumns) +
                                                    " FROM persons p WHERE p.community_id = ? AND p.code_name = ?"));
  statement.bind(1, community_id).bind(2, code_name);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no person record '" + std::string(code_name) + "'");
  return read_person(statement);
}

Result<std::vector<PersonRow>> SqliteStore::list_people(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kPersonColumns) +
                                                    " FROM persons p WHERE p.community_id = ? ORDER BY p.code_name"));
  statement.bind(1, community_id);
  return collect_rows(statement, read_person);
}

Result<std::vector<Case>> SqliteStore::cases_of_person(std::int64_t person_id) {
  std::string sql = "SELECT " + std::string(kCaseColumns) +
                    " FROM cases c WHERE id IN (SELECT case_id FROM parties WHERE person_id = ? AND role = 'reported')"
                    " ORDER BY opened_at, id";
  ASSIGN_OR_RETURN(Statement statement, db_.prepare(sql));
  statement.bind(1, person_id);
  return read_cases(statement);
}

}  // namespace conduct::store::sqlite
