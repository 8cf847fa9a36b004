#include "crypto/password.h"

#include <sodium.h>

#include "core/text.h"
#include "crypto/detail.h"
#include "crypto/kdf.h"

namespace conduct::crypto {

static_assert(kModerateCost.ops_limit == crypto_pwhash_OPSLIMIT_MODERATE);
static_assert(kModerateCost.mem_limit == crypto_pwhash_MEMLIMIT_MODERATE);
static_assert(kInteractiveCost.ops_limit == crypto_pwhash_OPSLIMIT_INTERACTIVE);
static_assert(kInteractiveCost.mem_limit == crypto_pwhash_MEMLIMIT_INTERACTIVE);
static_assert(kTestCost.ops_limit == crypto_pwhash_OPSLIMIT_MIN);
static_assert(kTestCost.mem_limit == crypto_pwhash_MEMLIMIT_MIN);
static_assert(kPasswordSaltBytes == crypto_pwhash_SALTBYTES);

namespace {

bool is_utf8_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

Status check_cost(PasswordHashCost cost) {
  if (cost.ops_limit < crypto_pwhash_OPSLIMIT_MIN || cost.ops_limit > crypto_pwhash_OPSLIMIT_MAX ||
      cost.mem_limit < crypto_pwhash_MEMLIMIT_MIN || cost.mem_limit > crypto_pwhash_MEMLIMIT_MAX)
    return invalid_argument("password hash cost is outside libsodium's limits");
  return ok_status();
}

}  // namespace

Result<SecretBytes> stretch_secret(std::string_view password, std::string_view salt, PasswordHashCost cost) {
  TRY(check_cost(cost));
  if (salt.size() != kPasswordSaltBytes) return invalid_argument("the salt must be 16 bytes");
  detail::ensure_sodium();
  SecretBytes master(kMasterKeyBytes);
  if (crypto_pwhash(master.data(), master.size(), password.data(), password.size(),
                    reinterpret_cast<const unsigned char*>(salt.data()), cost.ops_limit, cost.mem_limit,
                    crypto_pwhash_ALG_ARGON2ID13) != 0)
    return internal_error("Argon2id failed (out of memory?)");
  return master;
}

namespace {

Result<SecretBytes> stretch(std::string_view password, std::string_view salt, PasswordHashCost cost) {
  return stretch_secret(password, salt, cost);
}

std::string derive_verifier(const SecretBytes& master) {
  return std::string(derive_subkey(master, kDefaultSubkeyId, kPasswordVerifierContext, kPasswordVerifierBytes).view());
}

SecretBytes derive_sealing_key(const SecretBytes& master) {
  return derive_subkey(master, kDefaultSubkeyId, kPasswordSealingContext, kMasterKeyBytes);
}

bool same_verifier(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Status check_password_strength(std::string_view password) {
  if (!is_clean_utf8(password)) return field_error("password", "must be text without control characters");
  if (password.size() > kPasswordMaxBytes) return field_error("password", "must be at most 1024 bytes long");
  std::size_t characters = 0;
  for (const char byte : password)
    if (!is_utf8_continuation(static_cast<unsigned char>(byte))) ++characters;
  if (characters < kPasswordMinCharacters) return field_error("password", "must be at least 12 characters long");
  // One character repeated: the text is its first code point over and over.
  std::size_t first_length = 1;
  while (first_length < password.size() && is_utf8_continuation(static_cast<unsigned char>(password[first_length])))
    ++first_length;
  const std::string_view first = password.substr(0, first_length);
  bool all_same = password.size() % first_length == 0;
  for (std::size_t at = 0; all_same && at < password.size(); at += first_length)
    all_same = password.substr(at, first_length) == first;
  if (all_same) return field_error("password", "must not be one character repeated");
  return ok_status();
}

Result<std::pair<PasswordRecord, SecretBytes>> enrol_password(std::string_view password, PasswordHashCost cost) {
  TRY(check_password_strength(password));
  TRY(check_cost(cost));
  detail::ensure_sodium();
  PasswordRecord record;
  record.salt.resize(kPasswordSaltBytes);
  randombytes_buf(record.salt.data(), record.salt.size());
  record.cost = cost;
  ASSIGN_OR_RETURN(const SecretBytes master, stretch(password, record.salt, cost));
  record.verifier = derive_verifier(master);
  return std::pair<PasswordRecord, SecretBytes>(std::move(record), derive_sealing_key(master));
}

Result<SecretBytes> verify_password(const PasswordRecord& record, std::string_view password) {
  if (record.salt.size() != kPasswordSaltBytes) return invalid_argument("password record has a malformed salt");
  if (record.verifier.size() != kPasswordVerifierBytes)
    return invalid_argument("password record has a malformed verifier");
  TRY(check_cost(record.cost));
  ASSIGN_OR_RETURN(const SecretBytes master, stretch(password, record.salt, record.cost));
  if (!same_verifier(derive_verifier(master), record.verifier)) return permission_denied("wrong password");
  return derive_sealing_key(master);
}

Status dummy_verify(PasswordHashCost cost) {
  PasswordRecord record;
  record.salt.assign(kPasswordSaltBytes, '\0');
  detail::ensure_sodium();
  randombytes_buf(record.salt.data(), record.salt.size());
  record.verifier.assign(kPasswordVerifierBytes, '\0');
  record.cost = cost;
  const Result<SecretBytes> verified = verify_password(record, "conduct-dummy-password");
  if (verified.ok()) return internal_error("a dummy record verified");  // an all-zero verifier never matches
  return verified.error();
}

}  // namespace conduct::crypto
