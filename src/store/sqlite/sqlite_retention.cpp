// Retention in the SQLite store (store.h "Retention"): the plain facts the rule needs,
// legal holds, and expunging a case -- crypto-shredding it: its key wraps go with
// every row sealed under them, so neither a member's key nor the recovery kit opens
// anything of it afterwards.
//
// The database is opened with secure_delete on (sqlite_db.cpp), so SQLite zeroes the
// content of every row it deletes in the pages it writes. In WAL mode those pages are
// written to the -wal file first and the old ones stay there until a checkpoint
// copies them back, so purge_deleted_content() checkpoints with TRUNCATE after a purge
// to leave no copy of a deleted row behind in the WAL.
//
// The triggers that make timeline entries and evidence append-only refuse UPDATE only:
// deleting the rows of a case is not a change to them, and nothing needs lifting here.
#include "store/sqlite/sqlite_store.h"

#include <set>

namespace conduct::store::sqlite {
namespace {

// Plain names in one column, separated by spaces ("harassment retaliation").
template <typename Names>
std::string join_names(const Names& names) {
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : " ") + std::string(name);
  return joined;
}

std::vector<std::string> split_names(const std::string& joined) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < joined.size()) {
    std::size_t end = joined.find(' ', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) names.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

// The tables that hold rows of a case by its id, children before parents, so the
// foreign keys hold at every step. Evidence chunks hang off their file and go first.
constexpr std::string_view kCaseTables[] = {
    "portal_sessions",
    "thread_messages",
    "reporter_threads",
    "mail_queue",
    "local_submissions",
    "drafts",
    "mail_threads",
    "mail_quarantine",
    "case_key_wraps",
    "case_categories",
    "reports",
    "parties",
    "entries",
    "exclusions",
    "possible_conflicts",
    "screenings",
    "invitations",
    "oversight_grants",
    "case_links",
    "evaluations",
    "response_steps",
    "proposals",
    "votes",
    "feedback_requests",
    "unilateral_actions",
    "meeting_entries",
};

domain::CaseStatistics read_statistics(const Statement& row) {
  domain::CaseStatistics statistics;
  statistics.community_id = row.int64(0);
  statistics.period = row.text(1);
  if (const auto kind = row.optional_text(2)) statistics.space_kind = domain::parse_space_kind(*kind);
  for (const std::string& name : split_names(row.text(3)))
    if (const auto category = domain::parse_violation_category(name)) statistics.categories.push_back(*category);
  statistics.people_named = static_cast<int>(row.int64(4));
  if (const auto source = row.optional_text(5)) statistics.resolution_source = domain::parse_resolution_source(*source);
  statistics.consequence_levels = split_names(row.text(6));
  statistics.flagged = row.int64(7) != 0;
  statistics.escalated = row.int64(8) != 0;
  if (const auto days = row.optional_int64(9)) statistics.days_to_acknowledge = static_cast<int>(*days);
  if (const auto days = row.optional_int64(10)) statistics.days_to_resolve = static_cast<int>(*days);
  return statistics;
}

}  // namespace

std::vector<std::string_view> tables_expunged_by_case() {
  std::vector<std::string_view> tables(std::begin(kCaseTables), std::end(kCaseTables));
  tables.insert(tables.end(), {"evidence_files", "ballots", "cases"});
  return tables;
}

Result<std::vector<domain::CaseRetentionFacts>> SqliteStore::load_retention_facts(std::int64_t community_id) {
  // The resolved cases (a partial index: migration 10), the cases that report a person a
  // resolved case reports, and the cases linked into a resolved case; never a walk of
  // the community's open cases.
  return retention_facts_where(
      "+c.community_id = ?1 AND c.id IN (SELECT r.id FROM cases r WHERE r.community_id = ?1 AND "
      "r.resolution_source IS NOT NULL UNION SELECT other.case_id FROM cases r JOIN parties mine ON mine.case_id = "
      "r.id AND mine.role = 'reported' JOIN parties other ON other.person_id = mine.person_id AND other.role = "
      "'reported' WHERE r.community_id = ?1 AND r.resolution_source IS NOT NULL UNION SELECT l.case_id FROM cases r "
      "JOIN case_links l ON l.primary_case_id = r.id WHERE r.community_id = ?1 AND r.resolution_source IS NOT NULL)",
      community_id);
}

Result<std::vector<domain::CaseRetentionFacts>> SqliteStore::load_retention_facts_around(std::int64_t case_id) {
  // The case and the other cases of its incident (the case it is linked into and the
  // cases linked into that one, or the cases linked into it), and the cases the reported
  // persons of the case or of the case it is linked into are reported in.
  return retention_facts_where(
      "c.id IN (SELECT ?1 UNION SELECT primary_case_id FROM case_links WHERE case_id = ?1 UNION SELECT case_id FROM "
      "case_links WHERE primary_case_id = ?1 UNION SELECT sibling.case_id FROM case_links mine JOIN case_links "
      "sibling ON sibling.primary_case_id = mine.primary_case_id WHERE mine.case_id = ?1 UNION SELECT other.case_id "
      "FROM parties mine JOIN parties other ON other.person_id = mine.person_id WHERE mine.case_id IN (SELECT ?1 "
      "UNION SELECT primary_case_id FROM case_links WHERE case_id = ?1) AND mine.role = 'reported' AND other.role = "
      "'reported')",
      case_id);
}

Result<std::vector<domain::CaseRetentionFacts>> SqliteStore::retention_facts_where(const std::string& where,
                                                                                   std::int64_t key) {
  std::vector<domain::CaseRetentionFacts> all;
  {
    ASSIGN_OR_RETURN(Statement cases,
                     db_.prepare("SELECT " + std::string(case_columns()) +
                                 ", legal_hold_since, legal_hold_by, (SELECT primary_case_id FROM case_links WHERE "
                                 "case_id = c.id) FROM cases c WHERE " +
                                 where + " ORDER BY c.id"));
    cases.bind(1, key);
    while (true) {
      ASSIGN_OR_RETURN(const bool found, cases.step());
      if (!found) break;
      ASSIGN_OR_RETURN(const domain::Case summary, read_case(cases));
      domain::CaseRetentionFacts facts = domain::retention_facts_of(summary);
      const auto since = cases.optional_int64(16);  // after case_columns()' 16
      const auto placed_by = cases.optional_int64(17);
      if (since && placed_by) facts.legal_hold = domain::LegalHold{Timestamp{*since}, *placed_by};
      facts.linked_into = cases.optional_int64(18);
      all.push_back(std::move(facts));
    }
  }
  for (domain::CaseRetentionFacts& facts : all) {
    ASSIGN_OR_RETURN(Statement reported, db_.prepare("SELECT p.person_id, COALESCE(r.flagged, 0) FROM parties p "
                                                     "LEFT JOIN persons r ON r.id = p.person_id "
                                                     "WHERE p.case_id = ? AND p.role = ? ORDER BY p.number"));
    reported.bind(1, facts.case_id).bind(2, domain::to_string(domain::PartyRole::ReportedPerson));
    std::set<std::int64_t> persons;
    while (true) {
      ASSIGN_OR_RETURN(const bool found, reported.step());
      if (!found) break;
      ++facts.people_named;
      if (const auto person = reported.optional_int64(0); person && persons.insert(*person).second)
        facts.reported_person_ids.push_back(*person);
      if (reported.int64(1) != 0) facts.reported_person_flagged = true;
    }

    ASSIGN_OR_RETURN(Statement reports,
                     db_.prepare("SELECT received_at FROM reports WHERE case_id = ? ORDER BY number"));
    reports.bind(1, facts.case_id);
    while (true) {
      ASSIGN_OR_RETURN(const bool found, reports.step());
      if (!found) break;
      facts.reports_received.push_back(Timestamp{reports.int64(0)});
    }

    ASSIGN_OR_RETURN(Statement transitions,
                     db_.prepare("SELECT from_state, to_state, created_at FROM entries "
                                 "WHERE case_id = ? AND from_state IS NOT NULL AND to_state IS NOT NULL "
                                 "ORDER BY number"));
    transitions.bind(1, facts.case_id);
    while (true) {
      ASSIGN_OR_RETURN(const bool found, transitions.step());
      if (!found) break;
      const auto from = domain::parse_case_state(transitions.text(0));
      const auto to = domain::parse_case_state(transitions.text(1));
      if (!from || !to) return internal_error("a stored transition has an unknown state");
      facts.transitions.push_back(domain::StateChange{*from, *to, Timestamp{transitions.int64(2)}});
    }
  }
  return all;
}

Status SqliteStore::save_legal_hold(std::int64_t case_id, const std::optional<domain::LegalHold>& hold) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE cases SET legal_hold_since = ?, legal_hold_by = ? WHERE id = ? RETURNING id"));
  std::optional<std::int64_t> since, placed_by;
  if (hold) {
    since = hold->since.seconds;
    placed_by = hold->placed_by;
  }
  statement.bind(1, since).bind(2, placed_by).bind(3, case_id);
  ASSIGN_OR_RETURN(const bool updated, statement.step());
  if (!updated) return not_found("no case " + std::to_string(case_id));
  return statement.run();
}

Result<std::optional<domain::LegalHold>> SqliteStore::find_legal_hold(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT legal_hold_since, legal_hold_by FROM cases WHERE id = ?"));
  statement.bind(1, case_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no case " + std::to_string(case_id));
  const auto since = statement.optional_int64(0);
  const auto placed_by = statement.optional_int64(1);
  if (!since || !placed_by) return std::optional<domain::LegalHold>();
  return std::optional<domain::LegalHold>(domain::LegalHold{Timestamp{*since}, *placed_by});
}

Status SqliteStore::expunge_case(std::int64_t case_id, const domain::CaseStatistics& statistics) {
  // A savepoint makes this all or nothing on its own, and nests inside in_transaction().
  return db_.in_savepoint("expunge_case", [&] { return expunge_in_savepoint(case_id, statistics); });
}

Status SqliteStore::expunge_in_savepoint(std::int64_t case_id, const domain::CaseStatistics& statistics) {
  {
    ASSIGN_OR_RETURN(Statement exists, db_.prepare("SELECT 1 FROM cases WHERE id = ?"));
    exists.bind(1, case_id);
    ASSIGN_OR_RETURN(const bool found, exists.step());
    if (!found) return not_found("no case " + std::to_string(case_id));
  }
  std::vector<std::int64_t> persons;
  {
    ASSIGN_OR_RETURN(Statement select,
                     db_.prepare("SELECT DISTINCT person_id FROM parties WHERE case_id = ? AND person_id IS NOT NULL"));
    select.bind(1, case_id);
    while (true) {
      ASSIGN_OR_RETURN(const bool found, select.step());
      if (!found) break;
      persons.push_back(select.int64(0));
    }
  }

  {
    ASSIGN_OR_RETURN(Statement chunks, db_.prepare("DELETE FROM evidence_chunks WHERE evidence_id IN "
                                                   "(SELECT id FROM evidence_files WHERE case_id = ?)"));
    TRY(chunks.bind(1, case_id).run());
    ASSIGN_OR_RETURN(Statement files, db_.prepare("DELETE FROM evidence_files WHERE case_id = ?"));
    TRY(files.bind(1, case_id).run());
  }
  {
    ASSIGN_OR_RETURN(Statement ballots,
                     db_.prepare("DELETE FROM ballots WHERE vote_id IN (SELECT id FROM votes WHERE case_id = ?)"));
    TRY(ballots.bind(1, case_id).run());
  }
  for (const std::string_view table : kCaseTables) {
    ASSIGN_OR_RETURN(Statement rows, db_.prepare("DELETE FROM " + std::string(table) + " WHERE case_id = ?"));
    TRY(rows.bind(1, case_id).run());
  }
  {
    // The cases linked into this one stay, as cases of their own again.
    ASSIGN_OR_RETURN(Statement links, db_.prepare("DELETE FROM case_links WHERE primary_case_id = ?"));
    TRY(links.bind(1, case_id).run());
  }
  {
    ASSIGN_OR_RETURN(Statement summary, db_.prepare("DELETE FROM cases WHERE id = ?"));
    TRY(summary.bind(1, case_id).run());
  }
  for (const std::int64_t person : persons) {
    ASSIGN_OR_RETURN(Statement orphan,
                     db_.prepare("DELETE FROM persons WHERE id = ? AND flagged = 0 AND banned_until IS NULL "
                                 "AND banned_permanently = 0 AND NOT EXISTS "
                                 "(SELECT 1 FROM parties WHERE person_id = persons.id)"));
    TRY(orphan.bind(1, person).run());
  }

  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO case_statistics (community_id, period, space_kind, categories, "
                               "people_named, resolution_source, consequence_levels, flagged, escalated, "
                               "days_to_acknowledge, days_to_resolve) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  std::vector<std::string_view> categories;
  for (const domain::ViolationCategory category : statistics.categories)
    categories.push_back(domain::to_string(category));
  std::optional<std::string> space_kind, source;
  if (statistics.space_kind) space_kind = std::string(domain::to_string(*statistics.space_kind));
  if (statistics.resolution_source) source = std::string(domain::to_string(*statistics.resolution_source));
  std::optional<std::int64_t> days_to_acknowledge, days_to_resolve;
  if (statistics.days_to_acknowledge) days_to_acknowledge = *statistics.days_to_acknowledge;
  if (statistics.days_to_resolve) days_to_resolve = *statistics.days_to_resolve;
  return insert.bind(1, statistics.community_id)
      .bind(2, statistics.period)
      .bind(3, space_kind)
      .bind(4, join_names(categories))
      .bind(5, statistics.people_named)
      .bind(6, source)
      .bind(7, join_names(statistics.consequence_levels))
      .bind(8, statistics.flagged ? 1 : 0)
      .bind(9, statistics.escalated ? 1 : 0)
      .bind(10, days_to_acknowledge)
      .bind(11, days_to_resolve)
      .run();
}

Result<std::vector<domain::CaseStatistics>> SqliteStore::list_case_statistics(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT community_id, period, space_kind, categories, people_named, resolution_source, "
                               "consequence_levels, flagged, escalated, days_to_acknowledge, days_to_resolve "
                               "FROM case_statistics WHERE community_id = ? ORDER BY id"));
  statement.bind(1, community_id);
  std::vector<domain::CaseStatistics> rows;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return rows;
    rows.push_back(read_statistics(statement));
  }
}

Status SqliteStore::purge_deleted_content() {
  if (in_transaction_) return internal_error("the WAL cannot be truncated inside a transaction");
  ASSIGN_OR_RETURN(Statement checkpoint, db_.prepare("PRAGMA wal_checkpoint(TRUNCATE)"));
  ASSIGN_OR_RETURN(const bool row, checkpoint.step());
  if (!row) return internal_error("the WAL checkpoint answered nothing");
  // (busy, pages in the WAL, pages checkpointed): busy means another connection kept
  // the checkpoint from finishing, so the WAL may still hold deleted rows.
  if (checkpoint.int64(0) != 0)
    return failed_precondition(
        "another connection to the database kept the WAL from being truncated; "
        "run retention again when it is closed");
  return ok_status();
}

}  // namespace conduct::store::sqlite
