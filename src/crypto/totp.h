// TOTP second factor (RFC 6238 with HMAC-SHA-1, 6 digits, 30-second steps, counted
// from the Unix epoch) — the parameters every authenticator app supports. Codes are
// computed by liboath. The TOTP secret is stored sealed like other member secrets.
//
// Single use: verify_totp returns the time step that matched. The caller stores the
// last accepted step per member and refuses any code whose step is not greater than
// it, so a code seen over a shoulder or replayed within its window does not work
// twice.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace conduct::crypto {

inline constexpr std::size_t kTotpSecretBytes = 20;
inline constexpr std::int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr int kTotpMaxWindowSteps = 10;

// A fresh TOTP secret: 20 random bytes (160 bits, RFC 4226's recommendation).
std::string new_totp_secret();

// The secret in RFC 4648 base32 (upper case, no padding), as authenticator apps take
// it when typed in.
std::string totp_secret_base32(std::string_view secret);

// The enrolment URI an authenticator app reads from a QR code:
//   otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
// ISSUER and ACCOUNT are percent-encoded (every byte outside A-Z a-z 0-9 - . _ ~,
// so a space is %20 and a colon inside them is %3A); the colon between them is literal.
// The inverse of totp_secret_base32 (case and spaces ignored). Errors: InvalidArgument
// (field "totp_secret") for text that is not base32 or a secret under 80 bits.
Result<std::string> totp_secret_from_base32(std::string_view text);

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

// The 6-digit code (zero-padded) for `secret` at `unix_time`. Precondition, checked (a
// violation aborts): unix_time >= 0.
std::string totp_code(std::string_view secret, std::int64_t unix_time);

// Checks `code` against the steps from unix_time/30 - window_steps to unix_time/30 +
// window_steps (1 is the usual allowance for clock drift) and returns the step that
// matched, preferring the one closest to now. All steps in the window are computed
// and compared in constant time whatever matches. Errors: InvalidArgument with the
// field "code" when the code is not exactly 6 ASCII digits; InvalidArgument when the
// secret is empty, unix_time is negative or window_steps is outside 0..10;
// PermissionDenied "the code does not match" otherwise.
Result<std::int64_t> verify_totp(std::string_view secret, std::string_view code, std::int64_t unix_time,
                                 int window_steps);

}  // namespace conduct::crypto
