#include "domain/text_checks.h"

#include "core/text.h"

namespace conduct::domain {

void check_text_field(FieldErrors& errors, const std::string& field, std::string_view text, std::size_t limit) {
  if (text.size() > limit)
    errors.add(field, "must be at most " + std::to_string(limit) + " bytes");
  else if (!is_clean_utf8(text))
    errors.add(field, "must be printable UTF-8 text");
}

void check_line_field(FieldErrors& errors, const std::string& field, std::string_view text, std::size_t limit) {
  if (text.find_first_of("\r\n\t") != std::string_view::npos)
    errors.add(field, "must be one line");
  else
    check_text_field(errors, field, text, limit);
}

std::int64_t record_id_from_text(std::string_view text) {
  if (text.empty() || text.size() > 17) return -1;
  std::int64_t id = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    id = id * 10 + (c - '0');
  }
  return id;
}

void append_section(std::string& text, std::string_view heading, const std::string& body) {
  if (body.empty()) return;
  text += "\n\n";
  text += heading;
  text += ":\n";
  text += body;
}

}  // namespace conduct::domain
