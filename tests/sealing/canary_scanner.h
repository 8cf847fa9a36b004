// The canary scanner: finds a known string in a heap of bytes in the forms a leak
// usually takes. A sealed field that escaped its Sealer shows up as itself, but a
// careless log line or debug dump may have encoded it first: as base64 (a JSON
// export of bytes, a cookie), as hex (a BLOB printed by the sqlite3 shell) or as
// UTF-16 (a wide string). Each encoding gives one or more needles; a canary is found
// in an encoding when one of its needles occurs in the bytes.
//
// Base64 is looked for at all three alignments. Where the canary sits in the encoded
// stream decides how its bytes fall into 3-byte groups; the characters of a group that
// straddles the canary's edge depend on the neighbouring bytes, so each needle is the
// encoding of the canary with its first 0, 1 or 2 bytes skipped, cut to whole groups:
// the characters that come out the same whatever surrounds the canary.
//
// Pure functions: no files, no state. canary_test.cpp reads the files and feeds them in.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace conduct::testing {

enum class Encoding { Raw, Base64, Base64Url, HexLower, HexUpper, Utf16Le, Utf16Be };

inline constexpr std::array<Encoding, 7> kEncodings = {Encoding::Raw,      Encoding::Base64,   Encoding::Base64Url,
                                                       Encoding::HexLower, Encoding::HexUpper, Encoding::Utf16Le,
                                                       Encoding::Utf16Be};

// A canary shorter than this would give base64 needles short enough to match by chance.
inline constexpr std::size_t kShortestCanary = 12;

inline std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::Raw:
      return "raw";
    case Encoding::Base64:
      return "base64";
    case Encoding::Base64Url:
      return "base64url";
    case Encoding::HexLower:
      return "hex";
    case Encoding::HexUpper:
      return "HEX";
    case Encoding::Utf16Le:
      return "utf-16le";
    case Encoding::Utf16Be:
      return "utf-16be";
  }
  return "?";
}

namespace detail {

// Base64 of `bytes` (a multiple of 3 long, so no padding) in the given alphabet.
inline std::string base64_whole_groups(std::string_view bytes, std::string_view alphabet) {
  std::string encoded;
  for (std::size_t at = 0; at + 3 <= bytes.size(); at += 3) {
    const unsigned group = (static_cast<unsigned char>(bytes[at]) << 16) |
                           (static_cast<unsigned char>(bytes[at + 1]) << 8) | static_cast<unsigned char>(bytes[at + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) encoded += alphabet[(group >> shift) & 0x3F];
  }
  return encoded;
}

inline std::vector<std::string> base64_needles(std::string_view canary, std::string_view alphabet) {
  std::vector<std::string> needles;
  for (std::size_t skipped = 0; skipped < 3 && skipped < canary.size(); ++skipped) {
    const std::string_view rest = canary.substr(skipped);
    needles.push_back(base64_whole_groups(rest.substr(0, rest.size() - rest.size() % 3), alphabet));
  }
  return needles;
}

inline std::string hex(std::string_view bytes, std::string_view digits) {
  std::string encoded;
  for (const char byte : bytes) {
    encoded += digits[static_cast<unsigned char>(byte) >> 4];
    encoded += digits[static_cast<unsigned char>(byte) & 0x0F];
  }
  return encoded;
}

// UTF-16 of an ASCII or Latin-1 canary: each byte widened to a code unit.
inline std::string utf16(std::string_view bytes, bool big_endian) {
  std::string encoded;
  for (const char byte : bytes) {
    if (big_endian) encoded += '\0';
    encoded += byte;
    if (!big_endian) encoded += '\0';
  }
  return encoded;
}

}  // namespace detail

// The byte strings whose presence betrays `canary` in `encoding`: one for each
// encoding but base64, three (one per alignment) for base64 in either alphabet.
// Canaries are ASCII and at least kShortestCanary bytes long (canary_test.cpp makes
// them so).
inline std::vector<std::string> needles_of(std::string_view canary, Encoding encoding) {
  constexpr std::string_view kStandard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  constexpr std::string_view kUrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  switch (encoding) {
    case Encoding::Raw:
      return {std::string(canary)};
    case Encoding::Base64:
      return detail::base64_needles(canary, kStandard);
    case Encoding::Base64Url:
      return detail::base64_needles(canary, kUrlSafe);
    case Encoding::HexLower:
      return {detail::hex(canary, "0123456789abcdef")};
    case Encoding::HexUpper:
      return {detail::hex(canary, "0123456789ABCDEF")};
    case Encoding::Utf16Le:
      return {detail::utf16(canary, /*big_endian=*/false)};
    case Encoding::Utf16Be:
      return {detail::utf16(canary, /*big_endian=*/true)};
  }
  return {};
}

// The encodings (in kEncodings order) in which `canary` occurs somewhere in `bytes`.
inline std::vector<Encoding> encodings_found(std::string_view bytes, std::string_view canary) {
  std::vector<Encoding> found;
  for (const Encoding encoding : kEncodings)
    for (const std::string& needle : needles_of(canary, encoding))
      if (bytes.find(needle) != std::string_view::npos) {
        found.push_back(encoding);
        break;
      }
  return found;
}

}  // namespace conduct::testing
