// What the decisions' use cases share (decisions.cpp, unilateral_actions.cpp): one
// decision written in a transaction of its own, with the votes it settles.
#pragma once

#include <functional>
#include <string>

#include "app/decisions.h"
#include "domain/access.h"

namespace conduct::app {

// The case as the actor may act on it by `action` (its key held), made writable; the
// votes the count has decided close first, then `write` runs with the view as it then
// stands, then the votes it settles close; the view after. One transaction.
Result<DecisionsView> decide(Context& context, const Actor& actor, const std::string& code_name, domain::Action action,
                             const std::function<Status(domain::Case&, const DecisionsView&)>& write);

}  // namespace conduct::app
