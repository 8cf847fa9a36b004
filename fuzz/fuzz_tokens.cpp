// Tokens and encoded secrets that arrive from outside: the session cookie (Cookie
// header -> cookie_value -> session_from_token; the enrolment link carries the same
// kind of token), base64url and hex text, the TOTP secret typed at enrolment, and the
// blind-index key from the environment; and the strength rules of a new password.
//
// Properties: every encoding has exactly one accepted form, so whatever parses
// re-encodes to the text it came from; the secret and the plain decoder agree; a
// session re-derives the same lookup id; errors are the documented fixed messages and
// never repeat the input.
#include <cctype>
#include <set>

#include "core/text.h"
#include "crypto/blind_index.h"
#include "crypto/password.h"
#include "crypto/secret_bytes.h"
#include "crypto/session_token.h"
#include "crypto/totp.h"
#include "fuzz_check.h"
#include "http/session_cookie.h"

namespace {

using namespace conduct;
using namespace conduct::crypto;
using conduct::fuzz::contains;

bool is_lower_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

void check_base64(std::string_view text) {
  const Result<std::string> bytes = from_base64(text);
  const Result<SecretBytes> secret = secret_from_base64(text);
  FUZZ_CHECK(bytes.ok() == secret.ok(), "from_base64 and secret_from_base64 accept the same texts");
  if (!bytes.ok()) {
    FUZZ_CHECK(bytes.error().code == ErrorCode::InvalidArgument, "a bad base64 text is InvalidArgument");
    FUZZ_CHECK(bytes.error().message == "not valid URL-safe base64 without padding",
               "the base64 error is the fixed message (it never repeats the input)");
    return;
  }
  FUZZ_CHECK(to_base64(*bytes) == text, "a base64 text that parses re-encodes to itself");
  FUZZ_CHECK(secret->view() == std::string_view(*bytes), "both base64 decoders give the same bytes");
}

void check_hex(std::string_view text) {
  const Result<std::string> bytes = from_hex(text);
  if (!bytes.ok()) {
    FUZZ_CHECK(bytes.error().message == "hexadecimal text has an odd length" ||
                   bytes.error().message == "not valid hexadecimal text",
               "the hex error is one of the fixed messages");
    return;
  }
  FUZZ_CHECK(bytes->size() * 2 == text.size(), "hex decodes two digits to a byte");
  FUZZ_CHECK(to_hex(*bytes) == to_lower_ascii(text), "hex that parses re-encodes to itself (lower-cased)");
}

void check_session_token(std::string_view token) {
  const Result<SessionSecrets> session = session_from_token(token);
  if (!session.ok()) {
    FUZZ_CHECK(session.error().message == "session token is malformed", "a bad token gets the fixed message");
    return;
  }
  FUZZ_CHECK(token.size() == kSessionTokenLength, "a session token is 43 characters");
  FUZZ_CHECK(session->token_for_cookie == token, "a token that parses re-encodes to itself");
  FUZZ_CHECK(session->lookup_id.size() == kLookupIdLength && is_lower_hex(session->lookup_id),
             "the lookup id is 64 lower-case hex digits");
  FUZZ_CHECK(session->session_key.size() == 32, "the session key is 32 bytes");
  FUZZ_CHECK(!contains(session->lookup_id, to_hex(token)), "the lookup id does not carry the token");
  const Result<SessionSecrets> again = session_from_token(session->token_for_cookie);
  FUZZ_CHECK(again.ok() && again->lookup_id == session->lookup_id && again->session_key == session->session_key,
             "a token derives the same lookup id and key every time");
}

void check_cookie_header(std::string_view header) {
  http::Request request;
  request.headers["cookie"] = std::string(header);
  const std::string value = http::cookie_value(request, http::kSessionCookie);
  FUZZ_CHECK(!contains(value, ";"), "a cookie value stops at the next ';'");
  if (!value.empty())
    FUZZ_CHECK(contains(header, std::string(http::kSessionCookie) + "=" + value),
               "the cookie value is what follows its name in the header");
  check_session_token(value);
}

void check_totp_secret(std::string_view text) {
  const Result<std::string> secret = totp_secret_from_base32(text);
  if (!secret.ok()) {
    const auto& fields = secret.error().fields;
    FUZZ_CHECK(fields.size() == 1 && fields.count("totp_secret") == 1, "a bad TOTP secret names its field");
    const std::string& problem = fields.begin()->second;
    FUZZ_CHECK(problem == "is not a base32 TOTP secret" || problem == "is too short: at least 80 bits are needed",
               "the TOTP error is one of the fixed messages (it never repeats the input)");
    return;
  }
  FUZZ_CHECK(secret->size() >= 10, "an accepted TOTP secret has at least 80 bits");
  const std::string encoded = totp_secret_base32(*secret);
  const Result<std::string> again = totp_secret_from_base32(encoded);
  FUZZ_CHECK(again.ok() && *again == *secret, "a TOTP secret re-encodes to base32 that parses to the same secret");
  // The code an authenticator shows must come out of the accepted secret.
  const std::string code = totp_code(*secret, 1700000000);
  FUZZ_CHECK(code.size() == 6, "a TOTP code has 6 digits");
  const Result<std::int64_t> step = verify_totp(*secret, code, 1700000000, 1);
  FUZZ_CHECK(step.ok() && *step == 1700000000 / kTotpStepSeconds, "the current code verifies at the current step");
}

void check_index_key(std::string_view text) {
  const Result<SecretBytes> key = parse_index_key(text);
  if (!key.ok()) {
    FUZZ_CHECK(key.error().message == "the index key must be 32 bytes written as 43 characters of base64url",
               "a bad index key gets the fixed message");
    return;
  }
  FUZZ_CHECK(key->size() == kIndexKeyBytes, "an index key is 32 bytes");
  FUZZ_CHECK(format_index_key(*key) == trim(text), "an index key that parses formats back to its text");
}

// The new password at enrolment and reset (the strength rules, not the Argon2id hash).
void check_password(std::string_view password) {
  const Status strong = check_password_strength(password);
  if (!strong.ok()) {
    static const std::set<std::string> kProblems{
        "must be text without control characters", "must be at most 1024 bytes long",
        "must be at least 12 characters long", "must not be one character repeated"};
    const auto& fields = strong.error().fields;
    FUZZ_CHECK(fields.size() == 1 && fields.count("password") == 1 && kProblems.count(fields.begin()->second) == 1,
               "a weak password is refused naming the field, in fixed words (never the password)");
    return;
  }
  FUZZ_CHECK(is_clean_utf8(password) && password.size() <= 1024, "a password is clean UTF-8 of at most 1024 bytes");
  std::size_t characters = 0;
  for (unsigned char c : password) characters += (c & 0xC0) != 0x80;
  FUZZ_CHECK(characters >= 12, "a password has at least 12 characters");
  FUZZ_CHECK(password.find_first_not_of(password[0]) != std::string_view::npos || (password[0] & 0x80) != 0,
             "a password is not one ASCII character repeated");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = conduct::fuzz::as_text(data, size);
  check_base64(text);
  check_hex(text);
  check_session_token(text);
  check_cookie_header(text);
  check_totp_secret(text);
  check_index_key(text);
  check_password(text);
  return 0;
}
