#include "crypto/receipt.h"

#include <sodium.h>

#include "crypto/detail.h"
#include "crypto/kdf.h"

namespace conduct::crypto {
namespace {

std::string random_characters(std::size_t count) {
  detail::ensure_sodium();
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += domain::kReceiptAlphabet[randombytes_uniform(32)];
  return text;
}

std::string derive_verifier(const SecretBytes& master) {
  return std::string(derive_subkey(master, kDefaultSubkeyId, kReceiptVerifierContext, kPasswordVerifierBytes).view());
}

SecretBytes derive_key(const SecretBytes& master) {
  return derive_subkey(master, kDefaultSubkeyId, kReceiptKeyContext, kMasterKeyBytes);
}

}  // namespace

std::string new_receipt_id() { return random_characters(domain::kReceiptIdLength); }

Result<NewReceipt> new_receipt(PasswordHashCost cost) {
  NewReceipt made;
  made.receipt.id = new_receipt_id();
  made.receipt.secret = random_characters(domain::kReceiptSecretLength);
  made.record.salt.resize(kPasswordSaltBytes);
  randombytes_buf(made.record.salt.data(), made.record.salt.size());
  made.record.cost = cost;
  ASSIGN_OR_RETURN(const SecretBytes master, stretch_secret(made.receipt.secret, made.record.salt, cost));
  made.record.verifier = derive_verifier(master);
  made.key = derive_key(master);
  return made;
}

Result<SecretBytes> open_receipt(const ReceiptRecord& record, std::string_view secret) {
  if (record.verifier.size() != kPasswordVerifierBytes) return invalid_argument("receipt record is malformed");
  ASSIGN_OR_RETURN(const SecretBytes master, stretch_secret(secret, record.salt, record.cost));
  const std::string verifier = derive_verifier(master);
  if (sodium_memcmp(verifier.data(), record.verifier.data(), verifier.size()) != 0)
    return permission_denied("wrong receipt");
  return derive_key(master);
}

Status dummy_open_receipt(PasswordHashCost cost) {
  ReceiptRecord record;
  record.salt.assign(kPasswordSaltBytes, '\0');
  detail::ensure_sodium();
  randombytes_buf(record.salt.data(), record.salt.size());
  record.verifier.assign(kPasswordVerifierBytes, '\0');
  record.cost = cost;
  const Result<SecretBytes> opened = open_receipt(record, random_characters(domain::kReceiptSecretLength));
  if (opened.ok()) return internal_error("a dummy receipt opened");
  return permission_denied("wrong receipt");
}

}  // namespace conduct::crypto
