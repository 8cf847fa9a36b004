#include "crypto/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>

#include "crypto/detail.h"

namespace conduct::crypto {

namespace {

void ensure_oath() {
  static const bool ready = [] {
    detail::require(oath_init() == OATH_OK, "liboath could not be initialised");
    return true;
  }();
  (void)ready;
}

std::string code_for_step(std::string_view secret, std::int64_t step) {
  ensure_oath();
  char code[kTotpDigits + 1] = {};
  const int rc = oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(step * kTotpStepSeconds),
                                    kTotpStepSeconds, 0, kTotpDigits, code);
  detail::require(rc == OATH_OK, "oath_totp_generate failed");
  return std::string(code, kTotpDigits);
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

bool is_six_digits(std::string_view code) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return false;
  for (const char c : code)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string new_totp_secret() {
  detail::ensure_sodium();
  std::string secret(kTotpSecretBytes, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string totp_secret_base32(std::string_view secret) {
  ensure_oath();
  char* encoded = nullptr;
  std::size_t length = 0;
  detail::require(oath_base32_encode(secret.data(), secret.size(), &encoded, &length) == OATH_OK,
                  "oath_base32_encode failed");
  std::string text(encoded, length);
  std::free(encoded);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

Result<std::string> totp_secret_from_base32(std::string_view text) {
  ensure_oath();
  std::string normal;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    normal += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  while (normal.size() % 8 != 0) normal += '=';
  char* decoded = nullptr;
  std::size_t length = 0;
  if (normal.empty() || oath_base32_decode(normal.data(), normal.size(), &decoded, &length) != OATH_OK)
    return field_error("totp_secret", "is not a base32 TOTP secret");
  std::string secret(decoded, length);
  std::free(decoded);
  if (secret.size() < 10) return field_error("totp_secret", "is too short: at least 80 bits are needed");
  return secret;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  const std::string encoded_issuer = percent_encode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + percent_encode(account) + "?secret=" + totp_secret_base32(secret) +
         "&issuer=" + encoded_issuer + "&algorithm=SHA1&digits=6&period=30";
}

std::string totp_code(std::string_view secret, std::int64_t unix_time) {
  detail::require(unix_time >= 0, "totp_code: the time must not be before 1970");
  return code_for_step(secret, unix_time / kTotpStepSeconds);
}

Result<std::int64_t> verify_totp(std::string_view secret, std::string_view code, std::int64_t unix_time,
                                 int window_steps) {
  if (!is_six_digits(code)) return field_error("code", "must be 6 digits");
  if (secret.empty()) return invalid_argument("the TOTP secret is empty");
  if (unix_time < 0) return invalid_argument("the time must not be before 1970");
  if (window_steps < 0 || window_steps > kTotpMaxWindowSteps)
    return invalid_argument("the TOTP window must be 0 to 10 steps");
  detail::ensure_sodium();
  const std::int64_t now_step = unix_time / kTotpStepSeconds;
  std::int64_t matched = -1;
  // Nearest steps first (0, -1, +1, -2, +2, ...), every one compared.
  for (int distance = 0; distance <= window_steps; ++distance) {
    for (const int sign : {-1, 1}) {
      if (distance == 0 && sign == 1) continue;
      const std::int64_t step = now_step + sign * distance;
      if (step < 0) continue;
      const std::string candidate = code_for_step(secret, step);
      const bool equal = sodium_memcmp(candidate.data(), code.data(), candidate.size()) == 0;
      if (equal && matched < 0) matched = step;
    }
  }
  if (matched < 0) return permission_denied("the code does not match");
  return matched;
}

}  // namespace conduct::crypto
