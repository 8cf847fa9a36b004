#include "domain/receipt.h"

#include <gtest/gtest.h>

#include <string>

namespace conduct::domain {
namespace {

// A receipt whose id and secret use the whole alphabet, so every character appears.
Receipt sample_receipt() { return Receipt{"K7QD2M9", "XABCDEFGHJKMNPQRSTVW"}; }

// The receipt as the reporter reads it, without its dashes: 28 characters.
std::string undashed(const std::string& formatted) {
  std::string text;
  for (char c : formatted)
    if (c != '-') text += c;
  return text;
}

std::string lower_case(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

TEST(ReceiptTest, FormatsSevenGroupsOfFourThatParseBack) {
  const std::string formatted = format_receipt(sample_receipt());
  ASSERT_EQ(formatted.size(), kReceiptLength + 6);
  for (std::size_t i = 4; i < formatted.size(); i += 5) EXPECT_EQ(formatted[i], '-') << formatted;
  EXPECT_EQ(formatted.substr(0, 33), "K7QD-2M9X-ABCD-EFGH-JKMN-PQRS-TVW") << formatted;
  const ParsedReceipt parsed = parse_receipt(formatted);
  ASSERT_TRUE(parsed.receipt.has_value()) << describe(parsed.problem);
  EXPECT_EQ(parsed.receipt->id, "K7QD2M9");
  EXPECT_EQ(parsed.receipt->secret, "XABCDEFGHJKMNPQRSTVW");
}

TEST(ReceiptTest, ForgivesWhatPeopleMistypeHarmlessly) {
  // Digits 0 and 1 in the receipt, so O, I and L have something to stand for.
  const Receipt receipt{"1010ABC", "0000111122223333QQQQ"};
  const std::string formatted = format_receipt(receipt);
  const std::string plain = undashed(formatted);
  std::string with_letters = formatted;
  for (std::size_t i = 0; i < with_letters.size(); ++i) {
    if (with_letters[i] == '0') with_letters[i] = (i % 2 == 0) ? 'O' : 'o';
    if (with_letters[i] == '1') with_letters[i] = (i % 3 == 0) ? 'I' : (i % 3 == 1 ? 'l' : 'L');
  }
  std::string spaced;
  for (std::size_t i = 0; i < plain.size(); ++i) spaced += std::string(i % 4 == 0 && i > 0 ? " " : "") + plain[i];
  const struct {
    const char* name;
    std::string typed;
  } variants[] = {
      {"as printed", formatted},
      {"lower case", lower_case(formatted)},
      {"no dashes", plain},
      {"spaces instead of dashes", spaced},
      {"spaces and tabs around", " \t" + formatted + "\r\n"},
      {"O for 0, I and L for 1", with_letters},
  };
  for (const auto& variant : variants) {
    SCOPED_TRACE(variant.name);
    const ParsedReceipt parsed = parse_receipt(variant.typed);
    ASSERT_TRUE(parsed.receipt.has_value()) << variant.typed << ": " << describe(parsed.problem);
    EXPECT_EQ(parsed.receipt->id, receipt.id);
    EXPECT_EQ(parsed.receipt->secret, receipt.secret);
  }
}

TEST(ReceiptTest, EveryOneCharacterMistakeIsCaught) {
  const std::string plain = undashed(format_receipt(sample_receipt()));
  ASSERT_EQ(plain.size(), kReceiptLength);
  const std::string alphabet = kReceiptAlphabet;
  int tried = 0;
  for (std::size_t position = 0; position < plain.size(); ++position) {
    for (char replacement : alphabet) {
      if (replacement == plain[position]) continue;
      std::string typed = plain;
      typed[position] = replacement;
      const ParsedReceipt parsed = parse_receipt(typed);
      ++tried;
      EXPECT_FALSE(parsed.receipt.has_value()) << typed;
      EXPECT_EQ(parsed.problem, ReceiptProblem::TypingMistake) << typed;
    }
  }
  EXPECT_EQ(tried, 28 * 31);
}

TEST(ReceiptTest, RefusesWrongLengthsAndStrayCharacters) {
  const std::string plain = undashed(format_receipt(sample_receipt()));
  const struct {
    std::string typed;
    ReceiptProblem problem;
  } rows[] = {
      {"", ReceiptProblem::WrongLength},
      {"----", ReceiptProblem::WrongLength},
      {plain.substr(0, 27), ReceiptProblem::WrongLength},
      {plain + "0", ReceiptProblem::WrongLength},
      {plain.substr(0, 7), ReceiptProblem::WrongLength},
      {plain.substr(0, 27) + "U", ReceiptProblem::NotAReceiptCharacter},  // U is left out of the alphabet
      {plain + "!", ReceiptProblem::NotAReceiptCharacter},
      {"#" + plain, ReceiptProblem::NotAReceiptCharacter},
      {plain.substr(0, 10) + "\xC3\xA9" + plain.substr(10), ReceiptProblem::NotAReceiptCharacter},
      {plain.substr(0, 10) + std::string(1, '\0') + plain.substr(10), ReceiptProblem::NotAReceiptCharacter},
      {plain.substr(0, 10) + "_" + plain.substr(10), ReceiptProblem::NotAReceiptCharacter},
  };
  for (const auto& row : rows) {
    const ParsedReceipt parsed = parse_receipt(row.typed);
    EXPECT_FALSE(parsed.receipt.has_value()) << row.typed;
    EXPECT_EQ(parsed.problem, row.problem) << row.typed;
    EXPECT_FALSE(describe(parsed.problem).empty());
  }
}

TEST(ReceiptTest, NeverReadsMoreThanTwoHundredBytes) {
  const std::string formatted = format_receipt(sample_receipt());
  // 200 bytes in all, the rest spaces: still read.
  const std::string padded = formatted + std::string(200 - formatted.size(), ' ');
  ASSERT_EQ(padded.size(), 200u);
  EXPECT_TRUE(parse_receipt(padded).receipt.has_value());
  // One byte more is refused as a wrong length, whatever it holds.
  const ParsedReceipt longer = parse_receipt(padded + " ");
  EXPECT_FALSE(longer.receipt.has_value());
  EXPECT_EQ(longer.problem, ReceiptProblem::WrongLength);
  const ParsedReceipt huge = parse_receipt(std::string(1 << 20, '-') + formatted);
  EXPECT_FALSE(huge.receipt.has_value());
  EXPECT_EQ(huge.problem, ReceiptProblem::WrongLength);
}

TEST(ReceiptTest, EachProblemIsDescribedDifferently) {
  EXPECT_NE(describe(ReceiptProblem::WrongLength), describe(ReceiptProblem::NotAReceiptCharacter));
  EXPECT_NE(describe(ReceiptProblem::WrongLength), describe(ReceiptProblem::TypingMistake));
  EXPECT_NE(describe(ReceiptProblem::NotAReceiptCharacter), describe(ReceiptProblem::TypingMistake));
  EXPECT_NE(describe(ReceiptProblem::WrongLength).find("28"), std::string_view::npos);
}

TEST(ReceiptDeathTest, FormattingAReceiptOfTheWrongShapeIsAProgrammingError) {
  EXPECT_DEATH(format_receipt(Receipt{"K7QD2M", "XABCDEFGHJKMNPQRSTVW"}), "");
  EXPECT_DEATH(format_receipt(Receipt{"K7QD2MU", "XABCDEFGHJKMNPQRSTVW"}), "");
  EXPECT_DEATH(format_receipt(Receipt{"k7qd2m9", "XABCDEFGHJKMNPQRSTVW"}), "");
}

}  // namespace
}  // namespace conduct::domain
