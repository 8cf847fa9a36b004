// Violation categories: the restricted behaviours of the Code of Conduct
// (reference/CODE_OF_CONDUCT.md, "Restricted Behaviors" and "Other Restrictions").
// A case carries one or more; statistics count them; they are plain columns because
// an anonymised status sheet shows them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/enum_names.h"

namespace conduct::domain {

enum class ViolationCategory {
  Harassment,
  CharacterAttacks,
  StereotypingOrDiscrimination,
  Microaggressions,
  Sexualization,
  ViolatingConfidentiality,
  Endangerment,
  DiscouragingInvolvement,
  ThreateningWellBeing,
  MisleadingIdentity,
  FailingToCreditSources,
  PromotionalMaterials,
  IrresponsibleCommunication,
  ViolatingCommunityGuidelines,
  Retaliation,
  BadFaithReporting,
};

NameTable<ViolationCategory> violation_category_names();
std::string_view to_string(ViolationCategory category);
std::optional<ViolationCategory> parse_violation_category(std::string_view name);
// A short human title for lists and help texts ("Stereotyping or discrimination").
std::string_view title_of(ViolationCategory category);

}  // namespace conduct::domain
