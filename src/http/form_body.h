// HTML form bodies (application/x-www-form-urlencoded, the WHATWG URL standard's
// "application/x-www-form-urlencoded parser"): the public report form and the portal
// post them, so they work without any script.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conduct::http {

inline constexpr std::size_t kMostFormFields = 300;

// The fields in order (a name may repeat: checkboxes), '+' read as a space and %XX
// decoded. Nothing when a %-escape is broken, a name or value is not UTF-8, or there are
// more than kMostFormFields fields.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_form_body(std::string_view body);

// Whether a Content-Type header names a form body (parameters ignored).
bool is_form_content_type(std::string_view content_type);

// The first value of `name`, or empty; every value of `name`.
std::string form_value(const std::vector<std::pair<std::string, std::string>>& fields, std::string_view name);
std::vector<std::string> form_values(const std::vector<std::pair<std::string, std::string>>& fields,
                                     std::string_view name);

}  // namespace conduct::http
