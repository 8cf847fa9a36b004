// Setting up a community, and finding the one a command acts in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/context.h"
#include "core/result.h"

namespace conduct::app {

struct InitCommand {
  std::string policy_source;  // TOML text
  domain::NewCommunityCommand community;
  std::string chair_email;
  std::string chair_name;
};

struct InitResult {
  domain::Community community;
  domain::Member chair;
  EnrolmentLink first_chair_link;  // carries the root key's secret until the chair enrols
  // The recovery key's secret as a printable kit: shown once, never stored.
  std::string recovery_kit;
};

// Creates a community from its policy, its first chair, the community root key, the
// recovery key (its public half signed by the root key) and the chair's enrolment
// link, in one transaction.
// Errors: InvalidArgument for a bad policy or field (all reported together);
// AlreadyExists when the slug is taken.
Result<InitResult> init_community(Context& context, const InitCommand& command);

// Loads a community with its parsed policy. Errors: NotFound.
Result<domain::Community> load_community(Context& context, const std::string& slug);
Result<domain::Community> load_community_by_id(Context& context, std::int64_t community_id);

// The community a command acts in: the one named, or the only one there is.
// Errors: NotFound when none exists or the slug is unknown; InvalidArgument when
// several exist and none was named.
Result<domain::Community> choose_community(Context& context, const std::optional<std::string>& slug);

// Public facts about every community (name, slug, contact), for the web app's front page.
Result<std::vector<domain::Community>> list_communities(Context& context);

// Whether the database answers a query (the health check): one count, nothing read.
struct DatabaseHealth {
  bool answers = false;   // a read succeeds
  bool writable = false;  // and nothing says a write would fail for want of storage
  std::string problem;    // when it does not answer or cannot be written
};
DatabaseHealth database_health(Context& context);

}  // namespace conduct::app
