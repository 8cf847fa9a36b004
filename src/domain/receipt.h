// The reporter's receipt (docs/security.md "The reporter's thread"): what a reporter
// keeps to follow their report on the portal. It is typed by a person, so it is written
// in Crockford's base 32 (digits and capitals without I, L, O and U), in seven groups of
// four, and a reader forgives what people mistype: lower case, O for 0, I or L for 1,
// spaces or no dashes at all.
//
//   K7QD-2M9X-ABCD-EFGH-JKMN-PQRS-TVWB
//   └─id──┘└──────── secret ───────┘└ check
//
// The first 7 characters are the public id (35 bits), which finds the thread; the next
// 20 are the secret (100 bits), of which only a verifier is stored; the last is a check
// character, so a typing mistake is named as one without asking the database. A check
// character is arithmetic anyone can do: it says nothing about whether a receipt exists.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace conduct::domain {

inline constexpr std::size_t kReceiptIdLength = 7;
inline constexpr std::size_t kReceiptSecretLength = 20;
inline constexpr std::size_t kReceiptLength = kReceiptIdLength + kReceiptSecretLength + 1;
inline constexpr char kReceiptAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

struct Receipt {
  std::string id;      // 7 characters of kReceiptAlphabet
  std::string secret;  // 20 characters of kReceiptAlphabet
};

// The receipt as a person reads it: seven groups of four joined by dashes. `id` and
// `secret` must be of kReceiptAlphabet and of their lengths (checked: a violation
// aborts, it is a programming error).
std::string format_receipt(const Receipt& receipt);

enum class ReceiptProblem { WrongLength, NotAReceiptCharacter, TypingMistake };

struct ParsedReceipt {
  std::optional<Receipt> receipt;
  ReceiptProblem problem = ReceiptProblem::WrongLength;  // when there is no receipt
};

// Reads a receipt as typed: case, dashes and spaces do not matter, O reads as 0 and I
// or L as 1. Anything else that is not of the alphabet, a length other than 28, or a
// check character that does not match is refused with its problem. Never reads more
// than 200 bytes of `typed`.
ParsedReceipt parse_receipt(std::string_view typed);

// What a problem says to the person who typed the receipt.
std::string_view describe(ReceiptProblem problem);

}  // namespace conduct::domain
