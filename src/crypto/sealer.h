// The sealing seam. Every confidential field passes through a Sealer on its way into
// and out of the store, together with the context it belongs to; the context becomes
// the associated data of the encryption, so a sealed value moved to another field,
// entry, case or community no longer opens.
//
// This issue ships the pass-through sealer (the value is stored as given). The
// sealed-records work replaces it with per-case keys; because every query already
// goes through this seam, no query has to change then.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace conduct::crypto {

struct SealContext {
  std::int64_t community_id = 0;
  std::string case_code;    // the case's code name; empty for records outside cases
  std::string record;       // "entry:3", "party:2", "case": which record in the case
  std::string field;        // "body", "name", …
  std::string key_context;  // which key seals it: "case", "person-identity", …
};

class Sealer {
 public:
  virtual ~Sealer() = default;
  // Returns the stored form of `plaintext`. Errors: Internal when no key is available.
  virtual Result<std::string> seal(const SealContext& context, std::string_view plaintext) = 0;
  // Inverse of seal under the same context. Errors: PermissionDenied when the value
  // does not open under this context (wrong key, moved, or altered).
  virtual Result<std::string> open(const SealContext& context, std::string_view sealed) = 0;
};

class PassThroughSealer final : public Sealer {
 public:
  Result<std::string> seal(const SealContext&, std::string_view plaintext) override { return std::string(plaintext); }
  Result<std::string> open(const SealContext&, std::string_view sealed) override { return std::string(sealed); }
};

}  // namespace conduct::crypto
