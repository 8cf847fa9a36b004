// Shared by the fuzz targets: property checks that stop the run with a message, and
// small helpers to read the fuzz bytes. A failed check aborts, which libFuzzer reports
// as a crash and saves the input (crash-<sha1>) so it can be replayed:
//   build/fuzz/fuzz_<name> crash-<sha1>
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

// Checks a property of the parser under test. Unlike assert(), it is never compiled
// out: a property that does not hold is a finding.
#define FUZZ_CHECK(condition, what)                                                                       \
  do {                                                                                                    \
    if (!(condition)) {                                                                                   \
      std::fprintf(stderr, "%s:%d: property failed: %s\n  (%s)\n", __FILE__, __LINE__, what, #condition); \
      std::abort();                                                                                       \
    }                                                                                                     \
  } while (false)

namespace conduct::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input cut at every `separator`. Seeds stay readable when the separator is a
// newline; the last part takes the rest, separators included, when `max_parts` is
// reached (so a free-text field at the end may hold newlines).
inline std::vector<std::string> split_fields(std::string_view text, char separator, std::size_t max_parts) {
  std::vector<std::string> parts;
  while (parts.size() + 1 < max_parts) {
    const std::size_t end = text.find(separator);
    if (end == std::string_view::npos) break;
    parts.emplace_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  parts.emplace_back(text);
  return parts;
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace conduct::fuzz
