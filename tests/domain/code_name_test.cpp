#include "domain/code_name.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/code_name_words.h"
#include "test_support.h"

namespace conduct::domain {
namespace {

using testing::SequenceRandom;

TEST(CodeNameWordsTest, ListsAreLargeUniqueAndClean) {
  EXPECT_GE(kFirstWordCount, 1000u);
  EXPECT_GE(kSecondWordCount, 1000u);
  const auto check = [](auto words) {
    std::set<std::string_view> seen;
    for (std::string_view word : words) {
      EXPECT_GE(word.size(), 3u) << word;
      EXPECT_LE(word.size(), 9u) << word;
      for (char c : word) EXPECT_TRUE(c >= 'a' && c <= 'z') << word;
      EXPECT_TRUE(seen.insert(word).second) << "repeated: " << word;
    }
  };
  check(kFirstWords);
  check(kSecondWords);
}

TEST(CodeNameTest, DrawsOneWordFromEachList) {
  SequenceRandom random({0, 0});
  const auto name = choose_case_code_name(random, [](const std::string&) { return false; });
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, std::string(kFirstWords[0]) + " " + std::string(kSecondWords[0]));
}

TEST(CodeNameTest, SkipsNamesAlreadyTaken) {
  SequenceRandom random({0, 0, 1, 2});
  const std::string taken = std::string(kFirstWords[0]) + " " + std::string(kSecondWords[0]);
  const auto name = choose_case_code_name(random, [&](const std::string& candidate) { return candidate == taken; });
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, std::string(kFirstWords[1]) + " " + std::string(kSecondWords[2]));
}

TEST(CodeNameTest, GivesUpWithAnInternalErrorWhenEverythingIsTaken) {
  SequenceRandom random({5});
  const auto name = choose_case_code_name(
      random, [](const std::string&) { return true; }, 10);
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.error().code, ErrorCode::Internal);
}

TEST(CodeNameTest, PersonCodeNamesAreTitleCased) {
  SequenceRandom random({3, 4});
  const auto name = choose_person_code_name(random, [](const std::string&) { return false; });
  ASSERT_TRUE(name.ok());
  ASSERT_GE(name->size(), 7u);
  EXPECT_TRUE(std::isupper(static_cast<unsigned char>((*name)[0])));
  EXPECT_TRUE(std::isupper(static_cast<unsigned char>((*name)[name->find(' ') + 1])));
}

TEST(CodeNameTest, NormalisesTheFormsPeopleType) {
  struct Row {
    const char* typed;
    const char* as_case;    // nullptr: rejected
    const char* as_person;  // nullptr: rejected
  };
  const Row rows[] = {
      {"home-shelf", "home shelf", "Home Shelf"},
      {"home shelf", "home shelf", "Home Shelf"},
      {"  Home Shelf ", "home shelf", "Home Shelf"},
      {"Blue Jay", "blue jay", "Blue Jay"},
      {"home", nullptr, nullptr},
      {"home shelf extra", nullptr, nullptr},
      {"home--shelf", nullptr, nullptr},
      {"home-shelf-", nullptr, nullptr},
      {"../etc", nullptr, nullptr},
      {"home_shelf", nullptr, nullptr},
      {"", nullptr, nullptr},
  };
  for (const Row& row : rows) {
    const auto as_case = normalise_case_code_name(row.typed);
    const auto as_person = normalise_person_code_name(row.typed);
    if (row.as_case)
      EXPECT_EQ(as_case.value_or("<rejected>"), row.as_case) << row.typed;
    else
      EXPECT_FALSE(as_case.has_value()) << row.typed;
    if (row.as_person)
      EXPECT_EQ(as_person.value_or("<rejected>"), row.as_person) << row.typed;
    else
      EXPECT_FALSE(as_person.has_value()) << row.typed;
  }
  EXPECT_EQ(url_form("home shelf"), "home-shelf");
  EXPECT_EQ(url_form("Blue Jay"), "blue-jay");
}

}  // namespace
}  // namespace conduct::domain
