// The case keys and recovery keys of the in-memory store (store/key_rows.h): opaque
// bytes, kept and given back as they are; nothing here seals or opens anything.
#include <algorithm>
#include <set>

#include "store/memory_rows.h"
#include "store/memory_store.h"

namespace conduct::store {
namespace {

// The same message as the SQLite store's foreign keys give, so tests see one behaviour.
Error missing_reference() { return internal_error("database write failed: a referenced record does not exist"); }

using memory::has_row;

Error no_case(std::int64_t case_id) { return not_found("no case " + std::to_string(case_id)); }

}  // namespace

Status MemoryStore::save_case_key_wrap(const CaseKeyWrapRow& row) {
  if (!has_row(tables_.cases, row.case_id) || !has_row(tables_.members, row.member_id))
    return missing_reference();
  tables_.case_key_wraps[WrapKey{row.case_id, row.key_version, row.member_id}] = row;
  return ok_status();
}

Result<std::vector<CaseKeyWrapRow>> MemoryStore::case_key_wraps(std::int64_t case_id) {
  // The map is ordered by (case, version, holder), the recovery key's wrap first.
  std::vector<CaseKeyWrapRow> wraps;
  for (const auto& [key, wrap] : tables_.case_key_wraps)
    if (wrap.case_id == case_id) wraps.push_back(wrap);
  return wraps;
}

Result<std::vector<std::int64_t>> MemoryStore::delete_case_key_wraps(std::optional<std::int64_t> case_id,
                                                                     std::int64_t member_id) {
  std::set<std::int64_t> cases;
  std::erase_if(tables_.case_key_wraps, [&](const auto& entry) {
    const CaseKeyWrapRow& wrap = entry.second;
    const bool matches = wrap.member_id == member_id && (!case_id || wrap.case_id == *case_id);
    if (matches) cases.insert(wrap.case_id);
    return matches;
  });
  return std::vector<std::int64_t>(cases.begin(), cases.end());
}

Result<CaseKeyState> MemoryStore::find_case_key_state(std::int64_t case_id) {
  const auto found = tables_.case_key_states.find(case_id);
  if (found == tables_.case_key_states.end()) return no_case(case_id);
  return found->second;
}

Status MemoryStore::save_case_key_state(const CaseKeyState& state) {
  const auto found = tables_.case_key_states.find(state.case_id);
  if (found == tables_.case_key_states.end()) return no_case(state.case_id);
  found->second = state;
  return ok_status();
}

Result<std::vector<domain::Case>> MemoryStore::cases_without_keys(std::int64_t community_id) {
  std::vector<domain::Case> cases;
  for (const domain::Case& stored : tables_.cases)
    if (stored.community_id == community_id && tables_.case_key_states.at(stored.id).current_version == 0)
      cases.push_back(listed_case(stored));
  std::stable_sort(cases.begin(), cases.end(), [](const domain::Case& a, const domain::Case& b) {
    return a.opened_at < b.opened_at;  // ties stay in id order
  });
  return cases;
}

Status MemoryStore::save_recovery_key(const RecoveryKeyRow& row) {
  if (!has_row(tables_.communities, row.community_id)) return missing_reference();
  tables_.recovery_keys[row.community_id] = row;
  return ok_status();
}

Result<RecoveryKeyRow> MemoryStore::find_recovery_key(std::int64_t community_id) {
  const auto found = tables_.recovery_keys.find(community_id);
  if (found == tables_.recovery_keys.end()) return not_found("the community has no recovery key");
  return found->second;
}

}  // namespace conduct::store
