#include "domain/violation.h"

#include <array>

namespace conduct::domain {
namespace {

using enum ViolationCategory;

constexpr std::array<std::pair<ViolationCategory, std::string_view>, 16> kNames{{
    {Harassment, "harassment"},
    {CharacterAttacks, "character-attacks"},
    {StereotypingOrDiscrimination, "stereotyping-or-discrimination"},
    {Microaggressions, "microaggressions"},
    {Sexualization, "sexualization"},
    {ViolatingConfidentiality, "violating-confidentiality"},
    {Endangerment, "endangerment"},
    {DiscouragingInvolvement, "discouraging-involvement"},
    {ThreateningWellBeing, "threatening-well-being"},
    {MisleadingIdentity, "misleading-identity"},
    {FailingToCreditSources, "failing-to-credit-sources"},
    {PromotionalMaterials, "promotional-materials"},
    {IrresponsibleCommunication, "irresponsible-communication"},
    {ViolatingCommunityGuidelines, "violating-community-guidelines"},
    {Retaliation, "retaliation"},
    {BadFaithReporting, "bad-faith-reporting"},
}};

constexpr std::array<std::pair<ViolationCategory, std::string_view>, 16> kTitles{{
    {Harassment, "Harassment"},
    {CharacterAttacks, "Character attacks"},
    {StereotypingOrDiscrimination, "Stereotyping or discrimination"},
    {Microaggressions, "Microaggressions"},
    {Sexualization, "Sexualization"},
    {ViolatingConfidentiality, "Violating confidentiality"},
    {Endangerment, "Endangerment"},
    {DiscouragingInvolvement, "Discouraging involvement"},
    {ThreateningWellBeing, "Threatening the community's well-being"},
    {MisleadingIdentity, "Misleading identity"},
    {FailingToCreditSources, "Failing to credit sources"},
    {PromotionalMaterials, "Promotional materials"},
    {IrresponsibleCommunication, "Irresponsible communication"},
    {ViolatingCommunityGuidelines, "Violating community guidelines"},
    {Retaliation, "Retaliation"},
    {BadFaithReporting, "Bad-faith reporting"},
}};

}  // namespace

NameTable<ViolationCategory> violation_category_names() { return kNames; }
std::string_view to_string(ViolationCategory category) { return name_in<ViolationCategory>(kNames, category); }
std::optional<ViolationCategory> parse_violation_category(std::string_view name) {
  return parse_in<ViolationCategory>(kNames, name);
}
std::string_view title_of(ViolationCategory category) { return name_in<ViolationCategory>(kTitles, category); }

}  // namespace conduct::domain
