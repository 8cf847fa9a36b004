// "Did you mean": the command a mistyped word most likely meant, as git and gh suggest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace conduct::cli {

// The name among `names` closest to `typed`: at most two edits away (insertions,
// deletions, substitutions or a swap of neighbours), or one `typed` begins; the
// nearest wins, the first listed on a tie. nullopt when none is close.
std::optional<std::string> closest_name(const std::string& typed, const std::vector<std::string>& names);

// After a parse error: when the words of the command line name commands down to one that
// has subcommands and then a word that names none of them, what to tell the user
// ("'evalute' is not a command of 'conduct case'. Did you mean 'conduct case evaluate'?");
// empty when the error is about something else.
std::string unknown_command_message(CLI::App& app, const std::vector<std::string>& words);

}  // namespace conduct::cli
