#include "http/json_body.h"

#include "core/text.h"

#include <cstdint>

namespace conduct::http {

bool is_json_content_type(std::string_view value) {
  // "application/json", then optionally "; charset=utf-8" (any case, spaces around the
  // semicolon and the equals sign allowed): "application/jsonx" is not JSON.
  const std::string type = to_lower_ascii(trim(value));
  constexpr std::string_view kJson = "application/json";
  if (type.rfind(kJson, 0) != 0) return false;
  std::string_view rest = std::string_view(type).substr(kJson.size());
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  if (rest.empty()) return true;
  if (rest.front() != ';') return false;
  rest.remove_prefix(1);
  std::string parameter;
  for (char c : rest)
    if (c != ' ' && c != '\t') parameter.push_back(c);
  return parameter == "charset=utf-8" || parameter == "charset=\"utf-8\"";
}
namespace {

// Request bodies are a few levels deep. Deeper ones are refused while parsing, before
// anything copies the value: copying a nlohmann::json recurses once per level, so a
// 200 KB body of nested arrays in one party overflowed the stack in objects() (found
// by fuzz/fuzz_json_body).
constexpr int kMaxNesting = 32;

}  // namespace

Result<JsonBody> JsonBody::parse(const Request& request) {
  if (request.body.empty()) return JsonBody(nlohmann::json::object());
  // Only JSON is accepted: a cross-site form cannot send application/json without the
  // browser asking first, so a page elsewhere cannot post to the API (sign-in included).
  if (!is_json_content_type(request.header("content-type")))
    return field_error("content-type", "must be application/json");
  bool too_deep = false;
  const nlohmann::json::parser_callback_t limit_nesting = [&too_deep](int depth, nlohmann::json::parse_event_t event,
                                                                      nlohmann::json&) {
    // `depth` counts the arrays and objects around the one starting.
    const bool starts_container =
        event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start;
    if (starts_container && depth >= kMaxNesting) too_deep = true;
    return !too_deep;
  };
  nlohmann::json value = nlohmann::json::parse(request.body, limit_nesting, /*allow_exceptions=*/false);
  if (too_deep) return field_error("body", "must not nest more than 32 levels of arrays and objects");
  if (value.is_discarded() || !value.is_object()) return field_error("body", "must be a JSON object");
  return JsonBody(std::move(value));
}

const nlohmann::json* JsonBody::field(const std::string& name) {
  const auto found = value_.find(name);
  if (found == value_.end() || found->is_null()) return nullptr;
  return &*found;
}

void JsonBody::problem(const std::string& name, const std::string& what) {
  FieldErrors& errors = parent_errors_ ? *parent_errors_ : errors_;
  errors.add(prefix_ + name, what);
}

std::string JsonBody::text(const std::string& name, const std::string& fallback) {
  const nlohmann::json* value = field(name);
  if (!value) return fallback;
  if (!value->is_string()) {
    problem(name, "must be text");
    return fallback;
  }
  return value->get<std::string>();
}

bool JsonBody::flag(const std::string& name, bool fallback) {
  const nlohmann::json* value = field(name);
  if (!value) return fallback;
  if (!value->is_boolean()) {
    problem(name, "must be true or false");
    return fallback;
  }
  return value->get<bool>();
}

std::optional<bool> JsonBody::optional_flag(const std::string& name) {
  if (!field(name)) return std::nullopt;
  return flag(name);
}

std::optional<std::int64_t> JsonBody::number(const std::string& name) {
  const nlohmann::json* value = field(name);
  if (!value) return std::nullopt;
  const bool too_large =
      value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
  if (!value->is_number_integer() || too_large) {
    problem(name, "must be a whole number");
    return std::nullopt;
  }
  return value->get<std::int64_t>();
}

std::vector<std::string> JsonBody::texts(const std::string& name) {
  std::vector<std::string> items;
  const nlohmann::json* value = field(name);
  if (!value) return items;
  if (!value->is_array()) {
    problem(name, "must be a list of texts");
    return items;
  }
  for (const nlohmann::json& item : *value) {
    if (!item.is_string()) {
      problem(name, "must be a list of texts");
      return {};
    }
    items.push_back(item.get<std::string>());
  }
  return items;
}

std::vector<JsonBody> JsonBody::objects(const std::string& name) {
  std::vector<JsonBody> items;
  const nlohmann::json* value = field(name);
  if (!value) return items;
  if (!value->is_array()) {
    problem(name, "must be a list of objects");
    return items;
  }
  FieldErrors& errors = parent_errors_ ? *parent_errors_ : errors_;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const std::string prefix = prefix_ + name + "[" + std::to_string(i + 1) + "].";
    if (!(*value)[i].is_object()) {
      errors.add(prefix_ + name + "[" + std::to_string(i + 1) + "]", "must be an object");
      continue;
    }
    items.push_back(JsonBody((*value)[i], prefix, &errors));
  }
  return items;
}

Status JsonBody::result() { return errors_.result("the request has problems"); }

}  // namespace conduct::http
