#include "app/members.h"

#include <map>

#include "app/access.h"
#include "app/accounts.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/conflicts.h"
#include "core/text.h"
#include "domain/conflicts.h"

namespace conduct::app {
namespace {

Result<domain::Member> find_member(Context& context, const Actor& actor, const std::string& email) {
  return context.store.find_member(actor.community.id, to_lower_ascii(trim(email)));
}

// A new member may already appear in cases as a party: the parties whose blind indexes
// equal one of the member's are looked up by index (no case key is needed), and each
// of their cases is judged as intake judges members who were there first.
Status record_conflicts_of_new_member(Context& context, const domain::Member& member) {
  const domain::MemberMatchKeys keys = domain::match_keys_of(member, blind_match_keys(context));
  std::vector<std::string> wanted = keys.contacts;
  wanted.push_back(keys.name);
  wanted.push_back(keys.employer);
  ASSIGN_OR_RETURN(const std::vector<store::PartyIndexRow> parties,
                   context.store.parties_matching(member.community_id, wanted));
  std::map<std::int64_t, std::vector<domain::PartyMatchKeys>> by_case;
  for (const store::PartyIndexRow& party : parties)
    by_case[party.case_id].push_back(
        domain::PartyMatchKeys{party.role, party.indexes.contact, party.indexes.name, party.indexes.employer});
  for (const auto& [case_id, matched] : by_case) {
    ASSIGN_OR_RETURN(const domain::Case summary, context.store.find_case_by_id(case_id));
    TRY(record_known_conflicts(context, summary, matched, {member}));
  }
  return ok_status();
}

}  // namespace

Result<AddedMember> add_member_with_enrolment(Context& context, const Actor& actor,
                                              const domain::NewMemberCommand& command) {
  TRY(authorize(context, actor, domain::Action::ManageMembers));
  const Timestamp now = context.clock.now();
  AddedMember added;
  ASSIGN_OR_RETURN(added.member,
                   domain::plan_new_member(command, actor.community.id, actor.community.policy.membership, now));
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(added.member.id, context.store.insert_member(added.member));
    TRY(record_conflicts_of_new_member(context, added.member));
    ASSIGN_OR_RETURN(added.link, write_enrolment_link(context, actor.community, actor.member.id, added.member));
    return record_action(context, actor, audit_action::kAddMember);
  }));
  return added;
}

Result<domain::Member> add_member(Context& context, const Actor& actor, const domain::NewMemberCommand& command) {
  ASSIGN_OR_RETURN(AddedMember added, add_member_with_enrolment(context, actor, command));
  return added.member;
}

Result<std::vector<domain::Member>> list_members(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, domain::Action::ListMembers));
  return context.store.list_members(actor.community.id);
}

Result<std::vector<SignInWarning>> sign_in_warnings(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, domain::Action::ManageMembers));
  const Timestamp since{context.clock.now().seconds - std::int64_t{kSignInWarningDays} * kSecondsPerDay};
  ASSIGN_OR_RETURN(const std::vector<store::SignInWarningRow> rows,
                   context.store.sign_in_warnings(actor.community.id, since, kMostSignInWarnings));
  std::vector<SignInWarning> warnings;
  for (const store::SignInWarningRow& row : rows) {
    ASSIGN_OR_RETURN(domain::Member member, context.store.find_member_by_id(row.member_id));
    warnings.push_back({std::move(member), row.raised_at, row.failures});
  }
  return warnings;
}

std::string_view to_string(KeyStatus status) {
  switch (status) {
    case KeyStatus::NotEnrolled:
      return "not-enrolled";
    case KeyStatus::Uncertified:
      return "uncertified";
    case KeyStatus::Certified:
      return "certified";
  }
  return "not-enrolled";
}

Result<std::vector<MemberListing>> list_members_with_keys(Context& context, const Actor& actor) {
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, list_members(context, actor));
  std::vector<MemberListing> listed;
  for (const domain::Member& member : members) {
    MemberListing row{member, KeyStatus::NotEnrolled};
    if (context.store.find_credentials(member.id).ok()) {
      ASSIGN_OR_RETURN(const bool certified, is_certified(context, member));
      row.keys = certified ? KeyStatus::Certified : KeyStatus::Uncertified;
    }
    listed.push_back(std::move(row));
  }
  return listed;
}

Result<domain::Member> offboard_member(Context& context, const Actor& actor, const std::string& email) {
  TRY(authorize(context, actor, domain::Action::ManageMembers));
  domain::Member member;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(member, find_member(context, actor, email));
    ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(actor.community.id));
    TRY(domain::check_offboarding(member, members, date_of(context.clock.now())));
    member.status = domain::MemberStatus::Former;
    member.term_end = date_of(context.clock.now());
    TRY(context.store.update_member(member));
    TRY(revoke_case_keys(context, std::nullopt, member.id));  // every case they held is rotated
    TRY(context.store.delete_sessions_of(member.id));
    return record_action(context, actor, audit_action::kChangeMember);
  }));
  return member;
}

Result<domain::Member> renew_member(Context& context, const Actor& actor, const std::string& email,
                                    const std::string& term_end) {
  TRY(authorize(context, actor, domain::Action::ManageMembers));
  domain::Member member;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(member, find_member(context, actor, email));
    ASSIGN_OR_RETURN(member, domain::plan_renewal(member, term_end, actor.community.policy.membership,
                                                  date_of(context.clock.now())));
    TRY(context.store.update_member(member));
    return record_action(context, actor, audit_action::kChangeMember);
  }));
  return member;
}

}  // namespace conduct::app
