// JSON request bodies (http::JsonBody): the bytes are a request's body sent as
// application/json, read the way the intake handler reads a new case (texts, flags, a
// list of texts, numbers, a list of party objects).
//
// Properties: a body that is not a JSON object, or nests more than 32 levels (deeper
// bodies once overflowed the stack when copied), is refused naming "body" only; a body
// sent as another content type is refused naming "content-type"; every field read
// agrees with what the JSON holds (the value when it has the right type, the
// fallback when absent or null, a problem otherwise); problems are reported by field
// name with fixed wording only, so no value from the body is ever echoed.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "fuzz_check.h"
#include "http/json_body.h"

namespace {

using namespace conduct;
using namespace conduct::http;
using Json = nlohmann::json;

const std::set<std::string> kProblems{"must be text",
                                      "must be true or false",
                                      "must be a whole number",
                                      "must be a list of texts",
                                      "must be a list of objects",
                                      "must be an object"};

const std::string kTooDeep = "must not nest more than 32 levels of arrays and objects";

// How many arrays and objects the deepest value sits in (the body itself is level 1).
// Walked with a stack of our own: recursing would overflow on the bodies under test.
std::size_t nesting(const Json& root) {
  std::size_t deepest = 0;
  std::vector<std::pair<const Json*, std::size_t>> pending{{&root, 1}};
  while (!pending.empty()) {
    const auto [value, level] = pending.back();
    pending.pop_back();
    if (!value->is_structured()) continue;
    deepest = std::max(deepest, level);
    for (const Json& child : *value) pending.emplace_back(&child, level + 1);
  }
  return deepest;
}

// '[' and '{' outside strings: an upper bound on how deep the text can nest.
std::size_t openers(std::string_view text) {
  std::size_t count = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (in_string) {
      if (text[i] == '\\')
        ++i;
      else if (text[i] == '"')
        in_string = false;
    } else if (text[i] == '"') {
      in_string = true;
    } else if (text[i] == '[' || text[i] == '{') {
      ++count;
    }
  }
  return count;
}

// The member `name` of `object` as JsonBody sees it: absent and null are the same.
const Json* member(const Json& object, const std::string& name) {
  const auto found = object.find(name);
  return found == object.end() || found->is_null() ? nullptr : &*found;
}

void check_text(JsonBody& body, const Json& json, const std::string& name, std::set<std::string>& expected_problems,
                const std::string& prefix = "") {
  const std::string value = body.text(name, "fallback");
  const Json* held = member(json, name);
  if (!held)
    FUZZ_CHECK(value == "fallback", "an absent or null text gives the fallback");
  else if (held->is_string())
    FUZZ_CHECK(value == held->get<std::string>(), "a text reads as the JSON string");
  else
    expected_problems.insert(prefix + name);
}

void check_flag(JsonBody& body, const Json& json, const std::string& name, std::set<std::string>& expected_problems) {
  const bool value = body.flag(name, false);
  const Json* held = member(json, name);
  if (held && held->is_boolean())
    FUZZ_CHECK(value == held->get<bool>(), "a flag reads as the JSON boolean");
  else
    FUZZ_CHECK(!value, "a missing or mistyped flag gives the fallback");
  if (held && !held->is_boolean()) expected_problems.insert(name);
}

void check_number(JsonBody& body, const Json& json, const std::string& name, std::set<std::string>& expected_problems) {
  const std::optional<std::int64_t> value = body.number(name);
  const Json* held = member(json, name);
  const bool fits =
      held && (held->is_number_integer() && !(held->is_number_unsigned() && held->get<std::uint64_t>() > INT64_MAX));
  FUZZ_CHECK(value.has_value() == fits, "a number reads exactly when it is a whole number that fits 64 bits");
  if (fits) FUZZ_CHECK(*value == held->get<std::int64_t>(), "a number reads as the JSON integer");
  if (held && !fits) expected_problems.insert(name);
}

void check_body(const std::string& body_text) {
  Request request;
  request.method = "POST";
  request.path = "/api/cases";
  request.headers["content-type"] = "application/json; charset=utf-8";
  request.body = body_text;
  Result<JsonBody> body = JsonBody::parse(request);

  const Json json = Json::parse(body_text, nullptr, /*allow_exceptions=*/false);
  const bool is_object = !body_text.empty() && !json.is_discarded() && json.is_object();
  const bool too_deep = is_object && nesting(json) > 32;
  if (!body.ok()) {
    FUZZ_CHECK(body.error().fields.size() == 1 && body.error().fields.count("body") == 1,
               "a body that is not a JSON object is refused naming \"body\"");
    const std::string& problem = body.error().fields.at("body");
    if (problem == kTooDeep) {
      FUZZ_CHECK(too_deep || !is_object, "a body is refused for its nesting only when it nests more than 32 levels");
      FUZZ_CHECK(openers(body_text) > 32, "a body refused for its nesting opens more than 32 arrays and objects");
    } else {
      FUZZ_CHECK(problem == "must be a JSON object" && !is_object && !body_text.empty(),
                 "only a body that is not a JSON object is refused as one");
    }
    return;
  }
  FUZZ_CHECK(is_object || body_text.empty(), "a body that is not a JSON object is refused");
  FUZZ_CHECK(!too_deep, "a body that nests more than 32 levels is refused");
  static const Json kEmptyObject = Json::object();
  const Json& object = body_text.empty() ? kEmptyObject : json;  // not a copy: copying recurses

  // The fields of a new case, read as the intake handler reads them.
  std::set<std::string> expected;
  for (const char* name : {"report", "channel", "occurred_on", "space", "location"})
    check_text(*body, object, name, expected);
  for (const char* name : {"ongoing", "physical_danger"}) check_flag(*body, object, name, expected);
  for (const char* name : {"corrects", "days"}) check_number(*body, object, name, expected);

  const std::vector<std::string> categories = body->texts("categories");
  if (const Json* held = member(object, "categories")) {
    bool all_texts = held->is_array();
    if (all_texts)
      for (const Json& item : *held) all_texts = all_texts && item.is_string();
    if (all_texts)
      FUZZ_CHECK(categories.size() == held->size(), "a list of texts reads every text");
    else {
      FUZZ_CHECK(categories.empty(), "a list that is not all texts reads as empty");
      expected.insert("categories");
    }
  }

  std::vector<JsonBody> parties = body->objects("parties");
  if (const Json* held = member(object, "parties")) {
    if (!held->is_array()) {
      FUZZ_CHECK(parties.empty(), "parties that are not a list read as none");
      expected.insert("parties");
    } else {
      std::size_t read = 0;
      for (std::size_t i = 0; i < held->size(); ++i) {
        const std::string prefix = "parties[" + std::to_string(i + 1) + "]";
        if (!(*held)[i].is_object()) {
          expected.insert(prefix);
          continue;
        }
        FUZZ_CHECK(read < parties.size(), "every object of the list is read");
        for (const char* name : {"role", "name", "contact", "person", "employer"})
          check_text(parties[read], (*held)[i], name, expected, prefix + ".");
        ++read;
      }
      FUZZ_CHECK(read == parties.size(), "only the objects of the list are read");
    }
  }

  const Status status = body->result();
  if (expected.empty()) {
    FUZZ_CHECK(status.ok(), "a body whose fields all have the right types has no problems");
    return;
  }
  FUZZ_CHECK(!status.ok() && status.error().code == ErrorCode::InvalidArgument, "a mistyped field is a problem");
  std::set<std::string> reported;
  std::string message = "the request has problems:";
  bool first = true;
  for (const auto& [field, problem] : status.error().fields) {
    reported.insert(field);
    FUZZ_CHECK(kProblems.count(problem) == 1, "problems are in fixed words (no value from the body is echoed)");
    message += (first ? " " : "; ") + field + " " + problem;
    first = false;
  }
  FUZZ_CHECK(reported == expected, "exactly the mistyped fields are reported, by name");
  FUZZ_CHECK(status.error().message == message, "the message is made of field names and fixed words only");
}

void check_content_type(const std::string& body_text) {
  if (body_text.empty()) return;
  Request request;
  request.headers["content-type"] = "text/plain";
  request.body = body_text;
  const Result<JsonBody> body = JsonBody::parse(request);
  FUZZ_CHECK(!body.ok() && body.error().fields.count("content-type") == 1,
             "a body that is not sent as application/json is refused naming content-type");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body_text(conduct::fuzz::as_text(data, size));
  check_body(body_text);
  check_content_type(body_text);
  return 0;
}
