// Reading JSON request bodies: parse once, then read typed fields, collecting every
// problem by field name so that a form with three mistakes gets three messages.
//
//   ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
//   const std::string email = body.text("email");
//   const bool ongoing = body.flag("ongoing");
//   TRY(body.result());
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_errors.h"
#include "core/result.h"
#include "http/request.h"

namespace conduct::http {

// Whether a Content-Type names JSON: exactly application/json, with at most a UTF-8
// charset parameter.
bool is_json_content_type(std::string_view value);

class JsonBody {
 public:
  // Errors: InvalidArgument (field "content-type") when a body is not sent as
  // application/json; (field "body") when it is not a JSON object, or nests more than
  // 32 levels of arrays and objects.
  static Result<JsonBody> parse(const Request& request);
  explicit JsonBody(nlohmann::json value) : value_(std::move(value)) {}

  // Absent or null fields give the fallback; a value of the wrong type is a problem.
  std::string text(const std::string& field, const std::string& fallback = "");
  bool flag(const std::string& field, bool fallback = false);
  // A boolean that may be left out (or null): nullopt then.
  std::optional<bool> optional_flag(const std::string& field);
  std::optional<std::int64_t> number(const std::string& field);
  std::vector<std::string> texts(const std::string& field);
  // The objects of an array field, each as its own JsonBody; `prefix` names them in
  // errors ("parties[2].role").
  std::vector<JsonBody> objects(const std::string& field);

  // OK, or InvalidArgument naming every problem found so far (and in nested bodies).
  Status result();

 private:
  JsonBody(nlohmann::json value, std::string prefix, FieldErrors* parent_errors)
      : value_(std::move(value)), prefix_(std::move(prefix)), parent_errors_(parent_errors) {}
  const nlohmann::json* field(const std::string& name);
  void problem(const std::string& name, const std::string& what);

  nlohmann::json value_;
  std::string prefix_;
  FieldErrors errors_;
  FieldErrors* parent_errors_ = nullptr;  // nested bodies report to their parent
};

}  // namespace conduct::http
