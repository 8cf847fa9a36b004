// The recovery kit a chair types back in (`conduct keys recover`) to re-grant a case
// whose holders have all gone.
//
// Properties: a kit that parses formats back to a kit that parses to the same key
// pair; the public half is the one the secret half makes; a kit that parses reads the
// same with case, spaces, dashes and the look-alike digits changed; the error is the
// one fixed message, which never repeats what was typed.
#include <sodium.h>

#include <cctype>

#include "crypto/recovery_key.h"
#include "fuzz_check.h"

namespace {

using namespace conduct;
using namespace conduct::crypto;

// What the kit says the reader may change without changing the key: letters' case,
// spaces and dashes, and O/I/B written as 0/1/8.
std::string retyped(std::string_view kit) {
  std::string text;
  for (char c : kit) {
    if (c == '-') {
      text += "  ";
      continue;
    }
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == 'O') lower = '0';
    if (c == 'I') lower = '1';
    if (c == 'B') lower = '8';
    text += lower;
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = conduct::fuzz::as_text(data, size);
  const Result<RecoveryKey> key = parse_recovery_kit(text);
  if (!key.ok()) {
    FUZZ_CHECK(key.error().code == ErrorCode::InvalidArgument, "a bad kit is InvalidArgument");
    FUZZ_CHECK(key.error().message == "the recovery kit is not complete or has a typing mistake",
               "a bad kit gets the fixed message (it never repeats the text)");
    return 0;
  }
  FUZZ_CHECK(key->box_secret.size() == crypto_box_SECRETKEYBYTES && key->box_public.size() == crypto_box_PUBLICKEYBYTES,
             "a kit gives a 32-byte X25519 key pair");
  unsigned char expected_public[crypto_box_PUBLICKEYBYTES];
  crypto_scalarmult_base(expected_public, key->box_secret.data());
  FUZZ_CHECK(
      key->box_public == std::string_view(reinterpret_cast<const char*>(expected_public), sizeof expected_public),
      "the public half is the one the secret half makes");

  const std::string kit = recovery_kit_text(*key);
  FUZZ_CHECK(kit.size() == 56 + 13, "a kit is 14 groups of 4 characters joined by dashes");
  const Result<RecoveryKey> again = parse_recovery_kit(kit);
  FUZZ_CHECK(again.ok() && again->box_secret == key->box_secret && again->box_public == key->box_public,
             "a kit that parses formats back to a kit that parses to the same key");
  const Result<RecoveryKey> typed = parse_recovery_kit(retyped(kit));
  FUZZ_CHECK(typed.ok() && typed->box_secret == key->box_secret,
             "case, spaces, dashes and 0/1/8 for O/I/B do not change the key");
  return 0;
}
