// Local representatives' submissions from the shell: `conduct submission send|list`,
// signed in as the representative (--as). The same use cases as /api/submissions.
#include <iostream>

#include "app/catalogue.h"
#include "app/local_submissions.h"
#include "cli/commands.h"
#include "core/text.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

struct SendOptions {
  domain::LocalSubmission submission;
  std::vector<std::string> people;  // ROLE:NAME[:HANDLE]
};

void print_submission(const app::SentSubmission& sent) {
  std::cout << format_timestamp(sent.submitted_at) << "  " << sent.kind << "  "
            << app::shipped_catalogue().text(std::string(app::kDefaultLanguage), sent.status_key) << "\n";
}

void add_send(CLI::App& submissions, GlobalOptions& globals, Action& action) {
  auto options = std::make_shared<SendOptions>();
  domain::LocalSubmission& s = options->submission;
  CLI::App* send = submissions.add_subcommand(
      "send", "Send a report, an after-event summary or an escalation as a local representative");
  send->add_option("--kind", s.kind, "report, summary or escalation")->required();
  send->add_option("--what-happened", s.what_happened, "The facts as the team found them")->required();
  send->add_option("--actions-taken", s.actions_taken, "What the team did (required in a summary)");
  send->add_option("--responses", s.responses, "How the people involved responded, and the outcome");
  send->add_option("--why-escalated", s.why_escalated, "Why the group is asked to act (required in an escalation)");
  send->add_option("--person", options->people,
                   "Someone involved, ROLE:NAME[:HANDLE] with ROLE reported-person, harmed-individual or witness "
                   "(repeat for more)");
  send->add_option("--occurred-on", s.occurred_on, "The day, YYYY-MM-DD");
  send->add_option("--when", s.when, "When, in words");
  send->add_option("--space", s.space, "A space key of the community's policy");
  send->add_option("--where", s.where, "Where, in words");
  send->add_option("--links", s.links, "Links, one per line");
  send->add_option("--content-note", s.content_notes, "A content note members see first (repeat for more)");
  send->add_flag("--ongoing", s.ongoing, "It is still going on");
  send->add_flag("--physical-danger", s.physical_danger, "Someone is in physical danger");
  send->callback([&globals, &action, options] {
    action = [&globals, options] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        domain::LocalSubmission submission = options->submission;
        for (const std::string& person : options->people) {
          const std::vector<std::string> parts = conduct::split(person, ':');
          submission.people.push_back(
              {parts.empty() ? "" : parts[0], parts.size() > 1 ? parts[1] : "", parts.size() > 2 ? parts[2] : ""});
        }
        ASSIGN_OR_RETURN(const app::SentSubmission sent, app::submit_locally(session.context(), actor, submission));
        if (globals.json)
          print_json(json::submission_json(sent));
        else
          std::cout << "Sent the " << sent.kind << ": the working group has it, and you will be mailed an "
                    << "acknowledgement.\n";
        return ok_status();
      });
    };
  });
}

void add_list(CLI::App& submissions, GlobalOptions& globals, Action& action) {
  CLI::App* list = submissions.add_subcommand("list", "What you sent, newest first, and where each stands");
  list->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<app::SentSubmission> sent,
                         app::list_own_submissions(session.context(), actor));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const app::SentSubmission& each : sent) items.push_back(json::submission_json(each));
          print_json({{"submissions", items}});
        } else if (sent.empty()) {
          std::cout << "Nothing sent yet.\n";
        } else {
          for (const app::SentSubmission& each : sent) print_submission(each);
        }
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_submission_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* submissions =
      app.add_subcommand("submission", "As a local representative: send reports, summaries and escalations");
  submissions->require_subcommand(1);
  add_send(*submissions, globals, action);
  add_list(*submissions, globals, action);
}

}  // namespace conduct::cli
