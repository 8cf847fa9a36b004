// One error vocabulary for the whole program, and a Result<T> that carries either a
// value or an Error. Codes follow the canonical set (absl::StatusCode) so that every
// layer picks the same code for the same situation; only src/http and src/cli map a
// code to an HTTP status or an exit code.
//
// Which code to pick:
//   InvalidArgument    the input itself is wrong, whatever the state (bad field value).
//   Unauthenticated    the caller is not known (no or bad credentials).
//   PermissionDenied   the caller is known but may not do this.
//   NotFound           the thing does not exist *or the caller may not know it exists*.
//   AlreadyExists      creating something whose identity is taken.
//   FailedPrecondition the input is fine but the current state refuses it
//                      (a transition the lifecycle does not allow).
//   ResourceExhausted  too many attempts: wait and try again (sign-in back-off).
//   Internal           a broken invariant or an I/O failure; never the caller's fault.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace conduct {

enum class ErrorCode {
  InvalidArgument,
  Unauthenticated,
  PermissionDenied,
  NotFound,
  AlreadyExists,
  FailedPrecondition,
  ResourceExhausted,
  Unavailable,  // the service cannot take the request now (every worker busy); try again
  Internal,
};

// A stable lower-case name for an error code, as shown in JSON ("invalid_argument").
const char* error_code_name(ErrorCode code);

// What went wrong. `message` is for people and never contains confidential text;
// `fields` maps a field name to what is wrong with it, so that a form with three
// mistakes reports all three at once.
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::map<std::string, std::string> fields;
};

Error invalid_argument(std::string message);
Error field_error(std::string field, std::string problem);
Error not_found(std::string message);
Error already_exists(std::string message);
Error failed_precondition(std::string message);
Error permission_denied(std::string message);
Error resource_exhausted(std::string message);
Error unauthenticated(std::string message);
Error unavailable(std::string message);
Error internal_error(std::string message);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& { return std::get<Error>(state_); }
  Error&& error() && { return std::get<Error>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status ok_status() { return Status(); }

}  // namespace conduct

#define CONDUCT_CONCAT_INNER(a, b) a##b
#define CONDUCT_CONCAT(a, b) CONDUCT_CONCAT_INNER(a, b)

// TRY(expr): evaluates a Status or Result expression and returns its error from the
// enclosing function if it failed.
#define TRY(expr)                                                               \
  do {                                                                          \
    auto&& conduct_try_result = (expr);                                         \
    if (!conduct_try_result.ok()) return std::move(conduct_try_result).error(); \
  } while (false)

// ASSIGN_OR_RETURN(lhs, expr): evaluates a Result<T>; on success moves the value into
// `lhs` (which may be a declaration such as `auto x`), otherwise returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) ASSIGN_OR_RETURN_IMPL(CONDUCT_CONCAT(conduct_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)   \
  auto tmp = (expr);                            \
  if (!tmp.ok()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()
