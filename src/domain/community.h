// A community: one working group's world. Every record belongs to exactly one
// community and nothing crosses between them.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/policy.h"

namespace conduct::domain {

struct Community {
  std::int64_t id = 0;
  std::string slug;           // "tidewater"
  std::string name;           // "Tidewater Open Source Community"
  std::string contact_email;  // where reports go: "conduct@tidewater.example"
  Policy policy;
  Timestamp created_at;
};

const Space* find_space(const Community& community, std::string_view key);

struct NewCommunityCommand {
  std::string slug;
  std::string name;
  std::string contact_email;
};

// Validates the command against the (already valid) policy and returns the community
// to store (id 0).
Result<Community> plan_new_community(const NewCommunityCommand& command, Policy policy, Timestamp now);

}  // namespace conduct::domain
