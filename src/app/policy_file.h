// Reading a community's policy from TOML (policies/*.toml). Keys that are absent take
// the default (domain::default_policy()); unknown keys are errors, so a typo never
// silently leaves a default in force.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/policy.h"

namespace conduct::app {

// Parses and validates a policy. Errors: InvalidArgument naming the line of a syntax
// error, or every bad or unknown key by its dotted path.
Result<domain::Policy> parse_policy(std::string_view toml_source);

// parse_policy for the policies stored with communities: each distinct text is parsed
// once per process and its result kept (a community's policy is read on every
// request; there are few distinct texts). Safe to call from several threads.
Result<domain::Policy> parse_stored_policy(const std::string& toml_source);

// Policies shipped inside the binary, by name ("default", "two-thirds-weekly").
std::vector<std::string> shipped_policy_names();
// The TOML text of a shipped policy. Errors: NotFound for an unknown name.
Result<std::string> shipped_policy_source(std::string_view name);

}  // namespace conduct::app
