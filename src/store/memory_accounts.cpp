// The sign-in tables of the in-memory store (store/account_rows.h).
#include "store/memory_store.h"

namespace conduct::store {
namespace {

Error missing_member() { return internal_error("database write failed: a referenced record does not exist"); }

// Whether a row with `id` exists: ids are positions, the row with id N at index N - 1
// (memory_store.h). A reference to a missing row is refused as by SQLite's foreign keys.
template <typename Rows>
bool exists(const Rows& rows, std::int64_t id) {
  return id >= 1 && id <= static_cast<std::int64_t>(rows.size());
}

template <typename Map, typename Key>
auto find_in(Map& map, const Key& key, const char* missing) -> Result<typename Map::mapped_type> {
  const auto found = map.find(key);
  if (found == map.end()) return not_found(missing);
  return found->second;
}

}  // namespace

Status MemoryStore::save_credentials(const CredentialsRow& row) {
  if (!exists(tables_.members, row.member_id)) return missing_member();
  tables_.credentials[row.member_id] = row;
  return ok_status();
}

Result<CredentialsRow> MemoryStore::find_credentials(std::int64_t member_id) {
  return find_in(tables_.credentials, member_id, "the member has not enrolled");
}

Status MemoryStore::delete_credentials(std::int64_t member_id) {
  tables_.credentials.erase(member_id);
  return ok_status();
}

Status MemoryStore::set_totp_last_step(std::int64_t member_id, std::int64_t step) {
  const auto found = tables_.credentials.find(member_id);
  if (found == tables_.credentials.end()) return not_found("the member has not enrolled");
  if (step <= found->second.totp_last_step) return failed_precondition("that code's time step was already used");
  found->second.totp_last_step = step;
  return ok_status();
}

Status MemoryStore::insert_session(const SessionRow& row) {
  if (tables_.sessions.count(row.lookup_id)) return already_exists("a session with that id already exists");
  if (!exists(tables_.members, row.member_id)) return missing_member();
  tables_.sessions[row.lookup_id] = row;
  return ok_status();
}

Result<SessionRow> MemoryStore::find_session(std::string_view lookup_id) {
  return find_in(tables_.sessions, lookup_id, "no such session");
}

Status MemoryStore::touch_session(std::string_view lookup_id, Timestamp last_seen_at) {
  const auto found = tables_.sessions.find(lookup_id);
  if (found != tables_.sessions.end()) found->second.last_seen_at = last_seen_at;
  return ok_status();
}

Status MemoryStore::delete_session(std::string_view lookup_id) {
  const auto found = tables_.sessions.find(lookup_id);
  if (found != tables_.sessions.end()) tables_.sessions.erase(found);
  return ok_status();
}

Status MemoryStore::delete_sessions_of(std::int64_t member_id) {
  std::erase_if(tables_.sessions, [&](const auto& entry) { return entry.second.member_id == member_id; });
  return ok_status();
}

Status MemoryStore::insert_enrolment(const EnrolmentRow& row) {
  if (tables_.enrolments.count(row.lookup_id)) return already_exists("an enrolment link with that id already exists");
  if (!exists(tables_.members, row.member_id) || !exists(tables_.members, row.issued_by)) return missing_member();
  tables_.enrolments[row.lookup_id] = row;
  tables_.enrolments[row.lookup_id].used_at.reset();
  return ok_status();
}

Result<EnrolmentRow> MemoryStore::find_enrolment(std::string_view lookup_id) {
  return find_in(tables_.enrolments, lookup_id, "no such enrolment link");
}

Status MemoryStore::mark_enrolment_used(std::string_view lookup_id, Timestamp used_at) {
  const auto found = tables_.enrolments.find(lookup_id);
  if (found == tables_.enrolments.end()) return not_found("no such enrolment link");
  if (found->second.used_at) return failed_precondition("the enrolment link was already used");
  found->second.used_at = used_at;
  found->second.root_secret_sealed.clear();
  return ok_status();
}

Result<ThrottleRow> MemoryStore::find_throttle(std::string_view key) {
  const auto found = tables_.throttles.find(key);
  if (found == tables_.throttles.end()) return ThrottleRow{std::string(key), 0, Timestamp{}};
  return found->second;
}

Status MemoryStore::save_throttle(const ThrottleRow& row) {
  if (row.failures <= 0) tables_.throttles.erase(row.key);
  else tables_.throttles[row.key] = row;
  return ok_status();
}

Status MemoryStore::save_certificate(const CertificateRow& row) {
  if (!exists(tables_.members, row.member_id)) return missing_member();
  tables_.certificates[row.member_id] = row;
  return ok_status();
}

Result<CertificateRow> MemoryStore::find_certificate(std::int64_t member_id) {
  return find_in(tables_.certificates, member_id, "the member's keys are not certified");
}

Status MemoryStore::save_root_public_key(std::int64_t community_id, std::string_view sign_public) {
  if (!exists(tables_.communities, community_id)) return missing_member();
  tables_.root_public_keys[community_id] = std::string(sign_public);
  return ok_status();
}

Result<std::string> MemoryStore::find_root_public_key(std::int64_t community_id) {
  return find_in(tables_.root_public_keys, community_id, "the community has no root key");
}

Status MemoryStore::save_root_key_wrap(const RootKeyWrapRow& row) {
  if (!exists(tables_.communities, row.community_id) || !exists(tables_.members, row.member_id)) return missing_member();
  tables_.root_key_wraps[{row.community_id, row.member_id}] = row;
  return ok_status();
}

Result<RootKeyWrapRow> MemoryStore::find_root_key_wrap(std::int64_t community_id, std::int64_t member_id) {
  return find_in(tables_.root_key_wraps, std::pair{community_id, member_id}, "the member holds no copy of the root key");
}

}  // namespace conduct::store
