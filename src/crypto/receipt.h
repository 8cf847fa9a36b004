// Receipts (docs/security.md "The reporter's thread"): a reporter's receipt is a public
// id and a 100-bit secret (domain/receipt.h writes and reads them). The secret is
// stretched once with Argon2id under a random salt; from it come two BLAKE2b subkeys
// (kdf.h): the verifier ("rcptvrfy"), stored with the thread, which proves the receipt
// and opens nothing; and the receipt key ("rcptkey_"), never stored, which seals the
// thread's own key for the reporter. The secret itself is never stored.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/password.h"
#include "crypto/secret_bytes.h"
#include "domain/receipt.h"

namespace conduct::crypto {

// Argon2id's cost for a receipt: one pass over 8 MiB, about 4 ms here. The secret is
// 100 random bits, not a password a person chose: no cost makes searching 2^100 secrets
// feasible, so the stretch only derives the keys, and a cheap one keeps a report and a
// portal visit cheap for the server (a flood of guesses costs it little).
inline constexpr PasswordHashCost kReceiptCost{1, 8u << 20};

// What is stored for a receipt: the salt (16 bytes), the verifier (32 bytes) and the
// Argon2id cost it was made with.
struct ReceiptRecord {
  std::string salt;
  std::string verifier;
  PasswordHashCost cost;
};

struct NewReceipt {
  domain::Receipt receipt;  // handed to the reporter once, never stored whole
  ReceiptRecord record;
  SecretBytes key;  // seals the thread key for the reporter; never stored
};

// A fresh receipt from libsodium's random generator: the id and secret characters are
// drawn uniformly from the receipt alphabet. Errors: those of stretch_secret.
Result<NewReceipt> new_receipt(PasswordHashCost cost);

// A fresh public id only, for when the first one drawn is taken.
std::string new_receipt_id();

// The receipt key when `secret` matches the record (constant-time comparison).
// Errors: PermissionDenied "wrong receipt" when it does not; InvalidArgument for a
// malformed record; Internal when Argon2id fails.
Result<SecretBytes> open_receipt(const ReceiptRecord& record, std::string_view secret);

// The work of open_receipt over a random record, for a receipt whose id matches no
// thread: the answer then takes as long as a wrong secret. Always PermissionDenied.
Status dummy_open_receipt(PasswordHashCost cost);

}  // namespace conduct::crypto
