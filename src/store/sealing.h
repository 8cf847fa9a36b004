// Helpers every backend uses to pass a case's confidential fields through the Sealer
// with the same context, so a value sealed by one backend opens in another.
#pragma once

#include <string>
#include <string_view>

#include "crypto/sealer.h"
#include "domain/case.h"

namespace conduct::store {

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

}  // namespace conduct::store
