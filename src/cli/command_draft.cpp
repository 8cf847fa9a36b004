// Drafts of messages to people outside the group: `conduct case draft
// new|list|send|withdraw`. A draft shows its checks' findings; one that needs review is
// sent by a second member (`send` is their approval).
#include <iostream>

#include "app/drafts.h"
#include "cli/commands.h"
#include "core/text.h"
#include "domain/code_name.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

struct NewOptions {
  std::string code;
  std::string recipient;
  std::vector<std::string> to;
  bool together = false;
  std::string subject, text, behaviour, impact, changes_expected, consequences;
};

void print_draft(const app::DraftView& view) {
  const domain::Draft& draft = view.draft;
  std::cout << "#" << draft.number << "  to " << domain::to_string(draft.recipient) << " ("
            << conduct::join(draft.content.to, ", ") << ")  " << domain::to_string(draft.status)
            << (view.held                                                           ? "  HELD"
                : view.needs_review && draft.status == domain::DraftStatus::Waiting ? "  needs a second member"
                                                                                    : "")
            << "\n    Subject: " << draft.content.subject << "\n";
  for (const domain::DraftFinding& finding : view.findings)
    std::cout << "    [" << finding.check << "] " << finding.detail << " " << finding.suggestion << "\n";
}

void add_new(CLI::App& drafts, GlobalOptions& globals, Action& action) {
  auto options = std::make_shared<NewOptions>();
  CLI::App* add = drafts.add_subcommand("new", "Write a draft of a message to someone outside the group");
  add->add_option("case", options->code, "Case code name, e.g. home-shelf")->required();
  add->add_option("--recipient", options->recipient, "reporter, reported-person, moderators, event-organisers or other")
      ->required();
  add->add_option("--to", options->to, "An address (repeat for more, at most 20)")->required();
  add->add_flag("--together", options->together, "One message to all, each seeing the others' addresses");
  add->add_option("--subject", options->subject, "The subject")->required();
  add->add_option("--text", options->text, "The text (for a reported person: the opening)");
  add->add_option("--behaviour", options->behaviour, "To a reported person: the behaviour, in neutral words");
  add->add_option("--impact", options->impact, "To a reported person: its impact");
  add->add_option("--changes-expected", options->changes_expected, "To a reported person: the changes expected");
  add->add_option("--consequences", options->consequences, "To a reported person: the consequences");
  add->callback([&globals, &action, options] {
    action = [&globals, options] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        domain::DraftContent content;
        content.to = options->to;
        content.recipients_see_each_other = options->together;
        content.subject = options->subject;
        content.text = options->text;
        content.behaviour = options->behaviour;
        content.impact = options->impact;
        content.changes_expected = options->changes_expected;
        content.consequences = options->consequences;
        ASSIGN_OR_RETURN(const app::DraftView written,
                         app::write_draft(session.context(), actor, options->code, options->recipient, content));
        if (globals.json)
          print_json(json::draft_json(written));
        else
          print_draft(written);
        return ok_status();
      });
    };
  });
}

void add_list(CLI::App& drafts, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* list = drafts.add_subcommand("list", "List a case's drafts with their checks' findings");
  list->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  list->callback([&globals, &action, code] {
    action = [&globals, code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<app::DraftView> drafts, app::list_drafts(session.context(), actor, *code));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const app::DraftView& view : drafts) items.push_back(json::draft_json(view));
          print_json({{"drafts", items}});
        } else if (drafts.empty()) {
          std::cout << "No drafts.\n";
        } else {
          for (const app::DraftView& view : drafts) print_draft(view);
        }
        return ok_status();
      });
    };
  });
}

// `send` and `withdraw`: a case and a draft's number.
void add_decision(CLI::App& drafts, GlobalOptions& globals, Action& action, bool send) {
  auto code = std::make_shared<std::string>();
  auto number = std::make_shared<int>(0);
  CLI::App* decide = drafts.add_subcommand(
      send ? "send" : "withdraw",
      send ? "Send a draft (your approval, when it needs a second member's)" : "Withdraw a waiting draft");
  decide->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  decide->add_option("number", *number, "The draft's number, from 'case draft list'")->required();
  decide->callback([&globals, &action, code, number, send] {
    action = [&globals, code, number, send] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        if (send) {
          ASSIGN_OR_RETURN(const app::DraftView sent, app::send_draft(session.context(), actor, *code, *number));
          if (globals.json)
            print_json(json::draft_json(sent));
          else
            std::cout << "Sent draft #" << *number << " to " << conduct::join(sent.draft.content.to, ", ") << ".\n";
        } else {
          TRY(app::withdraw_draft(session.context(), actor, *code, *number));
          if (globals.json)
            print_json({{"number", *number}, {"status", "withdrawn"}});
          else
            std::cout << "Withdrew draft #" << *number << ".\n";
        }
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_draft_commands(CLI::App& cases, GlobalOptions& globals, Action& action) {
  CLI::App* drafts = cases.add_subcommand("draft", "Draft, review and send messages to people outside the group");
  drafts->require_subcommand(1);
  add_new(*drafts, globals, action);
  add_list(*drafts, globals, action);
  add_decision(*drafts, globals, action, true);
  add_decision(*drafts, globals, action, false);
}

}  // namespace conduct::cli
