// Signing in: credentials, sessions, enrolment links, throttles, certificates and root
// keys (part of the Store interface, store/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/account_rows.h"

namespace conduct::store {

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Sign-in (store/account_rows.h). Lookups answer NotFound when absent.
  virtual Status save_credentials(const CredentialsRow& row) = 0;  // insert or replace
  virtual Result<CredentialsRow> find_credentials(std::int64_t member_id) = 0;
  virtual Status delete_credentials(std::int64_t member_id) = 0;
  // Records a newly accepted TOTP step. Errors: FailedPrecondition when `step` is not
  // later than the stored one (a code used twice, even by two processes at once);
  // NotFound when the member has not enrolled.
  virtual Status set_totp_last_step(std::int64_t member_id, std::int64_t step) = 0;
  virtual Status insert_session(const SessionRow& row) = 0;
  virtual Result<SessionRow> find_session(std::string_view lookup_id) = 0;
  virtual Status touch_session(std::string_view lookup_id, Timestamp last_seen_at) = 0;
  virtual Status delete_session(std::string_view lookup_id) = 0;
  virtual Status delete_sessions_of(std::int64_t member_id) = 0;
  virtual Status insert_enrolment(const EnrolmentRow& row) = 0;
  virtual Result<EnrolmentRow> find_enrolment(std::string_view lookup_id) = 0;
  // Marks the link used and forgets the root key copy it may carry. Errors:
  // FailedPrecondition when it was already used (even by another process just now);
  // NotFound for an unknown link.
  virtual Status mark_enrolment_used(std::string_view lookup_id, Timestamp used_at) = 0;
  virtual Result<ThrottleRow> find_throttle(std::string_view key) = 0;  // a fresh row when absent
  virtual Status save_throttle(const ThrottleRow& row) = 0;             // failures 0 removes it
  // Deletes the throttles whose failures are all forgiven by `now`; the number deleted.
  virtual Result<std::int64_t> prune_throttles(Timestamp now) = 0;
  virtual Status insert_sign_in_warning(const SignInWarningRow& row) = 0;
  // Claims `row.lookup` for a write in progress (status 0): nothing when the claim is
  // new, the row already there otherwise (a retry, or a write still in progress).
  virtual Result<std::optional<IdempotentAnswerRow>> claim_idempotent_answer(const IdempotentAnswerRow& row) = 0;
  virtual Status save_idempotent_answer(std::string_view lookup, int status, std::string_view answer_sealed) = 0;
  virtual Status forget_idempotent_answer(std::string_view lookup) = 0;
  // Deletes the answers made before `before`; the number deleted.
  virtual Result<std::int64_t> prune_idempotent_answers(Timestamp before) = 0;
  // The community's warnings raised at or after `since`, newest first, at most `limit`.
  virtual Result<std::vector<SignInWarningRow>> sign_in_warnings(std::int64_t community_id, Timestamp since,
                                                                 std::size_t limit) = 0;
  virtual Status save_certificate(const CertificateRow& row) = 0;  // insert or replace
  virtual Result<CertificateRow> find_certificate(std::int64_t member_id) = 0;
  virtual Status save_root_public_key(std::int64_t community_id, std::string_view sign_public) = 0;
  virtual Result<std::string> find_root_public_key(std::int64_t community_id) = 0;
  virtual Status save_root_key_wrap(const RootKeyWrapRow& row) = 0;  // insert or replace
  virtual Result<RootKeyWrapRow> find_root_key_wrap(std::int64_t community_id, std::int64_t member_id) = 0;
};

}  // namespace conduct::store
