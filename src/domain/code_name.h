// Code names: the random two-word names used everywhere instead of people's names
// (reference/working-group-manual.md, "Records": "home shelf" for a case, "Blue Jay"
// for a reported person). A case code name is written in lower case with a space and
// appears in URLs with a dash ("home-shelf"); a person code name is title-cased.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/random.h"
#include "core/result.h"

namespace conduct::domain {

// Draws two words uniformly from the word lists. About 1.5 million combinations, so
// collisions are rare; `is_taken` lets the caller reject names already used in the
// community. Fails with Internal after `attempts` collisions in a row, which would
// mean the community has used a large share of the space.
Result<std::string> choose_case_code_name(RandomSource& random, const std::function<bool(const std::string&)>& is_taken,
                                          int attempts = 64);
Result<std::string> choose_person_code_name(RandomSource& random,
                                            const std::function<bool(const std::string&)>& is_taken, int attempts = 64);

// "home shelf" -> "home-shelf".
std::string url_form(std::string_view code_name);

// Accepts "home-shelf", "home shelf", "Home Shelf" and returns the stored case form
// ("home shelf"), or nothing if it is not two words of letters.
std::optional<std::string> normalise_case_code_name(std::string_view text);

// Accepts "blue-jay", "blue jay", "Blue Jay" and returns the stored person form
// ("Blue Jay"), or nothing.
std::optional<std::string> normalise_person_code_name(std::string_view text);

}  // namespace conduct::domain
