// A Sealer that passes every value on to the store's real Sealer and feeds the
// ciphertext it writes or opens into a running digest. Each audit entry takes that
// digest (Store::append_audit), so the log commits to the ciphertext an action handled
// without ever seeing its plaintext (docs/security.md "Tamper-evident audit log").
#pragma once

#include "crypto/audit_chain.h"
#include "crypto/sealer.h"

namespace conduct::store {

class DigestingSealer final : public crypto::Sealer {
 public:
  DigestingSealer(crypto::Sealer& inner, crypto::CiphertextDigest& handled) : inner_(inner), handled_(handled) {}

  Result<std::string> seal(const crypto::SealContext& context, std::string_view plaintext) override {
    auto sealed = inner_.seal(context, plaintext);
    if (sealed.ok()) handled_.add(*sealed);
    return sealed;
  }
  Result<std::string> open(const crypto::SealContext& context, std::string_view sealed) override {
    handled_.add(sealed);
    return inner_.open(context, sealed);
  }

 private:
  crypto::Sealer& inner_;
  crypto::CiphertextDigest& handled_;
};

}  // namespace conduct::store
