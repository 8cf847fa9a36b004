// Small text helpers shared by the layers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conduct {

std::string trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Several texts as one, each written "<length>:<text>\n", so any text (newlines and
// colons included) reads back exactly: how a record's sealed fields are kept in one
// sealed value. decode_fields returns nullopt for anything encode_fields did not write.
std::string encode_fields(const std::vector<std::string>& fields);
std::optional<std::vector<std::string>> decode_fields(std::string_view encoded);

// A plausible email address: one '@', a non-empty local part, a dotted domain, no
// spaces or control characters. Deliverability is the mail layer's concern.
bool looks_like_email(std::string_view text);

// Valid UTF-8 with no control characters other than tab, CR and LF.
bool is_clean_utf8(std::string_view text);

// The name a file sent from outside the group is kept under (a reporter's upload, a
// mail's attachment): the last path component of `sent` (UTF-8), without control
// characters, trimmed, at most 200 bytes (its end kept, where the extension is, cut on
// a character boundary), and "attachment-N<fallback_extension>" when nothing is left.
std::string uploaded_file_name(std::string_view sent, std::size_t number, std::string_view fallback_extension);

}  // namespace conduct
