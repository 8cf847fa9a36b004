// Sealed case values read back from the database (crypto/case_keys.h). A database
// writer controls those bytes, so opening them is a parser facing untrusted input.
//
// The input is used twice:
//   - as a stored value: sealed_key_version and open_case_value (directly and through
//     a CaseKeyring) must refuse it cleanly; the version read must be the header's;
//   - as a plaintext: sealed under a fixed key, it must open to itself, name its
//     version, be exactly 45 bytes longer, and stop opening when any one bit of it is
//     flipped, when it is cut short, or under another field, case or key.
#include <array>

#include "crypto/case_keys.h"
#include "fuzz_check.h"

namespace {

using namespace conduct;
using namespace conduct::crypto;
using conduct::fuzz::contains;

SecretBytes fixed_key(unsigned char first) {
  SecretBytes key(kCaseKeyBytes);
  for (std::size_t i = 0; i < key.size(); ++i) key.data()[i] = static_cast<unsigned char>(first + i);
  return key;
}

const SealContext kContext{7, "home shelf", "entry:3", "body", "case"};

std::uint32_t header_version(std::string_view sealed) {
  std::uint32_t version = 0;
  for (int i = 1; i <= 4; ++i) version = (version << 8) | static_cast<unsigned char>(sealed[i]);
  return version;
}

// FNV-1a: picks which bit to flip and which version to seal under, so a given input
// always exercises the same case.
std::uint64_t mix(std::string_view bytes) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ULL;
  return hash;
}

bool refused(const Error& error) {
  return error.code == ErrorCode::InvalidArgument || error.code == ErrorCode::PermissionDenied;
}

void check_stored_value(std::string_view stored, const SecretBytes& key) {
  const Result<std::uint32_t> version = sealed_key_version(stored);
  const bool well_formed =
      stored.size() >= kSealedCaseValueOverhead && static_cast<unsigned char>(stored[0]) == kSealedCaseValueTag;
  FUZZ_CHECK(version.ok() == well_formed, "only a tagged value of at least 45 bytes has a version");
  if (version.ok()) FUZZ_CHECK(*version == header_version(stored), "the version is the header's, big-endian");

  const Result<std::string> opened = open_case_value(key, kContext, stored);
  if (opened.ok())
    FUZZ_CHECK(opened->size() + kSealedCaseValueOverhead == stored.size(), "an opened value is 45 bytes shorter");
  else
    FUZZ_CHECK(refused(opened.error()), "a value that does not open is refused, not an internal error");

  CaseKeyring keyring;
  keyring.hold(kContext.community_id, kContext.case_code, version.ok() ? *version : 1, fixed_key(0), true);
  const Result<std::string> through_keyring = keyring.open(kContext, stored);
  if (stored.empty())
    FUZZ_CHECK(through_keyring.ok() && through_keyring->empty(), "the empty value opens to empty");
  else
    FUZZ_CHECK(through_keyring.ok() == opened.ok(), "the keyring opens what open_case_value opens");
}

void check_round_trip(std::string_view plaintext, const SecretBytes& key) {
  const std::uint64_t hash = mix(plaintext);
  const auto version = static_cast<std::uint32_t>(hash >> 32);
  const std::string sealed = seal_case_value(key, version, kContext, plaintext);
  FUZZ_CHECK(sealed.size() == plaintext.size() + kSealedCaseValueOverhead, "a sealed value is 45 bytes longer");
  const Result<std::uint32_t> read_version = sealed_key_version(sealed);
  FUZZ_CHECK(read_version.ok() && *read_version == version, "a sealed value names the version it was sealed under");
  const Result<std::string> opened = open_case_value(key, kContext, sealed);
  FUZZ_CHECK(opened.ok() && *opened == plaintext, "a sealed value opens to its plaintext");
  if (plaintext.size() >= 16)
    FUZZ_CHECK(!contains(sealed, plaintext), "the plaintext does not appear in the sealed value");

  std::string flipped = sealed;
  const std::size_t bit = static_cast<std::size_t>(hash % (flipped.size() * 8));
  flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
  const Result<std::string> tampered = open_case_value(key, kContext, flipped);
  FUZZ_CHECK(!tampered.ok() && refused(tampered.error()), "a value with one bit flipped does not open");

  const Result<std::string> cut = open_case_value(key, kContext, std::string_view(sealed).substr(0, sealed.size() - 1));
  FUZZ_CHECK(!cut.ok() && refused(cut.error()), "a value cut short does not open");

  SealContext moved = kContext;
  moved.field = "name";
  FUZZ_CHECK(!open_case_value(key, moved, sealed).ok(), "a value moved to another field does not open");
  moved = kContext;
  moved.case_code = "blue shelf";
  FUZZ_CHECK(!open_case_value(key, moved, sealed).ok(), "a value moved to another case does not open");
  FUZZ_CHECK(!open_case_value(fixed_key(1), kContext, sealed).ok(), "a value does not open under another key");

  CaseKeyring keyring;
  keyring.hold(kContext.community_id, kContext.case_code, version, fixed_key(0), true);
  const Result<std::string> through_keyring = keyring.open(kContext, sealed);
  FUZZ_CHECK(through_keyring.ok() && *through_keyring == plaintext, "the keyring opens what it holds the key for");
  keyring.forget_all();
  const Result<std::string> forgotten = keyring.open(kContext, sealed);
  FUZZ_CHECK(!forgotten.ok() && forgotten.error().code == ErrorCode::PermissionDenied,
             "a keyring that holds no key refuses with PermissionDenied");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = conduct::fuzz::as_text(data, size);
  const SecretBytes key = fixed_key(0);
  check_stored_value(bytes, key);
  check_round_trip(bytes, key);
  return 0;
}
