// Case keys, their wraps and the recovery key (part of the Store interface,
// store/store.h; docs/security.md "Per-case keys").
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "crypto/sealer.h"
#include "domain/case.h"
#include "store/key_rows.h"

namespace conduct::store {

class KeyStore {
 public:
  virtual ~KeyStore() = default;

  // Case keys (store/key_rows.h).
  virtual Status save_case_key_wrap(const CaseKeyWrapRow& row) = 0;  // insert or replace
  // Every wrap of the case, every version and holder, by version then member (the
  // recovery key's first).
  virtual Result<std::vector<CaseKeyWrapRow>> case_key_wraps(std::int64_t case_id) = 0;
  // Deletes the member's wraps of every version of one case, or of every case when
  // `case_id` is absent; returns the ids of the cases that had one, ascending.
  virtual Result<std::vector<std::int64_t>> delete_case_key_wraps(std::optional<std::int64_t> case_id,
                                                                  std::int64_t member_id) = 0;
  // The cases of the community where a member holds a wrap the policy may no longer
  // allow, ascending: wraps of members who are former, whose term ended before `today`
  // or whose role reaches cases only by invitation or grant (advisers, the board), and
  // wraps of members excluded from the case or with a possible conflict on it. A
  // superset: the caller asks the policy about each (app/case_keys.h). Found from the
  // members and the relation tables, never by reading every wrap.
  virtual Result<std::vector<std::int64_t>> cases_to_sweep(std::int64_t community_id, Date today) = 0;
  // Errors (both): NotFound for an unknown case.
  virtual Result<CaseKeyState> find_case_key_state(std::int64_t case_id) = 0;
  virtual Status save_case_key_state(const CaseKeyState& state) = 0;
  // The cases of the community still at key version 0 (plaintext), oldest first.
  virtual Result<std::vector<domain::Case>> cases_without_keys(std::int64_t community_id) = 0;
  // The blind-index key's check value (app/keys.h check_index_key); none until first set.
  virtual Result<std::optional<std::string>> index_key_check() = 0;
  virtual Status save_index_key_check(std::string_view check_value) = 0;  // insert or replace
  virtual Status save_recovery_key(const RecoveryKeyRow& row) = 0;        // insert or replace
  virtual Result<RecoveryKeyRow> find_recovery_key(std::int64_t community_id) = 0;
  // Moves every sealed field of one case from `from` to `to` (store/sealing.h lists
  // them: the location, the parties' name, contact and employer, the timeline entries'
  // bodies, report texts included, the exclusions' notes and the oversight grants'
  // reasons): each stored value is opened with `from` and sealed with `to` under its
  // own context, and each party's blind indexes are replaced with
  // `indexes_of(the party, opened)`. The key state is left alone. It is how a case an
  // earlier release stored in plaintext gets sealed (app/keys.h, seal_plaintext), and
  // the only write that changes timeline entries in place. All or nothing by itself;
  // inside in_transaction() it is part of that transaction.
  // Errors: NotFound for a case that is not stored; the sealers' errors as they come.
  virtual Status reseal_case(const domain::Case& owner, crypto::Sealer& from, crypto::Sealer& to,
                             const std::function<PartyIndexes(const domain::Party&)>& indexes_of) = 0;
};

}  // namespace conduct::store
