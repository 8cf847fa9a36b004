// What every use case needs from the shell: the store, a clock and a random source.
// The shell (cli, http, tests) builds one and passes it in; use cases hold no state.
#pragma once

#include "core/random.h"
#include "crypto/password.h"
#include "core/time.h"
#include "domain/community.h"
#include "domain/member.h"
#include "store/store.h"

namespace conduct::app {

struct Context {
  store::Store& store;
  const Clock& clock;
  RandomSource& random;
  // Argon2id cost for passwords: MODERATE in production; tests may lower it, the
  // code path stays the same (crypto/password.h).
  crypto::PasswordHashCost password_cost = crypto::kModerateCost;
};

// The member a command acts as, with their community loaded (policy parsed).
struct Actor {
  domain::Community community;
  domain::Member member;
};

}  // namespace conduct::app
