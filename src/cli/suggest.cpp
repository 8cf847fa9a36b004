#include "cli/suggest.h"

#include <algorithm>

namespace conduct::cli {
namespace {

// Optimal string alignment distance: edits, counting a swap of neighbours as one.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

std::vector<std::string> subcommand_names(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

}  // namespace

std::optional<std::string> closest_name(const std::string& typed, const std::vector<std::string>& names) {
  if (typed.empty()) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  for (const std::string& name : names) {
    const std::size_t distance = name.rfind(typed, 0) == 0 ? 1 : edit_distance(typed, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

std::string unknown_command_message(CLI::App& app, const std::vector<std::string>& words) {
  CLI::App* at = &app;
  std::string path = "conduct";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.rfind("-", 0) == 0) {
      // An option: skip the value it takes, when it is given as the next word.
      if (word.find('=') != std::string::npos) continue;
      const CLI::Option* option = at->get_option_no_throw(word);
      if (!option) option = app.get_option_no_throw(word);
      if (option && option->get_items_expected_min() > 0) ++i;
      continue;
    }
    const std::vector<std::string> names = subcommand_names(*at);
    if (names.empty()) return "";  // a positional argument of a command
    if (std::find(names.begin(), names.end(), word) != names.end()) {
      at = at->get_subcommand(word);
      path += " " + word;
      continue;
    }
    std::string message = "'" + word + "' is not a command of '" + path + "'.";
    if (const auto best = closest_name(word, names)) return message + " Did you mean '" + path + " " + *best + "'?";
    std::string listed;
    for (const std::string& name : names) listed += (listed.empty() ? "" : ", ") + name;
    return message + " Its commands: " + listed + ".";
  }
  return "";
}

}  // namespace conduct::cli
