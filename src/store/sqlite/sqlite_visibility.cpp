// The SQL of access decided by index. The meaning of each reach is written in words in
// domain/visibility.h; each condition below says which part of it it implements, in
// the terms of domain::relation_of (conflicts.cpp) and the policy (access.cpp).
#include "store/sqlite/sqlite_visibility.h"

#include "store/sqlite/sqlite_rows.h"

namespace conduct::store::sqlite {
namespace {

using domain::ListingReach;

// "excluded": any exclusion of the member from the case (declared, party, named,
// confirmed shared employer) hides it, whatever else holds.
std::string not_excluded(const ListingParameters& p) {
  return "NOT EXISTS (SELECT 1 FROM exclusions x WHERE x.case_id = c.id AND x.member_id = " + p.member + ")";
}

// A group member sees nothing of a case while a possible conflict awaits their answer.
std::string no_possible_conflict(const ListingParameters& p) {
  return "NOT EXISTS (SELECT 1 FROM possible_conflicts pc WHERE pc.case_id = c.id AND pc.member_id = " + p.member + ")";
}

// "must_screen"/"awaiting_approval": a case opened before the member joined is theirs
// only once their screening of it was approved.
std::string approved_screening_of(const std::string& case_id, const ListingParameters& p) {
  return "EXISTS (SELECT 1 FROM screenings s WHERE s.case_id = " + case_id + " AND s.member_id = " + p.member +
         " AND s.approved_by IS NOT NULL)";
}

std::string invited(const ListingParameters& p) {
  return "EXISTS (SELECT 1 FROM invitations i WHERE i.case_id = c.id AND i.member_id = " + p.member + ")";
}

// "oversight": an approved grant not yet over at `now` (OversightGrant::is_active).
constexpr std::string_view kActiveGrant =
    "g.approved_by IS NOT NULL AND COALESCE(g.approved_at, g.requested_at) + g.days * 86400 > ";

std::string overseen(const ListingParameters& p) {
  return "EXISTS (SELECT 1 FROM oversight_grants g WHERE g.case_id = c.id AND g.member_id = " + p.member + " AND " +
         std::string(kActiveGrant) + p.now + ")";
}

// "routed_to_board": every chair active today is excluded from the case.
std::string chairs_list(const ListingParameters& p) {
  std::string list;
  for (const std::string& chair : p.chairs) list += (list.empty() ? "" : ", ") + chair;
  return list;
}
std::string routed_to_board(const ListingParameters& p) {
  if (p.chairs.empty()) return "0";
  return "(SELECT COUNT(*) FROM exclusions xc WHERE xc.case_id = c.id AND xc.member_id IN (" + chairs_list(p) +
         ")) = " + std::to_string(p.chairs.size());
}

// "escrowed": a case held in escrow is left out unless the policy lets the listing reach
// such cases (CaseListing::reaches_escrowed; it lets no member's).
std::string not_escrowed(const domain::CaseListing& listing) {
  return listing.reaches_escrowed ? "" : " AND c.escrowed = 0";
}

}  // namespace

std::string SqlParameters::add(std::int64_t value) {
  values_.emplace_back(value);
  return "?" + std::to_string(values_.size());
}

std::string SqlParameters::add(std::string value) {
  values_.emplace_back(std::move(value));
  return "?" + std::to_string(values_.size());
}

std::string SqlParameters::add_blob(std::string bytes) {
  values_.emplace_back(Blob{std::move(bytes)});
  return "?" + std::to_string(values_.size());
}

std::string page_clause(std::size_t limit, std::size_t offset, SqlParameters& parameters) {
  std::string clause = " LIMIT ";
  clause += parameters.add(static_cast<std::int64_t>(limit));
  clause += " OFFSET ";
  clause += parameters.add(static_cast<std::int64_t>(offset));
  return clause;
}

void SqlParameters::bind_all(Statement& statement) const {
  for (std::size_t i = 0; i < values_.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    if (const auto* number = std::get_if<std::int64_t>(&values_[i]))
      statement.bind(index, *number);
    else if (const auto* text = std::get_if<std::string>(&values_[i]))
      statement.bind(index, *text);
    else
      statement.bind_blob(index, std::get<Blob>(values_[i]).bytes);
  }
}

ListingParameters listing_parameters(std::int64_t community_id, const domain::CaseListing& listing,
                                     SqlParameters& parameters) {
  ListingParameters names;
  names.community = parameters.add(community_id);
  names.member = parameters.add(listing.member_id);
  names.joined_at = parameters.add(listing.joined_at.seconds);
  names.now = parameters.add(listing.now.seconds);
  for (const std::int64_t chair : listing.active_chair_ids) names.chairs.push_back(parameters.add(chair));
  return names;
}

std::string reaches_case(const domain::CaseListing& listing, const ListingParameters& p) {
  const std::string held = not_escrowed(listing);
  switch (listing.reach) {
    case ListingReach::GroupCases:
      return "(" + not_excluded(p) + " AND " + no_possible_conflict(p) + " AND (c.opened_at >= " + p.joined_at +
             " OR " + approved_screening_of("c.id", p) + ")" + held + ")";
    case ListingReach::InvitedCases:
      return "(" + not_excluded(p) + " AND " + invited(p) + held + ")";
    case ListingReach::OverseenCases:
      return "(" + not_excluded(p) + " AND (" + overseen(p) + " OR " + routed_to_board(p) + ")" + held + ")";
    case ListingReach::Nothing:
      break;
  }
  return "0";
}

std::string filter_conditions(const CaseFilter& filter, const domain::CaseCriteria& criteria,
                              SqlParameters& parameters) {
  std::string sql;
  if (filter.state) sql += " AND c.state = " + parameters.add(std::string(domain::to_string(*filter.state)));
  if (filter.reported_person_id)
    sql += " AND c.id IN (SELECT rp.case_id FROM parties rp WHERE rp.person_id = " +
           parameters.add(*filter.reported_person_id) + " AND rp.role = 'reported')";
  // One look-up of case_key_wraps' primary key per case.
  const auto wrap_of = [&](const KeyHolder& holder) {
    const std::string name = parameters.add(wrap_holder(holder.member_id));
    const std::string key = parameters.add_blob(holder.box_public);
    return "EXISTS (SELECT 1 FROM case_key_wraps w WHERE w.case_id = c.id AND w.key_version = c.key_version AND "
           "w.holder = " +
           name + " AND w.recipient_public = " + key + ")";
  };
  if (filter.key_missing_for) sql += " AND NOT " + wrap_of(*filter.key_missing_for);
  if (filter.key_held_by) sql += " AND " + wrap_of(*filter.key_held_by);
  if (criteria.category)
    sql += " AND EXISTS (SELECT 1 FROM case_categories cc WHERE cc.case_id = c.id AND cc.category = " +
           parameters.add(std::string(domain::to_string(*criteria.category))) + ")";
  if (criteria.space_key) sql += " AND c.space_key = " + parameters.add(*criteria.space_key);
  if (criteria.ongoing_only) sql += " AND c.ongoing = 1";
  if (criteria.physical_danger_only) sql += " AND c.physical_danger = 1";
  if (criteria.open_only) sql += " AND c.state <> 'resolved'";
  // By the UTC day the case was opened, as domain::meets compares them.
  if (criteria.opened_from)
    sql += " AND c.opened_at >= " + parameters.add(std::int64_t{criteria.opened_from->days} * kSecondsPerDay);
  if (criteria.opened_to)
    sql += " AND c.opened_at < " + parameters.add((std::int64_t{criteria.opened_to->days} + 1) * kSecondsPerDay);
  return sql;
}

std::string visible_cases_query(const domain::CaseListing& listing, const ListingParameters& p,
                                std::string_view columns, const std::string& filters, SqlParameters& parameters,
                                const CaseFilter& filter) {
  // A branch is either a walk of the community's cases newest first (the index on
  // community and opening time, stopped by LIMIT) or driven by a short list of case
  // ids (the member's screenings, invitations, grants; a person's cases). In the
  // second kind the unary + keeps the planner from walking the case index instead of
  // following the list; it changes no value.
  const std::string walk = "SELECT " + std::string(columns) + " FROM cases c WHERE c.community_id = " + p.community;
  const std::string select = "SELECT " + std::string(columns) + " FROM cases c WHERE +c.community_id = " + p.community;
  const std::string& first = filter.reported_person_id ? select : walk;
  const std::string opened = filter.reported_person_id ? " AND +c.opened_at" : " AND c.opened_at";
  // Every branch leaves out what the policy keeps out of every reach (held cases).
  const std::string all = not_escrowed(listing) + filters;
  std::vector<std::string> branches;
  switch (listing.reach) {
    case ListingReach::GroupCases: {
      const std::string common = " AND " + not_excluded(p) + " AND " + no_possible_conflict(p) + all;
      // Cases opened since the member joined: an index range, newest first (or the
      // person's cases, when the list is of one person's).
      branches.push_back(first + opened + " >= " + p.joined_at + common);
      // Earlier cases: only those whose screening was approved, found from the member's
      // screenings (a newcomer's few), never by walking every earlier case.
      branches.push_back(select + " AND +c.opened_at < " + p.joined_at +
                         " AND c.id IN (SELECT s.case_id FROM screenings s WHERE s.member_id = " + p.member +
                         " AND s.approved_by IS NOT NULL)" + common);
      break;
    }
    case ListingReach::InvitedCases:
      branches.push_back(select + " AND c.id IN (SELECT i.case_id FROM invitations i WHERE i.member_id = " + p.member +
                         ") AND " + not_excluded(p) + all);
      break;
    case ListingReach::OverseenCases:
      branches.push_back(select + " AND c.id IN (SELECT g.case_id FROM oversight_grants g WHERE g.member_id = " +
                         p.member + " AND " + std::string(kActiveGrant) + p.now + ") AND " + not_excluded(p) + all);
      if (!p.chairs.empty())
        // A routed case excludes the first active chair among others: start from those.
        branches.push_back(
            select + " AND c.id IN (SELECT xf.case_id FROM exclusions xf WHERE xf.member_id = " + p.chairs.front() +
            ") AND " + routed_to_board(p) + " AND NOT (" + overseen(p) + ") AND " + not_excluded(p) + all);
      break;
    case ListingReach::Nothing:
      return "";
  }
  std::string sql;
  for (const std::string& branch : branches) sql += (sql.empty() ? "" : " UNION ALL ") + branch;
  // Columns 5 and 1 are opened_at and id (case_columns()).
  sql += " ORDER BY 5 DESC, 1 DESC" + page_clause(filter.limit, filter.offset, parameters);
  return sql;
}

}  // namespace conduct::store::sqlite
