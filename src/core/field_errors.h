// Collects every problem with a command's fields before failing, so that a form or a
// command line with three mistakes gets three messages at once.
//
//   FieldErrors errors;
//   if (name.empty()) errors.add("name", "is required");
//   TRY(errors.result("the member could not be added"));
#pragma once

#include <map>
#include <string>

#include "core/result.h"

namespace conduct {

class FieldErrors {
 public:
  // Records a problem with `field`. The first problem reported for a field wins.
  void add(const std::string& field, const std::string& problem);
  bool empty() const { return problems_.empty(); }

  // OK when nothing was recorded; otherwise InvalidArgument whose message names every
  // field ("summary: name is required; email is not an address") and whose `fields`
  // map holds each problem.
  Status result(const std::string& summary) const;

 private:
  std::map<std::string, std::string> problems_;
};

}  // namespace conduct
