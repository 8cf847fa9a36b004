#include "domain/member.h"

#include <array>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/policy.h"

namespace conduct::domain {
namespace {

using enum Role;

constexpr std::array<std::pair<Role, std::string_view>, 8> kNames{{
    {Member, "member"},
    {Chair, "chair"},
    {ViceChair, "vice-chair"},
    {Adviser, "adviser"},
    {BoardMember, "board-member"},
    {Liaison, "liaison"},
    {LocalRepresentative, "local-representative"},
    {InstanceAdmin, "instance-admin"},
}};

}  // namespace

NameTable<Role> role_names() { return kNames; }
std::string_view to_string(Role role) { return name_in<Role>(kNames, role); }
std::optional<Role> parse_role(std::string_view name) { return parse_in<Role>(kNames, name); }

bool is_group_role(Role role) { return role == Role::Member || role == Chair || role == ViceChair; }
bool is_voting_role(Role role) { return is_group_role(role); }
bool is_chair_role(Role role) { return role == Chair || role == ViceChair; }

std::string display_name_of(const std::vector<domain::Member>& members, std::int64_t id) {
  for (const domain::Member& member : members)
    if (member.id == id) return member.display_name;
  return "member " + std::to_string(id);
}

bool is_active_on(const domain::Member& member, Date today) {
  if (member.status != MemberStatus::Active) return false;
  return !member.term_end || today <= *member.term_end;
}

Result<domain::Member> plan_new_member(const NewMemberCommand& command, std::int64_t community_id,
                                       const MembershipPolicy& membership, Timestamp now) {
  FieldErrors errors;
  const std::string email = to_lower_ascii(trim(command.email));
  const std::string display_name = trim(command.display_name);
  if (!looks_like_email(email)) errors.add("email", "must be an email address such as name@example.org");
  if (display_name.empty())
    errors.add("name", "is required");
  else if (display_name.size() > 100 || !is_clean_utf8(display_name))
    errors.add("name", "must be at most 100 characters of printable text");
  const std::optional<Role> role = parse_role(command.role);
  if (!role) errors.add("role", "must be one of " + names_of<Role>(kNames));

  const Date today = date_of(now);
  std::optional<Date> term_end;
  if (!command.term_end.empty()) {
    term_end = parse_date(command.term_end);
    if (!term_end)
      errors.add("term_end", "must be a date written YYYY-MM-DD");
    else if (*term_end < today)
      errors.add("term_end", "must not be in the past");
  }
  std::vector<std::string> handles;
  for (const std::string& handle : command.handles) {
    const std::string normal = to_lower_ascii(trim(handle));
    if (normal.size() < 2 || normal.front() != '@' || normal.size() > 100 || !is_clean_utf8(normal))
      errors.add("handles", "'" + handle + "' is not a handle such as @name");
    else
      handles.push_back(normal);
  }
  const std::string employer = trim(command.employer);
  if (employer.size() > 200 || !is_clean_utf8(employer)) errors.add("employer", "must be at most 200 characters");
  TRY(errors.result("the member could not be added"));

  if (!term_end && is_group_role(*role)) term_end = add_months(today, membership.term_months);
  domain::Member member;
  member.community_id = community_id;
  member.email = email;
  member.display_name = display_name;
  member.role = *role;
  member.term_start = today;
  member.term_end = term_end;
  member.joined_at = now;
  member.handles = std::move(handles);
  member.employer = employer;
  return member;
}

Status check_offboarding(const domain::Member& member, const std::vector<domain::Member>& members, Date today) {
  if (member.status == MemberStatus::Former) return failed_precondition(member.email + " is already a former member");
  if (is_chair_role(member.role) && is_active_on(member, today)) {
    int other_chairs = 0;
    for (const domain::Member& other : members)
      if (other.id != member.id && is_chair_role(other.role) && is_active_on(other, today)) ++other_chairs;
    if (other_chairs == 0)
      return failed_precondition("the last active chair cannot be offboarded: make another member chair first");
  }
  return ok_status();
}

Result<domain::Member> plan_renewal(domain::Member member, const std::string& term_end,
                                    const MembershipPolicy& membership, Date today) {
  if (member.status == MemberStatus::Former)
    return failed_precondition(member.email + " is a former member: add them again instead");
  if (term_end.empty()) {
    member.term_end = add_months(today, membership.term_months);
    return member;
  }
  const std::optional<Date> end = parse_date(term_end);
  if (!end) return field_error("term_end", "must be a date written YYYY-MM-DD");
  if (*end < today) return field_error("term_end", "must not be in the past");
  member.term_end = end;
  return member;
}

}  // namespace conduct::domain
