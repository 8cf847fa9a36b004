// Access facts and access decided by index (domain/visibility.h): the relations of
// members to cases, one case's or (for tests and maintenance) a whole community's; the
// visible cases and person records, paged in SQL; and blind-index look-ups.
#include <algorithm>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/sqlite_visibility.h"

namespace conduct::store::sqlite {

Result<domain::AccessFacts> SqliteStore::load_facts_where(const std::string& where, std::int64_t key) {
  domain::AccessFacts facts;
  {
    ASSIGN_OR_RETURN(Statement statement,
                     db_.prepare("SELECT case_id, member_id, reason, created_at FROM exclusions" + where));
    statement.bind(1, key);
    ASSIGN_OR_RETURN(facts.exclusions, collect_rows(statement, [](const Statement& row) {
                       return domain::Exclusion{
                           row.int64(0), row.int64(1),
                           domain::parse_exclusion_reason(row.text(2)).value_or(domain::ExclusionReason::Declared),
                           Timestamp{row.int64(3)}, ""};
                     }));
  }
  {
    ASSIGN_OR_RETURN(Statement statement,
                     db_.prepare("SELECT case_id, member_id, created_at FROM possible_conflicts" + where));
    statement.bind(1, key);
    ASSIGN_OR_RETURN(facts.possible_conflicts, collect_rows(statement, [](const Statement& row) {
                       return domain::PossibleConflict{row.int64(0), row.int64(1), Timestamp{row.int64(2)}};
                     }));
  }
  {
    ASSIGN_OR_RETURN(
        Statement statement,
        db_.prepare("SELECT case_id, member_id, screened_at, approved_by, approved_at FROM screenings" + where));
    statement.bind(1, key);
    ASSIGN_OR_RETURN(
        facts.screenings, collect_rows(statement, [](const Statement& row) {
          domain::Screening screening{row.int64(0), row.int64(1), Timestamp{row.int64(2)}, std::nullopt, std::nullopt};
          screening.approved_by = row.optional_int64(3);
          if (const auto at = row.optional_int64(4)) screening.approved_at = Timestamp{*at};
          return screening;
        }));
  }
  {
    ASSIGN_OR_RETURN(Statement statement,
                     db_.prepare("SELECT case_id, member_id, invited_by, created_at FROM invitations" + where));
    statement.bind(1, key);
    ASSIGN_OR_RETURN(facts.invitations, collect_rows(statement, [](const Statement& row) {
                       return domain::Invitation{row.int64(0), row.int64(1), row.int64(2), Timestamp{row.int64(3)}};
                     }));
  }
  {
    ASSIGN_OR_RETURN(Statement statement,
                     db_.prepare("SELECT " + std::string(kGrantColumns) + " FROM oversight_grants" + where));
    statement.bind(1, key);
    ASSIGN_OR_RETURN(facts.grants, collect_rows(statement, read_grant));
  }
  return facts;
}

Result<domain::AccessFacts> SqliteStore::load_access_facts(std::int64_t community_id) {
  return load_facts_where(" WHERE case_id IN (SELECT id FROM cases WHERE community_id = ?)", community_id);
}

Result<domain::AccessFacts> SqliteStore::load_case_access_facts(std::int64_t case_id) {
  return load_facts_where(" WHERE case_id = ?", case_id);
}

Result<std::vector<domain::Case>> SqliteStore::list_visible_cases(std::int64_t community_id,
                                                                  const domain::CaseListing& listing,
                                                                  const CaseFilter& filter,
                                                                  const domain::CaseCriteria& criteria) {
  if (listing.reach == domain::ListingReach::Nothing || filter.limit == 0) return std::vector<domain::Case>{};
  SqlParameters parameters;
  const ListingParameters names = listing_parameters(community_id, listing, parameters);
  const std::string filters = filter_conditions(filter, criteria, parameters);
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare(visible_cases_query(listing, names, case_columns(), filters, parameters, filter)));
  parameters.bind_all(statement);
  return read_cases(statement);
}

Result<std::vector<domain::Case>> SqliteStore::list_cases_to_screen(std::int64_t community_id, std::int64_t member_id,
                                                                    Timestamp joined_at, std::size_t limit) {
  const std::string select = "SELECT " + std::string(case_columns()) +
                             " FROM cases c WHERE c.community_id = ?1 AND c.escrowed = 0 AND NOT EXISTS (SELECT 1 "
                             "FROM exclusions x WHERE x.case_id = c.id AND x.member_id = ?2)";
  // Two indexed branches: the member's possible conflicts, and the cases opened before
  // they joined (an index range, newest first) without their screening. A case held in
  // escrow is screened by nobody (the policy), so it takes no place on the page.
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare(select +
                               " AND c.id IN (SELECT pc.case_id FROM possible_conflicts pc WHERE pc.member_id = ?2)"
                               " UNION ALL " +
                               select +
                               " AND c.opened_at < ?3 AND NOT EXISTS (SELECT 1 FROM screenings s WHERE s.case_id = "
                               "c.id AND s.member_id = ?2) AND NOT EXISTS (SELECT 1 FROM possible_conflicts pc "
                               "WHERE pc.case_id = c.id AND pc.member_id = ?2) ORDER BY 5 DESC, 1 DESC LIMIT ?4"));
  statement.bind(1, community_id)
      .bind(2, member_id)
      .bind(3, joined_at.seconds)
      .bind(4, static_cast<std::int64_t>(limit));
  return read_cases(statement);
}

Result<std::vector<domain::Case>> SqliteStore::list_cases_awaiting_screening_approval(std::int64_t community_id,
                                                                                      std::int64_t member_id,
                                                                                      const KeyHolder& held_by,
                                                                                      std::size_t limit) {
  // Driven by the member's screenings (an index on member); + keeps the planner off the
  // community's case index. The holder's wrap is one primary-key look-up.
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare("SELECT " + std::string(case_columns()) +
                  " FROM screenings s JOIN cases c ON c.id = s.case_id WHERE s.member_id = ?2 AND s.approved_by IS "
                  "NULL AND +c.community_id = ?1 AND EXISTS (SELECT 1 FROM case_key_wraps w WHERE w.case_id = c.id "
                  "AND w.key_version = c.key_version AND w.holder = ?3 AND w.recipient_public = ?4) "
                  "ORDER BY s.screened_at, c.opened_at DESC, c.id DESC LIMIT ?5"));
  statement.bind(1, community_id)
      .bind(2, member_id)
      .bind(3, wrap_holder(held_by.member_id))
      .bind_blob(4, held_by.box_public)
      .bind(5, static_cast<std::int64_t>(limit));
  return read_cases(statement);
}

Result<std::vector<PersonRow>> SqliteStore::list_visible_people(std::int64_t community_id,
                                                                const domain::CaseListing& listing, std::size_t limit,
                                                                std::size_t offset) {
  if (listing.reach == domain::ListingReach::Nothing || limit == 0) return std::vector<PersonRow>{};
  SqlParameters parameters;
  const ListingParameters names = listing_parameters(community_id, listing, parameters);
  // Each record's count is of the cases the listing reaches; records whose every case
  // is hidden are left out, as their code name would tell that such a case exists.
  const std::string sql =
      "SELECT * FROM (SELECT p.id, p.community_id, p.code_name, p.created_at, p.flagged, p.banned_until, "
      "p.banned_permanently, (SELECT COUNT(*) FROM cases c WHERE c.id IN (SELECT rp.case_id FROM parties rp "
      "WHERE rp.person_id = p.id AND rp.role = 'reported') AND " +
      reaches_case(listing, names) + ") AS visible_cases FROM persons p WHERE p.community_id = " + names.community +
      ") AS counted WHERE visible_cases > 0 ORDER BY code_name" + page_clause(limit, offset, parameters);
  ASSIGN_OR_RETURN(Statement statement, db_.prepare(sql));
  parameters.bind_all(statement);
  return collect_rows(statement, read_person);
}

Result<std::optional<std::int64_t>> SqliteStore::reported_person_with_contact(std::int64_t community_id,
                                                                              std::string_view contact_index) {
  if (contact_index.empty()) return std::optional<std::int64_t>();
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT p.person_id FROM parties p JOIN cases c ON c.id = p.case_id "
                               "WHERE p.contact_index = ?1 AND p.role = 'reported' AND p.person_id IS NOT NULL "
                               "AND c.community_id = ?2 ORDER BY p.case_id, p.number LIMIT 1"));
  statement.bind_blob(1, contact_index).bind(2, community_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(statement.int64(0));
}

Result<std::vector<domain::Case>> SqliteStore::escrowed_cases_naming(std::int64_t community_id,
                                                                     std::int64_t except_case_id,
                                                                     const domain::EscrowMatchKeys& keys) {
  if (keys.empty()) return std::vector<domain::Case>{};
  // Every case written asks, and a community rarely holds any case: the held ones are
  // counted first on their partial index (migration 25), up to one past
  // kHeldCasesWalked, and none ends the look-up at once.
  constexpr std::int64_t kHeldCasesWalked = 64;
  std::int64_t held = 0;
  {
    ASSIGN_OR_RETURN(Statement count, db_.prepare("SELECT COUNT(*) FROM (SELECT 1 FROM cases WHERE community_id = ?1 "
                                                  "AND escrowed = 1 LIMIT ?2)"));
    count.bind(1, community_id).bind(2, kHeldCasesWalked + 1);
    ASSIGN_OR_RETURN(const bool row, count.step());
    if (row) held = count.int64(0);
  }
  if (held == 0) return std::vector<domain::Case>{};
  SqlParameters parameters;
  const std::string community = parameters.add(community_id);
  const std::string except = parameters.add(except_case_id);
  const auto in_list = [&](const std::string& column, const auto& values, auto add) {
    std::string list;
    for (const auto& value : values) list += (list.empty() ? "" : ", ") + add(value);
    return column + " IN (" + list + ")";
  };
  std::vector<std::string> matches;
  if (!keys.contacts.empty())
    matches.push_back(
        in_list("p.contact_index", keys.contacts, [&](const std::string& v) { return parameters.add_blob(v); }));
  if (!keys.names.empty())
    matches.push_back(
        in_list("p.name_index", keys.names, [&](const std::string& v) { return parameters.add_blob(v); }));
  if (!keys.person_ids.empty())
    matches.push_back(in_list("p.person_id", keys.person_ids, [&](std::int64_t v) { return parameters.add(v); }));
  std::string any;
  for (const std::string& match : matches) any += (any.empty() ? "" : " OR ") + match;
  // A few held cases: each one's reported parties, by case. Many: one indexed look-up
  // per kind of key the report has (contact, name, person record), joined by OR, then
  // each case found by its id. The cheaper side is walked, never the community's cases.
  const std::string sql =
      held <= kHeldCasesWalked
          ? "SELECT " + std::string(case_columns()) + " FROM cases c WHERE c.community_id = " + community +
                " AND c.escrowed = 1 AND c.id <> " + except +
                " AND EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND p.role = 'reported' AND (" + any +
                ")) ORDER BY c.id"
          : "SELECT " + std::string(case_columns()) +
                " FROM cases c WHERE c.id IN (SELECT p.case_id FROM parties p WHERE p.role = 'reported' AND (" + any +
                ")) AND +c.community_id = " + community + " AND c.escrowed = 1 AND c.id <> " + except +
                " ORDER BY c.id";
  ASSIGN_OR_RETURN(Statement statement, db_.prepare(sql));
  parameters.bind_all(statement);
  return read_cases(statement);
}

Result<std::vector<std::int64_t>> SqliteStore::cases_to_sweep(std::int64_t community_id, Date today) {
  // Three indexed branches: the wraps of the members whose standing may have changed
  // (few members; their wraps by member), and the wraps that meet an exclusion or a
  // possible conflict (by case and member). A group member never holds a wrap of a case
  // they still must screen: wraps reach them only once their screening is approved.
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare(
          "SELECT w.case_id FROM members m JOIN case_key_wraps w ON w.member_id = m.id "
          "WHERE m.community_id = ?1 AND (m.status <> 'active' OR (m.term_end IS NOT NULL AND m.term_end < ?2) "
          "OR m.role NOT IN ('member', 'chair', 'vice-chair')) "
          "UNION SELECT x.case_id FROM members m JOIN exclusions x ON x.member_id = m.id "
          "JOIN case_key_wraps w ON w.case_id = x.case_id AND w.member_id = x.member_id WHERE m.community_id = ?1 "
          "UNION SELECT pc.case_id FROM members m JOIN possible_conflicts pc ON pc.member_id = m.id "
          "JOIN case_key_wraps w ON w.case_id = pc.case_id AND w.member_id = pc.member_id "
          "WHERE m.community_id = ?1 ORDER BY 1"));
  statement.bind(1, community_id).bind(2, static_cast<std::int64_t>(today.days));
  return collect_rows(statement, [](const Statement& row) { return row.int64(0); });
}

Result<std::vector<PartyIndexRow>> SqliteStore::parties_matching(std::int64_t community_id,
                                                                 const std::vector<std::string>& indexes) {
  std::vector<std::string> wanted;
  for (const std::string& index : indexes)
    if (!index.empty() && std::find(wanted.begin(), wanted.end(), index) == wanted.end()) wanted.push_back(index);
  if (wanted.empty()) return std::vector<PartyIndexRow>{};
  std::string placeholders;
  for (std::size_t i = 0; i < wanted.size(); ++i) placeholders += (i ? ", ?" : "?") + std::to_string(i + 2);
  const std::string in_wanted = " IN (" + placeholders + ")";
  // Three indexed look-ups joined by OR: each blind-index column has its own index.
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT p.case_id, p.number, p.role, p.contact_index, p.name_index, p.employer_index, "
                               "p.person_id FROM parties p JOIN cases c ON c.id = p.case_id WHERE c.community_id = ?1 "
                               "AND (p.contact_index" +
                               in_wanted + " OR p.name_index" + in_wanted + " OR p.employer_index" + in_wanted +
                               ") ORDER BY p.case_id, p.number"));
  statement.bind(1, community_id);
  for (std::size_t i = 0; i < wanted.size(); ++i) statement.bind_blob(static_cast<int>(i + 2), wanted[i]);
  return read_party_indexes(statement);
}

Result<std::vector<WaitingDraftRow>> SqliteStore::list_waiting_drafts(std::int64_t community_id,
                                                                      const domain::CaseListing& listing,
                                                                      std::size_t limit) {
  if (listing.reach == domain::ListingReach::Nothing || limit == 0) return std::vector<WaitingDraftRow>{};
  SqlParameters parameters;
  const ListingParameters names = listing_parameters(community_id, listing, parameters);
  const std::string most = parameters.add(static_cast<std::int64_t>(limit));
  // Waiting drafts are few whatever the number of cases: the index on their status
  // finds them, and each one's case is judged by the listing's conditions.
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT d.case_id, c.code_name, d.number, d.recipient, d.author_id, d.created_at "
                               "FROM drafts d JOIN cases c ON c.id = d.case_id WHERE d.status = 'waiting' AND "
                               "c.community_id = " +
                               names.community + " AND (" + reaches_case(listing, names) +
                               ") ORDER BY d.created_at, d.case_id, d.number LIMIT " + most));
  parameters.bind_all(statement);
  return collect_rows(statement, [](const Statement& row) {
    WaitingDraftRow draft;
    draft.case_id = row.int64(0);
    draft.code_name = row.text(1);
    draft.number = static_cast<int>(row.int64(2));
    draft.recipient = row.text(3);
    draft.author_id = row.int64(4);
    draft.created_at = Timestamp{row.int64(5)};
    return draft;
  });
}

}  // namespace conduct::store::sqlite
