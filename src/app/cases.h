// Use cases on cases: open one from a report, list, show, add a note, move it through
// its lifecycle. Each authorises through the access policy, asks the domain for a plan
// and commits the plan in one transaction.
#pragma once

#include <string>
#include <vector>

#include "app/case_keys.h"
#include "app/context.h"
#include "core/result.h"
#include "domain/case_criteria.h"
#include "domain/case_intake.h"
#include "domain/lifecycle.h"
#include "domain/search.h"
#include "store/store.h"

namespace conduct::app {

// Opens a case with a fresh code name and its first report; reported persons without a
// person record get one with a fresh person code name. When the report releases held
// cases (escrow.h), the group hears of them and of this case at once.
// Errors: PermissionDenied; InvalidArgument for bad fields (all at once).
Result<domain::CaseRecord> open_case(Context& context, const Actor& actor, const domain::NewCaseCommand& command);

// Writes a plan's new entries and its state change (with its resolution), inside the
// caller's transaction.
Status apply_case_edit(Context& context, domain::Case& current, const domain::CaseEdit& edit);

// The writes of a new case, inside the caller's transaction, shared by open_case and
// the public intake (intake.h): chooses a free code name, plans the case with it, makes
// its key current, stores the case, its first report and parties, records the
// exclusions known at intake and those the reporter asked for (`named_by_reporter`),
// and only then wraps the key for the members who may read it. Last, the report
// releases the held cases that name the same person (escrow.h), the new case too when
// it is held and matched one. The stored case (as it stands after any release), and
// the other cases released: the caller tells the group of them with the new case.
struct WrittenCase {
  domain::Case summary;
  std::vector<domain::Case> released;
};
Result<WrittenCase> write_new_case(Context& context, std::int64_t community_id, const PreparedCaseKey& prepared,
                                   const std::function<Result<domain::NewCasePlan>(const std::string&)>& plan_for,
                                   const std::vector<std::int64_t>& named_by_reporter);

// Adds a further report (and the parties it names) to an existing case. When it names
// the person of a held case (escrow.h), that case is released and the group hears of
// it and of this report at once.
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

// Changes the case's flags with a reason (those who move the case: Action::TransitionCase).
// Errors: those of domain::plan_flags_change.
Result<domain::Case> change_flags(Context& context, const Actor& actor, const std::string& code_name,
                                  const domain::FlagsCommand& command);

// Errors: FailedPrecondition for a move the lifecycle refuses (nothing is written).
Result<domain::Case> transition_case(Context& context, const Actor& actor, const std::string& code_name,
                                     const domain::TransitionCommand& command);

}  // namespace conduct::app
