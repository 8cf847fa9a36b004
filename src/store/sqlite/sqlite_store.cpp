// The SQLite store: opening, transactions, communities and members
// (store/community_store.h). The other concerns have a file each: sqlite_cases.cpp,
// sqlite_relations.cpp, sqlite_access.cpp, sqlite_accounts.cpp, sqlite_keys.cpp,
// sqlite_evidence.cpp, sqlite_audit.cpp, sqlite_retention.cpp, sqlite_backup.cpp.
#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_rows.h"

namespace conduct::store::sqlite {
namespace {

constexpr std::string_view kMemberColumns =
    "id, community_id, email, display_name, role, term_start, term_end, status, joined_at, handles, employer";

std::string join_handles(const std::vector<std::string>& handles) {
  std::string joined;
  for (const std::string& handle : handles) joined += (joined.empty() ? "" : " ") + handle;
  return joined;
}

std::vector<std::string> split_handles(const std::string& joined) {
  std::vector<std::string> handles;
  std::size_t start = 0;
  while (start < joined.size()) {
    std::size_t end = joined.find(' ', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) handles.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return handles;
}

domain::Member read_member(const Statement& row) {
  domain::Member member;
  member.id = row.int64(0);
  member.community_id = row.int64(1);
  member.email = row.text(2);
  member.display_name = row.text(3);
  member.role = domain::parse_role(row.text(4)).value_or(domain::Role::Member);
  member.term_start = Date{static_cast<std::int32_t>(row.int64(5))};
  if (const auto end = row.optional_int64(6)) member.term_end = Date{static_cast<std::int32_t>(*end)};
  member.status = row.text(7) == "former" ? domain::MemberStatus::Former : domain::MemberStatus::Active;
  member.joined_at = Timestamp{row.int64(8)};
  member.handles = split_handles(row.text(9));
  member.employer = row.text(10);
  return member;
}

// In the order read_community reads them.
constexpr std::string_view kCommunityColumns = "id, slug, name, contact_email, policy_source, created_at";

CommunityRow read_community(const Statement& row) {
  CommunityRow community_row;
  community_row.community.id = row.int64(0);
  community_row.community.slug = row.text(1);
  community_row.community.name = row.text(2);
  community_row.community.contact_email = row.text(3);
  community_row.policy_source = row.text(4);
  community_row.community.created_at = Timestamp{row.int64(5)};
  return community_row;
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, crypto::Sealer& sealer, Schema schema) {
  ASSIGN_OR_RETURN(Database db, Database::open(path));
  if (schema == Schema::Migrate) TRY(migrate(db));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db), sealer, path));
}

Result<std::unique_ptr<Store>> open_store(const std::string& path, crypto::Sealer& sealer, Schema schema) {
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store, SqliteStore::open(path, sealer, schema));
  return std::unique_ptr<Store>(std::move(store));
}

void SqliteStore::release_memory() { sqlite3_db_release_memory(db_.handle()); }

Status SqliteStore::in_transaction(const std::function<Status()>& work) {
  if (in_transaction_) return internal_error("transactions do not nest");
  const std::lock_guard<std::mutex> one_writer(db_.writer_lock());
  TRY(db_.execute("BEGIN IMMEDIATE"));
  in_transaction_ = true;
  Status result;
  try {
    result = work();
  } catch (...) {
    // An exception from the work must not leave the transaction open for every later
    // request: roll back, then let it travel on.
    in_transaction_ = false;
    (void)db_.execute("ROLLBACK");
    handled_.reset();
    throw;
  }
  in_transaction_ = false;
  if (!result.ok()) {
    (void)db_.execute("ROLLBACK");
    handled_.reset();
    return result;
  }
  Status committed = db_.execute("COMMIT");
  if (!committed.ok()) {
    (void)db_.execute("ROLLBACK");
    handled_.reset();
  }
  return committed;
}

StorageHealth SqliteStore::storage_health() {
  const StorageProblem problem = storage_problem(db_, path_);
  if (problem == StorageProblem::None) return {};
  return {false, storage_error(problem).message};
}

Result<std::int64_t> SqliteStore::insert_community(const CommunityRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO communities (slug, name, contact_email, policy_source, created_at) "
                               "VALUES (?, ?, ?, ?, ?) RETURNING id"));
  statement.bind(1, row.community.slug)
      .bind(2, row.community.name)
      .bind(3, row.community.contact_email)
      .bind(4, row.policy_source)
      .bind(5, row.community.created_at.seconds);
  ASSIGN_OR_RETURN(const bool inserted, statement.step());
  if (!inserted) return internal_error("the community was not inserted");
  return statement.int64(0);
}

Result<CommunityRow> SqliteStore::find_community(std::string_view slug) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kCommunityColumns) + " FROM communities WHERE slug = ?"));
  statement.bind(1, slug);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no community '" + std::string(slug) + "'");
  return read_community(statement);
}

Result<CommunityRow> SqliteStore::find_community_by_id(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kCommunityColumns) + " FROM communities WHERE id = ?"));
  statement.bind(1, community_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no community " + std::to_string(community_id));
  return read_community(statement);
}

Result<std::int64_t> SqliteStore::count_communities() {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT COUNT(*) FROM communities"));
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return internal_error("cannot count the communities");
  return statement.int64(0);
}

Result<std::vector<CommunityRow>> SqliteStore::list_communities() {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kCommunityColumns) + " FROM communities ORDER BY id"));
  return collect_rows(statement, read_community);
}

Result<std::int64_t> SqliteStore::insert_member(const domain::Member& member) {
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare("INSERT INTO members (community_id, email, display_name, role, term_start, term_end, "
                  "status, joined_at, handles, employer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  std::optional<std::int64_t> term_end;
  if (member.term_end) term_end = member.term_end->days;
  statement.bind(1, member.community_id)
      .bind(2, member.email)
      .bind(3, member.display_name)
      .bind(4, domain::to_string(member.role))
      .bind(5, static_cast<std::int64_t>(member.term_start.days))
      .bind(6, term_end)
      .bind(7, member.status == domain::MemberStatus::Former ? "former" : "active")
      .bind(8, member.joined_at.seconds)
      .bind(9, join_handles(member.handles))
      .bind(10, member.employer);
  auto inserted = statement.step();
  if (!inserted.ok()) {
    if (inserted.error().code == ErrorCode::AlreadyExists)
      return already_exists("a member with the email " + member.email + " already exists");
    return inserted.error();
  }
  return statement.int64(0);
}

Result<domain::Member> SqliteStore::find_member(std::int64_t community_id, std::string_view email) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kMemberColumns) +
                                                    " FROM members WHERE community_id = ? AND email = ?"));
  statement.bind(1, community_id).bind(2, email);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no member with the email " + std::string(email));
  return read_member(statement);
}

Result<domain::Member> SqliteStore::find_member_by_id(std::int64_t member_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kMemberColumns) + " FROM members WHERE id = ?"));
  statement.bind(1, member_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no member " + std::to_string(member_id));
  return read_member(statement);
}

Result<std::vector<domain::Member>> SqliteStore::list_members(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kMemberColumns) +
                                                    " FROM members WHERE community_id = ? ORDER BY id"));
  statement.bind(1, community_id);
  return collect_rows(statement, read_member);
}

Status SqliteStore::update_member(const domain::Member& member) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE members SET display_name = ?, role = ?, term_end = ?, status = ?, handles = ?, "
                               "employer = ?, joined_at = ? WHERE id = ? RETURNING id"));
  std::optional<std::int64_t> term_end;
  if (member.term_end) term_end = member.term_end->days;
  statement.bind(1, member.display_name)
      .bind(2, domain::to_string(member.role))
      .bind(3, term_end)
      .bind(4, member.status == domain::MemberStatus::Former ? "former" : "active")
      .bind(5, join_handles(member.handles))
      .bind(6, member.employer)
      .bind(7, member.joined_at.seconds)
      .bind(8, member.id);
  ASSIGN_OR_RETURN(const bool updated, statement.step());
  if (!updated) return not_found("no member with the email " + member.email);
  return ok_status();
}

}  // namespace conduct::store::sqlite
