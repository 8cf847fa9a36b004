// Percent-encoding for header values that carry UTF-8 text: the name and description
// of an uploaded evidence file arrive percent-encoded (a header cannot carry line
// breaks or bytes beyond Latin-1), and a download names its file with RFC 8187's
// filename* parameter.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace conduct::http {

// Decodes every "%XX" (hex digits in either case); any other byte stands for itself
// ('+' included: this is not form encoding). Nothing when a '%' is not followed by two
// hex digits. Whether the result is UTF-8 is the caller's to check.
std::optional<std::string> percent_decode(std::string_view text);

// RFC 8187 value characters: letters, digits and !#$&+-.^_`|~ stay as they are, every
// other byte becomes "%XX" (upper-case hex). For `filename*=UTF-8''…`.
std::string percent_encode_attribute(std::string_view bytes);

}  // namespace conduct::http
