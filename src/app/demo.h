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
};

// Seeds an empty store. Cases are dated over the weeks before `context.clock.now()`.
// Errors: FailedPrecondition when the store already holds a community.
Result<DemoResult> seed_demo(Context& context);

}  // namespace conduct::app
