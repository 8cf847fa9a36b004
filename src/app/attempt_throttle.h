// Throttling guesses of a password (docs/security.md "Failed sign-ins"): sign-in and a
// signed-in member's password change share it. The rules are domain/sign_in.h; this
// file keys and stores the counts.
//
// Three counts, each under a keyed hash (the blind index key) of what it counts, so the
// throttles table never holds what was typed: the address; the account at the address;
// and the account from any address, which only ever warns the chairs. What is hashed is
// cut to kLongestCountedIdentifier bytes first, so a huge typed email costs nothing.
#pragma once

#include <string>
#include <string_view>

#include "app/context.h"
#include "core/result.h"
#include "domain/sign_in.h"

namespace conduct::app {

inline constexpr std::size_t kLongestCountedIdentifier = 320;

struct AttemptKeys {
  std::string address;             // the client address
  std::string account_at_address;  // the normalised email at the client address
  std::string account;             // the normalised email, from anywhere
};

// The keys of an attempt for `email` (normalised here: trimmed, lower case) from
// `client_address`.
AttemptKeys attempt_keys(const Context& context, std::string_view email, std::string_view client_address);

// Whether an attempt may be made now: the address and the account at the address must
// both be past their back-off. Errors: ResourceExhausted with the wait in field
// "retry_after" and in the message.
Status check_attempt(Context& context, const AttemptKeys& keys, const domain::SignInPolicy& policy);

struct FailuresCounted {
  int account_at_address = 0;  // counted after this failure
  int account = 0;             // from every address, after this failure (0 when not counted)
};

// Counts one failed attempt against the address and the account at the address, and
// against the account itself when `count_account` (a real member's account). Call it
// inside the transaction that records the refusal.
Result<FailuresCounted> count_failure(Context& context, const AttemptKeys& keys, const domain::SignInPolicy& policy,
                                      bool count_account);

// A success: the account's count at this address starts again. The address's own count
// is left to fade with time, and so is the account's count from other addresses.
Status clear_account_at_address(Context& context, const AttemptKeys& keys);

// Forgets the throttles whose failures are all forgiven; the number forgotten.
Result<std::int64_t> prune_throttles(Context& context);

}  // namespace conduct::app
