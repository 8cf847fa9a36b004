// Members of a community and their roles (docs/domain.md, reference/membership.md).
// A member is a person with an account in one community. Their role decides what the
// access policy (domain/access.h) lets them do; their term decides whether they are
// still active.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/enum_names.h"

namespace conduct::domain {

enum class Role {
  Member,  // voting member of the working group
  Chair,
  ViceChair,
  Adviser,  // non-voting; sees only cases they are invited to
  BoardMember,
  Liaison,              // board liaison, or liaison to the moderators
  LocalRepresentative,  // event team, space moderator, affiliated-program contact
  InstanceAdmin,        // configures the installation; no case content
};

NameTable<Role> role_names();
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view name);

// Whether the role belongs to the working group proper (member, chair, vice-chair).
bool is_group_role(Role role);
// Whether the role votes on resolutions (advisers never vote).
bool is_voting_role(Role role);
bool is_chair_role(Role role);

enum class MemberStatus { Active, Former };

struct Member {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::string email;         // lower-cased; unique within the community
  std::string display_name;  // how the member appears to other members
  Role role = Role::Member;
  Date term_start;
  std::optional<Date> term_end;  // absent: no fixed end (instance admin, board)
  MemberStatus status = MemberStatus::Active;
  Timestamp joined_at;
  std::vector<std::string> handles;  // "@name" per space, for matching parties
  std::string employer;              // for noticing a shared employer with a party
};

// How member `id` appears to other members: their display name among `members`, or
// "member N" for one no longer listed.
std::string display_name_of(const std::vector<Member>& members, std::int64_t id);

// Active today: not offboarded and within their term.
bool is_active_on(const Member& member, Date today);

// What a chair types to add a member.
struct NewMemberCommand {
  std::string email;
  std::string display_name;
  std::string role;      // a role name; validated here
  std::string term_end;  // "YYYY-MM-DD" or empty for the policy's default term
  std::vector<std::string> handles;
  std::string employer;
};

struct MembershipPolicy;

// Validates the command and returns the member to store (id 0). The term starts today
// and ends after the policy's term unless `term_end` says otherwise; advisers, board
// members and instance admins have no fixed term unless one is given.
Result<Member> plan_new_member(const NewMemberCommand& command, std::int64_t community_id,
                               const MembershipPolicy& membership, Timestamp now);

// Whether `member` may be offboarded now: refused (FailedPrecondition) when they are the
// last active chair or vice-chair, which would leave nobody to manage the group, and
// when they are already a former member.
Status check_offboarding(const Member& member, const std::vector<Member>& members, Date today);

// A renewed term: until `term_end` ("YYYY-MM-DD", not in the past) or, when empty, for
// the policy's term from today. Errors: InvalidArgument for the date (field
// "term_end"); FailedPrecondition for a former member.
Result<Member> plan_renewal(Member member, const std::string& term_end, const MembershipPolicy& membership, Date today);

}  // namespace conduct::domain
