#include "core/field_errors.h"

namespace conduct {

void FieldErrors::add(const std::string& field, const std::string& problem) { problems_.emplace(field, problem); }

Status FieldErrors::result(const std::string& summary) const {
  if (problems_.empty()) return ok_status();
  Error error{ErrorCode::InvalidArgument, summary + ":", problems_};
  bool first = true;
  for (const auto& [field, problem] : problems_) {
    error.message += first ? " " : "; ";
    error.message += field + " " + problem;
    first = false;
  }
  return error;
}

}  // namespace conduct
