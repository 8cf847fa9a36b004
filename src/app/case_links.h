// Linking the cases of one incident, and splitting a case out again (domain/case_links.h;
// docs/domain.md "Linked cases"). Both need the right to write
// both cases, decided by the access policy, and both write an entry on both timelines
// and the audit log in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/case.h"

namespace conduct::app {

// A case linked into the one shown, with its reports when the actor may read it.
struct LinkedCase {
  domain::Case summary;
  std::vector<domain::Report> reports;
};

// What the actor may see of a case's links: the case it is linked into, or the cases
// linked into it. A case the policy does not let the actor read is left out (and
// `linked_elsewhere` says the shown case is linked into one of those).
struct CaseLinksView {
  std::optional<domain::Case> primary;
  bool linked_elsewhere = false;
  std::vector<LinkedCase> linked;
};

// The links of a case the actor may read (ReadCase, and they hold its key); opening
// each linked case's reports records a read of that case.
Result<CaseLinksView> show_case_links(Context& context, const Actor& actor, const std::string& code_name);

// Links the case `linked_code` into `primary_code` (WriteCase on both). The cases then
// share their exclusions, the members newly excluded losing their keys before either
// entry is written. With `as_duplicate` the linked case repeats the primary and is
// closed into it (domain::plan_close_as_duplicate; moving it needs TransitionCase too).
// Errors: those of domain::plan_link and plan_close_as_duplicate, the access policy's
// NotFound.
Result<CaseLinksView> link_case(Context& context, const Actor& actor, const std::string& primary_code,
                                const std::string& linked_code, const std::string& note, bool as_duplicate = false);

// Splits `linked_code` out of `primary_code` (WriteCase on both): it is a case of its
// own again. The exclusions the link shared stay. Returns the primary's links after.
Result<CaseLinksView> split_case(Context& context, const Actor& actor, const std::string& primary_code,
                                 const std::string& linked_code, const std::string& reason);

// After an exclusion is recorded on `owner`: the other cases of its link group (the
// case it is linked into and the cases linked into that one, or the cases linked into
// it) get the same exclusion (reason linked-case) and the member loses their keys to
// them. Nothing when the case takes part in no link. Inside the caller's transaction.
Status share_exclusions_with_linked_cases(Context& context, const domain::Case& owner);

}  // namespace conduct::app
