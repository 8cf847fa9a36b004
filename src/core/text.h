// Small text helpers shared by the layers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace conduct {

std::string trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// A plausible email address: one '@', a non-empty local part, a dotted domain, no
// spaces or control characters. Deliverability is the mail layer's concern.
bool looks_like_email(std::string_view text);

// Valid UTF-8 with no control characters other than tab, CR and LF.
bool is_clean_utf8(std::string_view text);

}  // namespace conduct
