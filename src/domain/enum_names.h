// A tiny helper for enums that have a stable text form (used in storage, JSON, the
// CLI and policy files). Each enum lists its names once, in a table beside it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace conduct::domain {

template <typename Enum>
using NameTable = std::span<const std::pair<Enum, std::string_view>>;

template <typename Enum>
std::string_view name_in(NameTable<Enum> table, Enum value) {
  for (const auto& [candidate, name] : table)
    if (candidate == value) return name;
  return "unknown";
}

template <typename Enum>
std::optional<Enum> parse_in(NameTable<Enum> table, std::string_view name) {
  for (const auto& [candidate, candidate_name] : table)
    if (candidate_name == name) return candidate;
  return std::nullopt;
}

// "a, b or c": for error messages that list the accepted names.
template <typename Enum>
std::string names_of(NameTable<Enum> table) {
  std::string names;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (i > 0) names += i + 1 == table.size() ? " or " : ", ";
    names += table[i].second;
  }
  return names;
}

}  // namespace conduct::domain
