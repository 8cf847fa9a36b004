// A `list` subcommand over a paged use case (`--limit`, `--offset`): the items as a JSON
// object under `key` with --json, else printed one by one, or `none` when there are none.
// Shared by the commands whose lists are pages of the community's records.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/print.h"

namespace conduct::cli {

template <typename Item>
struct PagedList {
  std::string key;   // "meetings"
  std::string none;  // "No meetings recorded."
  std::function<Result<std::vector<Item>>(app::Context&, const app::Actor&, std::size_t, std::size_t)> list;
  std::function<nlohmann::json(const Item&)> to_json;
  std::function<void(const Item&)> print;
};

template <typename Item>
void add_paged_list(CLI::App& parent, const std::string& description, GlobalOptions& globals, Action& action,
                    PagedList<Item> how) {
  auto page = std::make_shared<std::pair<std::size_t, std::size_t>>(50, 0);
  CLI::App* list = parent.add_subcommand("list", description);
  list->add_option("--limit", page->first, "How many (1 to 200; default 50)")->check(CLI::Range(1, 200));
  list->add_option("--offset", page->second, "How many to skip");
  list->callback([&globals, &action, page, how] {
    action = [&globals, page, how] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<Item> listed, how.list(session.context(), actor, page->first, page->second));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const Item& item : listed) items.push_back(how.to_json(item));
          print_json({{how.key, items}});
        } else if (listed.empty()) {
          std::cout << how.none << "\n";
        } else {
          for (const Item& item : listed) how.print(item);
        }
        return ok_status();
      });
    };
  });
}

}  // namespace conduct::cli
