// Conflicts of interest and grants on cases: `conduct case conflict|screening|clear|
// invite|oversight`.
#include <iostream>

#include "app/conflicts.h"
#include "cli/commands.h"
#include "domain/code_name.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

void add_conflict(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto note = std::make_shared<std::string>();
  CLI::App* conflict =
      cases.add_subcommand("conflict", "Declare a conflict of interest: from now on the case is hidden from you");
  conflict->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  conflict->add_option("--note", *note, "Why, for the record (sealed; shown to nobody)");
  conflict->callback([&globals, &action, code, note] {
    action = [&globals, code, note] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        TRY(app::declare_conflict(session.context(), actor, *code, *note));
        if (globals.json)
          print_json({{"declared", true}});
        else
          std::cout << "Conflict declared; the case is now hidden from you.\n";
        return ok_status();
      });
    };
  });
}

void add_screening(CLI::App& cases, GlobalOptions& globals, Action& action) {
  CLI::App* screening =
      cases.add_subcommand("screening", "List the cases you must screen for conflicts before you may see them");
  screening->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<app::ScreeningItem> items, app::cases_to_screen(session.context(), actor));
        if (globals.json) {
          nlohmann::json list = nlohmann::json::array();
          for (const app::ScreeningItem& item : items) list.push_back(json::screening_item_json(item));
          print_json({{"cases", list}});
        } else if (items.empty()) {
          std::cout << "Nothing to screen.\n";
        } else {
          std::cout << "For each case, run 'conduct case clear CASE' if you have no conflict,\n"
                       "or 'conduct case conflict CASE' if you do.\n";
          for (const app::ScreeningItem& item : items)
            std::cout << "  " << domain::url_form(item.summary.code_name)
                      << (item.possible_conflict ? "  (you may share an employer with someone involved)" : "") << "\n";
        }
        return ok_status();
      });
    };
  });
}

void add_clear(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* clear = cases.add_subcommand("clear", "Declare that you have no conflict with a case you must screen");
  clear->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  clear->callback([&globals, &action, code] {
    action = [&globals, code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        TRY(app::clear_case(session.context(), actor, *code));
        if (globals.json)
          print_json({{"cleared", true}});
        else
          std::cout
              << "Cleared. For a case from before you joined, a member who handles it approves your access next.\n";
        return ok_status();
      });
    };
  });
}

void add_invite(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto adviser = std::make_shared<std::string>();
  CLI::App* invite = cases.add_subcommand("invite", "Let an adviser see one case (chairs)");
  invite->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  invite->add_option("--adviser", *adviser, "Email of the adviser")->required();
  invite->callback([&globals, &action, code, adviser] {
    action = [&globals, code, adviser] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        TRY(app::invite_adviser(session.context(), actor, *code, *adviser));
        if (globals.json)
          print_json({{"invited", *adviser}});
        else
          std::cout << "Invited " << *adviser << " to the case.\n";
        return ok_status();
      });
    };
  });
}

void add_oversight(CLI::App& cases, GlobalOptions& globals, Action& action) {
  CLI::App* oversight = cases.add_subcommand("oversight", "Board oversight of a case: request, list, approve");
  oversight->require_subcommand(1);

  auto code = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto days = std::make_shared<int>(14);
  CLI::App* request = oversight->add_subcommand("request", "Ask to see a case for oversight (board members)");
  request->add_option("case", *code, "Case code name")->required();
  request->add_option("--reason", *reason, "What the oversight is for")->required();
  request->add_option("--days", *days, "How long the access lasts once approved (1-90)")->capture_default_str();
  request->callback([&globals, &action, code, reason, days] {
    action = [&globals, code, reason, days] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const domain::OversightGrant grant,
                         app::request_oversight(session.context(), actor, *code, *reason, *days));
        // The same answer whatever the code names: only a chair learns whether it is a case.
        if (globals.json)
          print_json(json::oversight_request_receipt_json(grant));
        else
          std::cout << "Oversight request recorded; a chair will review it.\n";
        return ok_status();
      });
    };
  });

  CLI::App* unmatched = oversight->add_subcommand(
      "unmatched", "Oversight requests that named no case their board member may ask about (chairs)");
  unmatched->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const auto requests, app::unmatched_oversight_requests(session.context(), actor));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const app::UnmatchedOversightRequest& asked : requests)
            items.push_back(json::unmatched_oversight_request_json(asked));
          print_json({{"requests", items}});
          return ok_status();
        }
        if (requests.empty()) std::cout << "No unmatched oversight requests.\n";
        for (const app::UnmatchedOversightRequest& asked : requests)
          std::cout << format_timestamp(asked.requested_at) << "  " << asked.member.display_name << " asked for \""
                    << asked.code_asked
                    << "\": " << (asked.names_a_case ? "a case they are excluded from" : "no such case") << "\n";
        return ok_status();
      });
    };
  });

  auto list_code = std::make_shared<std::string>();
  CLI::App* list = oversight->add_subcommand("list", "List the oversight requests of a case (chairs)");
  list->add_option("case", *list_code, "Case code name")->required();
  list->callback([&globals, &action, list_code] {
    action = [&globals, list_code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<domain::OversightGrant> grants,
                         app::oversight_requests(session.context(), actor, *list_code));
        nlohmann::json items = nlohmann::json::array();
        for (const domain::OversightGrant& grant : grants)
          items.push_back(json::oversight_grant_json(grant, json::GrantReason::Include));
        if (globals.json) {
          print_json({{"requests", items}});
        } else if (grants.empty()) {
          std::cout << "No oversight requests.\n";
        } else {
          for (const domain::OversightGrant& grant : grants)
            std::cout << "  #" << grant.id << "  " << format_timestamp(grant.requested_at) << "  " << grant.days
                      << " days  " << (grant.approved_by ? "approved" : "pending") << "\n      " << grant.reason
                      << "\n";
        }
        return ok_status();
      });
    };
  });

  auto approve_code = std::make_shared<std::string>();
  auto request_id = std::make_shared<std::int64_t>(0);
  CLI::App* approve = oversight->add_subcommand("approve", "Approve an oversight request (chairs)");
  approve->add_option("case", *approve_code, "Case code name")->required();
  approve->add_option("--request", *request_id, "The request's number, from 'oversight list'")->required();
  approve->callback([&globals, &action, approve_code, request_id] {
    action = [&globals, approve_code, request_id] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        TRY(app::approve_oversight(session.context(), actor, *approve_code, *request_id));
        if (globals.json)
          print_json({{"approved", *request_id}});
        else
          std::cout << "Oversight request " << *request_id << " approved.\n";
        return ok_status();
      });
    };
  });
}

void add_access(CLI::App& cases, GlobalOptions& globals, Action& action) {
  CLI::App* access = cases.add_subcommand(
      "access", "Pending grants on the cases you hold (screened newcomers, advisers, oversight): list, approve");
  access->require_subcommand(1);

  CLI::App* list = access->add_subcommand("list", "List the members waiting for a grant on cases you hold");
  auto limit = std::make_shared<std::size_t>(app::kAccessQueueDefaultLimit);
  list->add_option("--limit", *limit, "How many to list, longest wait first")
      ->check(CLI::Range(std::size_t{1}, app::kAccessQueueMaxLimit));
  list->callback([&globals, &action, limit] {
    action = [&globals, limit] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const app::AccessQueue queue, app::access_requests(session.context(), actor, *limit));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const app::AccessRequest& request : queue.requests)
            items.push_back({{"case", domain::url_form(request.summary.code_name)},
                             {"member", request.member.email},
                             {"kind", request.kind},
                             {"waiting_since", format_timestamp(request.waiting_since)}});
          print_json({{"requests", items}, {"more", queue.more}});
        } else if (queue.requests.empty()) {
          std::cout << "Nobody waits for access.\n";
        } else {
          for (const app::AccessRequest& request : queue.requests)
            std::cout << "  " << domain::url_form(request.summary.code_name) << "  " << request.member.email << "  "
                      << request.kind << " since " << format_timestamp(request.waiting_since) << "\n";
          if (queue.more) std::cout << "More wait; approve these, or list more with --limit.\n";
        }
        return ok_status();
      });
    };
  });

  auto code = std::make_shared<std::string>();
  auto member = std::make_shared<std::string>();
  CLI::App* approve =
      access->add_subcommand("approve", "Grant a waiting member the case: approve and wrap its key for them");
  approve->add_option("case", *code, "Case code name")->required();
  approve->add_option("--member", *member, "Email of the member waiting for access")->required();
  approve->callback([&globals, &action, code, member] {
    action = [&globals, code, member] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        TRY(app::approve_access(session.context(), actor, *code, *member));
        if (globals.json)
          print_json({{"approved", *member}});
        else
          std::cout << *member << " now has access to the case.\n";
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_conflict_commands(CLI::App& cases, GlobalOptions& globals, Action& action) {
  add_conflict(cases, globals, action);
  add_screening(cases, globals, action);
  add_clear(cases, globals, action);
  add_invite(cases, globals, action);
  add_oversight(cases, globals, action);
  add_access(cases, globals, action);
}

}  // namespace conduct::cli
