#include "domain/receipt.h"

#include <cstdlib>

namespace conduct::domain {
namespace {

// The value (0-31) of a character of the alphabet as typed, or -1.
int value_of(char typed) {
  char c = typed;
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  for (int value = 0; value < 32; ++value)
    if (kReceiptAlphabet[value] == c) return value;
  return -1;
}

// The check character over the first 27: each value weighted by an odd number, so that
// any one character typed wrong changes the sum (an odd weight is invertible modulo 32),
// and weights that differ between neighbours, so most swaps of two neighbours do too.
char check_character(std::string_view body) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < body.size(); ++i)
    sum += static_cast<unsigned>(value_of(body[i])) * static_cast<unsigned>(2 * (i % 8) + 1);
  return kReceiptAlphabet[sum % 32];
}

bool of_alphabet(std::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text)
    if (value_of(c) < 0 || c != kReceiptAlphabet[value_of(c)]) return false;
  return true;
}

}  // namespace

std::string format_receipt(const Receipt& receipt) {
  if (!of_alphabet(receipt.id, kReceiptIdLength) || !of_alphabet(receipt.secret, kReceiptSecretLength)) std::abort();
  const std::string body = receipt.id + receipt.secret;
  const std::string whole = body + check_character(body);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && i % 4 == 0) grouped += '-';
    grouped += whole[i];
  }
  return grouped;
}

ParsedReceipt parse_receipt(std::string_view typed) {
  constexpr std::size_t kLongestTyped = 200;
  if (typed.size() > kLongestTyped) return {std::nullopt, ReceiptProblem::WrongLength};
  std::string canonical;
  bool stray = false;
  for (char c : typed) {
    if (c == '-' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    const int value = value_of(c);
    if (value < 0) {
      stray = true;
      continue;
    }
    canonical += kReceiptAlphabet[value];
  }
  if (stray) return {std::nullopt, ReceiptProblem::NotAReceiptCharacter};
  if (canonical.size() != kReceiptLength) return {std::nullopt, ReceiptProblem::WrongLength};
  const std::string_view body = std::string_view(canonical).substr(0, kReceiptLength - 1);
  if (check_character(body) != canonical.back()) return {std::nullopt, ReceiptProblem::TypingMistake};
  Receipt receipt;
  receipt.id = canonical.substr(0, kReceiptIdLength);
  receipt.secret = canonical.substr(kReceiptIdLength, kReceiptSecretLength);
  return {receipt, ReceiptProblem::WrongLength};
}

std::string_view describe(ReceiptProblem problem) {
  switch (problem) {
    case ReceiptProblem::WrongLength:
      return "a receipt has 28 characters, in seven groups of four";
    case ReceiptProblem::NotAReceiptCharacter:
      return "a receipt holds only digits and the letters A to Z";
    case ReceiptProblem::TypingMistake:
      return "one of the characters is mistyped: check the receipt again";
  }
  return "is not a receipt";
}

}  // namespace conduct::domain
