// Spaces the Code of Conduct covers (reference/CODE_OF_CONDUCT.md "Scope"). A community
// lists its spaces in its policy file; a case records the space where the incident
// happened, which decides jurisdiction and feeds the statistics by space.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/enum_names.h"

namespace conduct::domain {

enum class SpaceKind {
  Forum,
  Chat,
  MailingList,
  CodeHosting,
  SocialMedia,
  Event,
  AffiliatedProgram,
  OfficialRepresentation,
  Other,
};

NameTable<SpaceKind> space_kind_names();
std::string_view to_string(SpaceKind kind);
std::optional<SpaceKind> parse_space_kind(std::string_view name);

struct Space {
  std::string key;  // short, unique in the community: "forum", "djangocon-eu"
  SpaceKind kind = SpaceKind::Other;
  std::string name;  // "Community forum"
};

}  // namespace conduct::domain
