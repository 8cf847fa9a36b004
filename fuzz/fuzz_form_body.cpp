// HTML form bodies as the public report form and the portal post them
// (http::parse_form_body, http::is_form_content_type).
//
// Properties: a body that parses holds at most kMostFormFields fields, each name and
// value clean UTF-8; the fields, percent-encoded again, parse back to the same fields;
// a body refused stays refused with more fields after it; form_value is the first value
// of a name and form_values every value, in order. is_form_content_type never throws and
// accepts only the urlencoded type, whatever parameters follow.
#include <string>

#include "core/text.h"
#include "fuzz_check.h"
#include "http/form_body.h"

namespace {

using namespace conduct;
using namespace conduct::http;
using namespace conduct::fuzz;

std::string encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '*') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = as_text(data, size);
  const auto fields = parse_form_body(body);

  const bool form_type = is_form_content_type(body);
  if (form_type)
    FUZZ_CHECK(contains(to_lower_ascii(body), "application/x-www-form-urlencoded"), "only the form type is a form");

  if (!fields) {
    FUZZ_CHECK(!parse_form_body(std::string(body) + "&a=1").has_value(), "a refusal stays a refusal");
    return 0;
  }
  FUZZ_CHECK(fields->size() <= kMostFormFields, "at most kMostFormFields fields");
  std::string again;
  for (const auto& [name, value] : *fields) {
    FUZZ_CHECK(is_clean_utf8(name), "a name is clean UTF-8");
    FUZZ_CHECK(is_clean_utf8(value), "a value is clean UTF-8");
    again += (again.empty() ? "" : "&") + encode(name) + "=" + encode(value);
  }
  const auto reparsed = parse_form_body(again);
  FUZZ_CHECK(reparsed.has_value(), "the fields encoded again parse");
  FUZZ_CHECK(*reparsed == *fields, "the fields encoded again read the same");
  if (!fields->empty()) {
    const std::string& name = fields->front().first;
    FUZZ_CHECK(form_value(*fields, name) == fields->front().second, "form_value is the first value");
    std::size_t count = 0;
    for (const auto& field : *fields) count += field.first == name ? 1 : 0;
    FUZZ_CHECK(form_values(*fields, name).size() == count, "form_values is every value");
  }
  return 0;
}
