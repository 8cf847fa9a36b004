#include "app/local_submissions.h"

#include "app/access.h"
#include "app/catalogue.h"
#include "app/intake.h"
#include "domain/public_report.h"

namespace conduct::app {

Result<SentSubmission> submit_locally(Context& context, const Actor& actor, const domain::LocalSubmission& submission) {
  TRY(authorize(context, actor, domain::Action::SubmitLocally));
  const Timestamp now = context.clock.now();
  ASSIGN_OR_RETURN(const domain::LocalSubmissionPlan plan,
                   domain::plan_local_submission(submission, actor.community, actor.member, now));
  ReportOpening opening;
  opening.language = std::string(kDefaultLanguage);
  opening.representative = &actor;
  opening.reporter_thread = false;
  opening.notify_whole_group = plan.notify_whole_group;
  opening.within = [&](const domain::Case& summary) {
    return context.store.insert_local_submission(
        {summary.id, actor.member.id, std::string(domain::to_string(plan.kind)), now, summary.state});
  };
  ASSIGN_OR_RETURN(const SubmittedReport submitted, open_reported_case(context, actor.community, plan.report, opening));
  (void)submitted;
  // Acknowledged at once: the representative's address is always known.
  return SentSubmission{std::string(domain::to_string(plan.kind)), now,
                        std::string(domain::reporter_status_key(domain::CaseState::Acknowledged))};
}

Result<std::vector<SentSubmission>> list_own_submissions(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, domain::Action::SubmitLocally));
  ASSIGN_OR_RETURN(const std::vector<store::LocalSubmissionRow> rows,
                   context.store.list_local_submissions(actor.member.id, kMostListedSubmissions));
  std::vector<SentSubmission> sent;
  for (const store::LocalSubmissionRow& row : rows)
    sent.push_back({row.kind, row.submitted_at, std::string(domain::reporter_status_key(row.state))});
  return sent;
}

}  // namespace conduct::app
