#include "http/form_body.h"

#include "core/text.h"
#include "http/percent_encoding.h"

namespace conduct::http {
namespace {

std::optional<std::string> decode_part(std::string_view part) {
  std::string plus_as_space(part);
  for (char& c : plus_as_space)
    if (c == '+') c = ' ';
  std::optional<std::string> decoded = percent_decode(plus_as_space);
  if (!decoded || !is_clean_utf8(*decoded)) return std::nullopt;
  return decoded;
}

}  // namespace

std::optional<std::vector<std::pair<std::string, std::string>>> parse_form_body(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t start = 0;
  while (start <= body.size()) {
    const std::size_t end = std::min(body.find('&', start), body.size());
    const std::string_view item = body.substr(start, end - start);
    start = end + 1;
    if (!item.empty()) {
      if (fields.size() == kMostFormFields) return std::nullopt;
      const std::size_t equals = item.find('=');
      std::optional<std::string> name = decode_part(item.substr(0, equals));
      std::optional<std::string> value =
          decode_part(equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1));
      if (!name || !value) return std::nullopt;
      fields.emplace_back(std::move(*name), std::move(*value));
    }
    if (end >= body.size()) break;
  }
  return fields;
}

bool is_form_content_type(std::string_view content_type) {
  const std::string type = to_lower_ascii(trim(content_type.substr(0, content_type.find(';'))));
  return type == "application/x-www-form-urlencoded";
}

std::string form_value(const std::vector<std::pair<std::string, std::string>>& fields, std::string_view name) {
  for (const auto& [field, value] : fields)
    if (field == name) return value;
  return {};
}

std::vector<std::string> form_values(const std::vector<std::pair<std::string, std::string>>& fields,
                                     std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [field, value] : fields)
    if (field == name) values.push_back(value);
  return values;
}

}  // namespace conduct::http
