#include "domain/search.h"

#include <algorithm>

#include "core/text.h"

namespace conduct::domain {
namespace {

constexpr std::size_t kSnippetContext = 40;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Moves `at` back (or forward) to the start of a UTF-8 character.
std::size_t character_start(std::string_view text, std::size_t at) {
  while (at > 0 && at < text.size() && is_continuation_byte(text[at])) --at;
  return at;
}

std::string snippet_around(std::string_view text, std::size_t at, std::size_t length) {
  const std::size_t from = character_start(text, at > kSnippetContext ? at - kSnippetContext : 0);
  std::size_t to = std::min(text.size(), at + length + kSnippetContext);
  while (to < text.size() && is_continuation_byte(text[to])) ++to;
  std::string snippet = from > 0 ? "…" : "";
  for (char c : text.substr(from, to - from)) snippet += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (to < text.size()) snippet += "…";
  return snippet;
}

void look_in(std::vector<TextMatch>& matches, std::string where, std::string_view text, std::string_view query) {
  if (text.size() < query.size()) return;
  const std::string folded = to_lower_ascii(text);
  const std::size_t at = folded.find(query);
  if (at == std::string::npos) return;
  matches.push_back({std::move(where), snippet_around(text, at, query.size())});
}

}  // namespace

Result<std::string> normalise_search_query(std::string_view query) {
  std::string normal;
  for (char c : trim(query)) {
    if (c == ' ' && !normal.empty() && normal.back() == ' ') continue;
    normal += c;
  }
  if (!is_clean_utf8(normal)) return field_error("q", "must be text");
  if (normal.size() < kSearchQueryMinBytes) return field_error("q", "must be at least 2 characters");
  if (normal.size() > kSearchQueryMaxBytes) return field_error("q", "must be at most 200 bytes");
  return to_lower_ascii(normal);
}

std::vector<TextMatch> find_in_record(const CaseRecord& record, std::string_view query) {
  std::vector<TextMatch> matches;
  look_in(matches, "location", record.summary.location, query);
  for (const Report& report : record.reports)
    look_in(matches, "report " + std::to_string(report.number), report.text, query);
  for (const Party& party : record.parties) {
    const std::string prefix = "party " + std::to_string(party.number) + " ";
    look_in(matches, prefix + "name", party.name, query);
    look_in(matches, prefix + "contact", party.contact, query);
    look_in(matches, prefix + "employer", party.employer, query);
  }
  for (const TimelineEntry& entry : record.timeline) {
    if (entry.kind == EntryKind::Report) continue;  // the report's text is searched above
    look_in(matches, "entry " + std::to_string(entry.number) + " (" + std::string(to_string(entry.kind)) + ")",
            entry.body, query);
  }
  return matches;
}

}  // namespace conduct::domain
