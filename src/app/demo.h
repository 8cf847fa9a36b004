// Demo data: a fictional community with members and a handful of realistic cases in
// different states, written through the same use cases as real data.
#pragma once

#include "app/context.h"
#include "core/result.h"

namespace conduct::app {

struct DemoResult {
  domain::Community community;
  domain::Member chair;
  int cases = 0;
  std::string password;           // every demo member's password
  std::string chair_totp_secret;  // raw; the demo prints the chair's codes from it
};

// Seeds an empty store. Cases are dated over the weeks before `context.clock.now()`.
// Every member is enrolled with the demo password and their own TOTP secret, and
// certified by the chair.
// Errors: FailedPrecondition when the store already holds a community.
Result<DemoResult> seed_demo(Context& context);

}  // namespace conduct::app
