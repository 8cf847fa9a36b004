// Slugs: the short identifiers that appear in URLs and policy files.
#pragma once

#include <string_view>

namespace conduct::domain {

// Lower-case ASCII letters, digits and single dashes; starts with a letter; 1–40 chars.
bool is_slug(std::string_view text);

}  // namespace conduct::domain
