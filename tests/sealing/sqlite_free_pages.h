// SQLite's free pages, read straight from a database file's bytes (the file format:
// https://www.sqlite.org/fileformat2.html, "The Freelist"). Pages a deletion frees are
// kept in the file on the freelist until they are reused or the file is vacuumed;
// whatever they held stays there unless secure_delete overwrote it. Reading the list
// from the file, not through SQLite, shows what a thief of the file would find.
//
// The header gives the page size (bytes 16–17, big-endian; 1 means 65536), the first
// freelist trunk page (bytes 32–35) and the number of free pages (bytes 36–39). A trunk
// page holds the next trunk's number, a count L, then L leaf page numbers.
//
// Read the file after a checkpoint: before it, the newest state of the pages is in the
// WAL. A pure function: the caller reads the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace conduct::testing {

struct FreePages {
  std::uint32_t count_in_header = 0;  // what the file header says
  std::vector<std::uint32_t> trunks;
  std::vector<std::uint32_t> leaves;
  std::string bytes;       // every free page, trunks and leaves, in list order
  std::string leaf_bytes;  // the leaf pages only: with secure_delete they are all zero
  bool malformed = false;  // a page number past the end of the file, or a loop
};

namespace detail {

inline std::uint32_t big_endian_u32(std::string_view bytes, std::size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(bytes[at])} << 24) |
         (std::uint32_t{static_cast<unsigned char>(bytes[at + 1])} << 16) |
         (std::uint32_t{static_cast<unsigned char>(bytes[at + 2])} << 8) |
         std::uint32_t{static_cast<unsigned char>(bytes[at + 3])};
}

}  // namespace detail

inline FreePages free_pages_of(std::string_view file) {
  FreePages free;
  if (file.size() < 100) return free;
  const std::uint32_t size_field =
      (std::uint32_t{static_cast<unsigned char>(file[16])} << 8) | std::uint32_t{static_cast<unsigned char>(file[17])};
  const std::size_t page_size = size_field == 1 ? 65536 : size_field;
  free.count_in_header = detail::big_endian_u32(file, 36);
  const auto page = [&](std::uint32_t number) -> std::string_view {
    if (number == 0 || page_size == 0 || std::size_t{number} * page_size > file.size()) return {};
    return file.substr(std::size_t{number - 1} * page_size, page_size);
  };
  std::set<std::uint32_t> seen;
  for (std::uint32_t trunk = detail::big_endian_u32(file, 32); trunk != 0;) {
    const std::string_view trunk_page = page(trunk);
    if (trunk_page.size() < 8 || !seen.insert(trunk).second) {
      free.malformed = true;
      return free;
    }
    free.trunks.push_back(trunk);
    free.bytes.append(trunk_page);
    const std::uint32_t leaf_count = detail::big_endian_u32(trunk_page, 4);
    for (std::uint32_t i = 0; i < leaf_count && 8 + 4 * std::size_t{i} + 4 <= trunk_page.size(); ++i) {
      const std::uint32_t leaf = detail::big_endian_u32(trunk_page, 8 + 4 * std::size_t{i});
      const std::string_view leaf_page = page(leaf);
      if (leaf_page.empty() || !seen.insert(leaf).second) {
        free.malformed = true;
        return free;
      }
      free.leaves.push_back(leaf);
      free.bytes.append(leaf_page);
      free.leaf_bytes.append(leaf_page);
    }
    trunk = detail::big_endian_u32(trunk_page, 0);
  }
  return free;
}

}  // namespace conduct::testing
