// Helpers every backend uses to pass a case's confidential fields through the Sealer
// with the same context, so a value sealed by one backend opens in another.
//
// The records of a case whose fields are sealed, and the names their contexts use:
//   "case"                      location
//   "party:<number>"            name, contact, employer
//   "entry:<number>"            body (a report's text is its entry's body)
//   "exclusion:<member id>"     note
//   "oversight:<member id>:<requested at, seconds>"   reason
//   "thread"                    key (the reporter's thread key, store/intake_store.h)
// A new sealed field is added here, to both backends' writes and reads, and to
// reseal_case (store.h), which moves every one of them from one Sealer to another.
//
// Sealed by the app under the thread key, not through the Sealer, and so never resealed
// with the case (the thread key itself is): the thread's messages
// (thread_messages.body_sealed, those mail intake added sealed to the thread's drop box
// instead) and the drop box's secret key (reporter_threads.inbox_secret_sealed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.h"
#include "crypto/sealer.h"
#include "domain/case.h"

namespace conduct::store {

inline std::string party_record(int number) { return "party:" + std::to_string(number); }
inline std::string entry_record(int number) { return "entry:" + std::to_string(number); }
inline std::string exclusion_record(std::int64_t member_id) { return "exclusion:" + std::to_string(member_id); }
inline std::string oversight_record(std::int64_t member_id, Timestamp requested_at) {
  return "oversight:" + std::to_string(member_id) + ":" + std::to_string(requested_at.seconds);
}

inline crypto::SealContext case_field_context(const domain::Case& owner, std::string record, std::string field) {
  return crypto::SealContext{owner.community_id, owner.code_name, std::move(record), std::move(field), "case"};
}

inline Result<std::string> seal_field(crypto::Sealer& sealer, const domain::Case& owner, std::string record,
                                      std::string field, std::string_view plaintext) {
  return sealer.seal(case_field_context(owner, std::move(record), std::move(field)), plaintext);
}

inline Result<std::string> open_field(crypto::Sealer& sealer, const domain::Case& owner, std::string record,
                                      std::string field, std::string_view sealed) {
  return sealer.open(case_field_context(owner, std::move(record), std::move(field)), sealed);
}

// A stored value opened with `from` and sealed again with `to`, under the same context.
inline Result<std::string> reseal_field(crypto::Sealer& from, crypto::Sealer& to, const domain::Case& owner,
                                        const std::string& record, const std::string& field, std::string_view stored) {
  const crypto::SealContext context = case_field_context(owner, record, field);
  ASSIGN_OR_RETURN(const std::string plaintext, from.open(context, stored));
  return to.seal(context, plaintext);
}

}  // namespace conduct::store
