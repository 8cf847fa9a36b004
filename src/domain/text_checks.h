// The checks every typed text field gets: a size limit and printable UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/field_errors.h"

namespace conduct::domain {

// Adds a problem for `field` to `errors` when `text` is longer than `limit` bytes or is
// not printable UTF-8 (tab, CR and LF allowed).
void check_text_field(FieldErrors& errors, const std::string& field, std::string_view text, std::size_t limit);

// The same for a field of one line (a name, a handle, when, where): no line breaks or
// tabs either ("must be one line"). A name may go into a mail, where a line of its own
// would read as a message of its own.
void check_line_field(FieldErrors& errors, const std::string& field, std::string_view text, std::size_t limit);

// Appends a section to a report's text: a blank line, "heading:" and `body` on the
// lines after it; nothing when `body` is empty.
void append_section(std::string& text, std::string_view heading, const std::string& body);

// A record id as a form or a JSON array of strings sends it: decimal digits only, at
// most 17 of them; -1 for anything else (no record has it, so the rule that looks it
// up refuses it by name).
std::int64_t record_id_from_text(std::string_view text);

}  // namespace conduct::domain
