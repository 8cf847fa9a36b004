// A reporter's receipt as typed on the portal (domain::parse_receipt).
//
// Properties: a receipt that parses has an id of 7 and a secret of 20 characters of the
// alphabet, formats to seven groups of four that parse back to the same receipt; case
// and dashes never change the verdict (the input lower-cased, and with its dashes
// removed, parses the same, or fails with the same problem); any one character of a
// parsed receipt typed wrong is caught as a typing mistake; input over 200 bytes is
// refused as a wrong length; every refusal has its fixed description.
#include <string>

#include "domain/receipt.h"
#include "fuzz_check.h"

namespace {

using namespace conduct;
using namespace conduct::domain;
using namespace conduct::fuzz;

bool of_alphabet(const std::string& text) {
  for (char c : text)
    if (std::string_view(kReceiptAlphabet).find(c) == std::string_view::npos) return false;
  return true;
}

bool same_verdict(const ParsedReceipt& a, const ParsedReceipt& b) {
  if (a.receipt.has_value() != b.receipt.has_value()) return false;
  if (!a.receipt) return a.problem == b.problem;
  return a.receipt->id == b.receipt->id && a.receipt->secret == b.receipt->secret;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string typed(as_text(data, size));
  const ParsedReceipt parsed = parse_receipt(typed);

  std::string lowered = typed, undashed;
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (char c : typed)
    if (c != '-') undashed += c;
  FUZZ_CHECK(same_verdict(parsed, parse_receipt(lowered)), "case does not matter");
  if (typed.size() <= 200) FUZZ_CHECK(same_verdict(parsed, parse_receipt(undashed)), "dashes do not matter");
  if (typed.size() > 200)
    FUZZ_CHECK(!parsed.receipt && parsed.problem == ReceiptProblem::WrongLength, "200 bytes at most");

  if (!parsed.receipt) {
    FUZZ_CHECK(!describe(parsed.problem).empty(), "a refusal is described");
    return 0;
  }
  const Receipt& receipt = *parsed.receipt;
  FUZZ_CHECK(receipt.id.size() == kReceiptIdLength && of_alphabet(receipt.id), "the id is 7 of the alphabet");
  FUZZ_CHECK(receipt.secret.size() == kReceiptSecretLength && of_alphabet(receipt.secret),
             "the secret is 20 of the alphabet");
  const std::string formatted = format_receipt(receipt);
  FUZZ_CHECK(formatted.size() == 34, "seven groups of four");
  for (std::size_t i = 4; i < formatted.size(); i += 5) FUZZ_CHECK(formatted[i] == '-', "groups joined by dashes");
  const ParsedReceipt again = parse_receipt(formatted);
  FUZZ_CHECK(again.receipt && again.receipt->id == receipt.id && again.receipt->secret == receipt.secret,
             "a parsed receipt formats and parses back to itself");

  // One character typed wrong, chosen by the input, is caught.
  std::string canonical;
  for (char c : formatted)
    if (c != '-') canonical += c;
  const std::size_t position = data[0] % kReceiptLength;
  const char replacement = kReceiptAlphabet[(size > 1 ? data[1] : 0) % 32];
  if (canonical[position] != replacement) {
    canonical[position] = replacement;
    const ParsedReceipt mistyped = parse_receipt(canonical);
    FUZZ_CHECK(!mistyped.receipt && mistyped.problem == ReceiptProblem::TypingMistake,
               "one character typed wrong is a typing mistake");
  }
  return 0;
}
