#include "domain/space.h"

#include <array>

namespace conduct::domain {
namespace {

using enum SpaceKind;

constexpr std::array<std::pair<SpaceKind, std::string_view>, 9> kNames{{
    {Forum, "forum"},
    {Chat, "chat"},
    {MailingList, "mailing-list"},
    {CodeHosting, "code-hosting"},
    {SocialMedia, "social-media"},
    {Event, "event"},
    {AffiliatedProgram, "affiliated-program"},
    {OfficialRepresentation, "official-representation"},
    {Other, "other"},
}};

}  // namespace

NameTable<SpaceKind> space_kind_names() { return kNames; }
std::string_view to_string(SpaceKind kind) { return name_in<SpaceKind>(kNames, kind); }
std::optional<SpaceKind> parse_space_kind(std::string_view name) { return parse_in<SpaceKind>(kNames, name); }

}  // namespace conduct::domain
