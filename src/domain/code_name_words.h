#pragma once
#include <array>
#include <cstddef>
#include <string_view>
namespace conduct::domain {
// First words are adjectives or participles ("home" as in "home shelf" is fine too: any word that reads well first);
// second words are concrete nouns.
inline constexpr std::size_t kFirstWordCount = 1207;
inline constexpr std::size_t kSecondWordCount = 1300;
extern const std::array<std::string_view, kFirstWordCount> kFirstWords;
extern const std::array<std::string_view, kSecondWordCount> kSecondWords;
}  // namespace conduct::domain
