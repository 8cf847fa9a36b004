// Demo data: a fictional community with members and a handful of realistic cases in
// different states, written through the same use cases as real data.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/context.h"
#include "core/result.h"

namespace conduct::app {

struct DemoResult {
  domain::Community community;
  domain::Member chair;
  int cases = 0;
  std::string password;           // every demo member's password
  std::string chair_totp_secret;  // raw; the demo prints the chair's codes from it
  // A member who joined after the cases, screened one and waits for a holder to grant
  // its key: the chair sees the grant waiting on the dashboard.
  domain::Member newcomer;
  std::string newcomer_totp_secret;
  std::string newcomer_case;  // URL form of the case they wait for
  // Every other member's email and raw TOTP secret, so that a new user can try a vote
  // as several members (the demo writes them to a file beside its database).
  std::vector<std::pair<std::string, std::string>> member_secrets;
};

// Seeds an empty store. Cases are dated over the weeks before `context.clock.now()`.
// Every member is enrolled with the demo password and their own TOTP secret, and
// certified by the chair; the newcomer waits for a grant.
// Errors: FailedPrecondition when the store already holds a community.
Result<DemoResult> seed_demo(Context& context);

}  // namespace conduct::app
