#include "domain/visibility.h"

#include "domain/access.h"
#include "domain/conflicts.h"

namespace conduct::domain {
namespace {

// Whether the policy lets `actor` list a case it stands towards as `relation`.
bool lists(const Member& actor, CaseRelation relation, Date today) {
  relation.concerns_case = true;
  return decide_access(actor, Action::ListCases, relation, today).allowed;
}

CaseRelation held_in_escrow(CaseRelation relation) {
  relation.escrowed = true;
  return relation;
}

}  // namespace

CaseListing case_listing_for(const Member& actor, const std::vector<Member>& members, Timestamp now) {
  const Date today = date_of(now);
  CaseListing listing;
  listing.member_id = actor.id;
  listing.joined_at = actor.joined_at;
  listing.now = now;
  if (!decide_access(actor, Action::ListCases, no_case(), today).allowed) return listing;

  // The reaches are tried from the widest: a member who lists a case they merely
  // belong to the community of lists every unexcluded case.
  if (lists(actor, CaseRelation{}, today)) {
    listing.reach = ListingReach::GroupCases;
    listing.reaches_escrowed = lists(actor, held_in_escrow(CaseRelation{}), today);
    return listing;
  }
  CaseRelation invited;
  invited.invited = true;
  if (lists(actor, invited, today)) {
    listing.reach = ListingReach::InvitedCases;
    listing.reaches_escrowed = lists(actor, held_in_escrow(invited), today);
    return listing;
  }
  CaseRelation overseen;
  overseen.oversight = true;
  CaseRelation routed;
  routed.routed_to_board = true;
  if (lists(actor, overseen, today) || lists(actor, routed, today)) {
    listing.reach = ListingReach::OverseenCases;
    listing.reaches_escrowed =
        lists(actor, held_in_escrow(overseen), today) || lists(actor, held_in_escrow(routed), today);
    for (const Member& member : members)
      if (is_chair_role(member.role) && is_active_on(member, today)) listing.active_chair_ids.push_back(member.id);
  }
  return listing;
}

}  // namespace conduct::domain
