// Use cases on cases: open one from a report, list, show, add a note, move it through
// its lifecycle. Each authorises through the access policy, asks the domain for a plan
// and commits the plan in one transaction.
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/case_criteria.h"
#include "domain/case_intake.h"
#include "domain/lifecycle.h"
#include "domain/search.h"
#include "store/store.h"

namespace conduct::app {

// Opens a case with a fresh code name and its first report; reported persons without a
// person record get one with a fresh person code name.
// Errors: PermissionDenied; InvalidArgument for bad fields (all at once).
Result<domain::CaseRecord> open_case(Context& context, const Actor& actor, const domain::NewCaseCommand& command);

// Adds a further report (and the parties it names) to an existing case.
// Errors: NotFound; InvalidArgument for bad fields (all at once).
Result<domain::Report> add_report(Context& context, const Actor& actor, const std::string& code_name,
                                  const domain::ReportInput& input);

Result<std::vector<domain::Case>> list_cases(Context& context, const Actor& actor, const store::CaseFilter& filter,
                                             const domain::CaseCriteria& criteria = {});

// `code_name` may be in URL form ("home-shelf") or spaced ("home shelf").
// Errors: NotFound for a missing case and for one the actor may not see, alike.
// Full-text search over the cases the actor holds (keys unlocked in their session),
// decrypting as it goes; cases they may see but hold no key to are not searched. At
// most `limit` cases, newest first. Errors: InvalidArgument (field "q").
struct SearchResult {
  domain::Case summary;
  std::vector<domain::TextMatch> matches;
};
Result<std::vector<SearchResult>> search_cases(Context& context, const Actor& actor, const std::string& query,
                                               std::size_t limit = 50);

Result<domain::CaseRecord> show_case(Context& context, const Actor& actor, const std::string& code_name);

Result<domain::TimelineEntry> add_note(Context& context, const Actor& actor, const std::string& code_name,
                                       const domain::NoteCommand& command);

// Errors: FailedPrecondition for a move the lifecycle refuses (nothing is written).
Result<domain::Case> transition_case(Context& context, const Actor& actor, const std::string& code_name,
                                     const domain::TransitionCommand& command);

}  // namespace conduct::app
