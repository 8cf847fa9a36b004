// The access policy (docs/domain.md "Who uses it" and §3; reference/enforcement-manual.md
// "Access to Records" and "Conflicts of Interest"; reference/membership.md). One pure
// function decides; callers never test roles themselves.
//
// Before anything else:
//   - A former member, or one whose term has ended, may do nothing.
//   - A member excluded from a case (declared conflict, party, named as reported,
//     confirmed shared employer) may do nothing on it: it does not exist for them.
//   - A case held in escrow (the reporter asked that it wait until another report names
//     the same person; domain/escrow.h) does not exist for anyone, whatever their role
//     or relation: no member may list, read, write, screen, oversee or trail it. Only
//     holding its key is judged as if it were released (decide_key_holding), so that
//     the release needs no key.
//
// Actions on no particular case:
//   - Working-group members (member, chair, vice-chair), advisers and board members
//     may ask for the case list; what it holds is decided case by case below.
//   - Working-group members and local representatives may open cases.
//   - Working-group members may list person records and members; the instance admin
//     may list members (to set up chairs) and nothing that touches cases.
//   - Only chairs and vice-chairs manage members.
//   - Chairs, vice-chairs and board members read the audit trail (who did what and
//     when; it holds no content): the chairs run the group, the board oversees it.
//   - Only chairs and vice-chairs review the mail quarantine: a message no rule could
//     place may concern anyone, so it waits for the people who run the group.
//   - Local representatives send reports, after-event summaries and escalations from
//     their own pages and list what they sent (its kind, date and plain status): the
//     cases themselves stay closed to them.
//   - Working-group members list, read and record the group's meetings. What a meeting
//     says about a case is that case's: it is read where the case may be read, and
//     written where the case may be written.
//   - The group's voting members put its own matters (admitting a member, a guideline,
//     the policy) to the vote, read them, vote on them and stand aside from them.
//
// Actions on one case:
//   - A working-group member who still has to screen the case (they joined after it
//     was opened) or answer a possible conflict may screen it or declare a conflict,
//     and nothing else until then. Having screened it, they wait until a member who
//     handles the case approves their access (they may still declare a conflict).
//   - Otherwise working-group members list, read, write and move the case, may
//     declare a conflict and approve a screened newcomer's access; chairs and vice-chairs also invite advisers to it,
//     approve board oversight of it, and place or lift a legal hold on it (which stops retention from expunging it).
//   - An adviser may list, read and write the cases they are invited to (no
//     transitions: advisers do not decide) and declare a conflict on them.
//   - A board member may ask for oversight of any case; with an approved, unexpired
//     grant they may list and read it. When every chair is excluded, the case goes to
//     the board: board members may then also write and move it.
//   - Liaisons, local representatives and the instance admin see no case.
//   - A case's audit trail: chairs, vice-chairs and board members who may know the
//     case exists — who may list it. Who acted on a case tells that it exists, and the
//     manual keeps a report about a board member from that member: a board member sees
//     the trail of a case only under an oversight grant or when the case is with the
//     board, never of a case they are excluded from.
//   - A case with the board because it concerns every chair is decided by the board:
//     board members then also evaluate, propose and vote on it.
#include "domain/access.h"

#include <array>

namespace conduct::domain {
namespace {

AccessDecision allow(std::string reason) { return AccessDecision{true, std::move(reason)}; }
AccessDecision deny(std::string reason) { return AccessDecision{false, std::move(reason)}; }

AccessDecision decide_without_case(const Member& actor, Action action) {
  const Role role = actor.role;
  switch (action) {
    case Action::ListCases:
      if (is_group_role(role) || role == Role::Adviser || role == Role::BoardMember)
        return allow("may ask for the cases visible to them");
      return deny("this role sees no cases");
    case Action::OpenCase:
      if (is_group_role(role) || role == Role::LocalRepresentative) return allow("may record reports");
      return deny("only working-group members and local representatives record reports");
    case Action::ListPeople:
      if (is_group_role(role)) return allow("working-group member");
      return deny("only working-group members see person records");
    case Action::ManageMembers:
      if (is_chair_role(role)) return allow("chair");
      return deny("only a chair or vice-chair manages members");
    case Action::ListMembers:
      if (is_group_role(role) || role == Role::InstanceAdmin) return allow("may list members");
      return deny("only working-group members list members");
    case Action::ReadAuditTrail:
      if (is_chair_role(role) || role == Role::BoardMember) return allow("chairs and the board read the audit trail");
      return deny("only chairs, vice-chairs and board members read the audit trail");
    case Action::ReviewQuarantine:
      if (is_chair_role(role)) return allow("chair");
      return deny("only a chair or vice-chair reviews the mail quarantine");
    case Action::SubmitLocally:
      if (role == Role::LocalRepresentative) return allow("local representative");
      return deny("only local representatives send submissions from their own pages");
    case Action::ReadMeetings:
    case Action::RecordMeeting:
      if (is_group_role(role)) return allow("working-group member");
      return deny("only working-group members keep the group's meetings");
    case Action::DecideGroupMatters:
      if (is_voting_role(role)) return allow("voting member of the group");
      return deny("only the group's voting members decide its own matters");
    default:
      return deny("this action concerns a case");
  }
}

AccessDecision decide_for_group_member(const Member& actor, Action action, const CaseRelation& relation) {
  if (relation.must_screen || relation.possible_conflict) {
    if (action == Action::ScreenCase || action == Action::DeclareConflict) return allow("screening the case");
    return deny("the case must be screened for conflicts first");
  }
  if (relation.awaiting_approval) {
    if (action == Action::DeclareConflict) return allow("may still declare a conflict");
    return deny("access waits for approval by a member who handles the case");
  }
  switch (action) {
    case Action::ListCases:
    case Action::ReadCase:
    case Action::WriteCase:
    case Action::TransitionCase:
    case Action::DeclareConflict:
    case Action::ApproveAccess:
    case Action::DecideCase:
    case Action::VoteOnCase:
      return allow("working-group member without a conflict");
    case Action::InviteAdviser:
    case Action::ApproveOversight:
    case Action::PlaceLegalHold:
    case Action::LiftLegalHold:
      if (is_chair_role(actor.role)) return allow("chair without a conflict");
      return deny("only a chair or vice-chair does this");
    case Action::ScreenCase:
      return deny("nothing to screen on this case");
    default:
      return deny("not an action on a case");
  }
}

AccessDecision decide_for_adviser(Action action, const CaseRelation& relation) {
  if (!relation.invited) return deny("advisers see only cases they are invited to");
  switch (action) {
    case Action::ListCases:
    case Action::ReadCase:
    case Action::WriteCase:
    case Action::DeclareConflict:
      return allow("invited adviser");
    default:
      return deny("advisers do not decide on cases");
  }
}

AccessDecision decide_for_board_member(Action action, const CaseRelation& relation) {
  if (action == Action::RequestOversight) return allow("board members may ask for oversight");
  const bool full = relation.routed_to_board;
  switch (action) {
    case Action::ListCases:
    case Action::ReadCase:
    case Action::DeclareConflict:
      if (full) return allow("the case concerns every chair and is with the board");
      if (relation.oversight) return allow("approved oversight grant");
      return deny("board members see a case only under an oversight grant");
    case Action::WriteCase:
    case Action::TransitionCase:
    case Action::DecideCase:
    case Action::VoteOnCase:
      if (full) return allow("the case concerns every chair and is with the board");
      return deny("oversight is read-only");
    default:
      return deny("not a board member's action");
  }
}

}  // namespace

std::string_view to_string(Action action) {
  static constexpr std::array<std::string_view, 24> kNames = {
      "list-cases",       "read-case",       "open-case",         "write-case",          "transition-case",
      "declare-conflict", "screen-case",     "invite-adviser",    "request-oversight",   "approve-oversight",
      "approve-access",   "list-people",     "manage-members",    "list-members",        "read-audit-trail",
      "place-legal-hold", "lift-legal-hold", "review-quarantine", "submit-locally",      "decide-case",
      "vote-on-case",     "read-meetings",   "record-meeting",    "decide-group-matters"};
  return kNames[static_cast<std::size_t>(action)];
}

AccessDecision decide_access(const Member& actor, Action action, const CaseRelation& relation, Date today) {
  if (!is_active_on(actor, today)) return deny("the member is not active");
  if (!relation.concerns_case) return decide_without_case(actor, action);
  if (relation.excluded) return deny("excluded from this case");
  if (relation.escrowed) return deny("held in escrow until another report names the same person");
  if (action == Action::ReadAuditTrail) {
    const AccessDecision reads_trails = decide_without_case(actor, action);
    if (!reads_trails.allowed) return reads_trails;
    if (decide_access(actor, Action::ListCases, relation, today).allowed)
      return allow("reads the trail of a case they may know exists");
    return deny("the trail of a case is shown only to those who may know it exists");
  }
  if (is_group_role(actor.role)) return decide_for_group_member(actor, action, relation);
  if (actor.role == Role::Adviser) return decide_for_adviser(action, relation);
  if (actor.role == Role::BoardMember) return decide_for_board_member(action, relation);
  return deny("this role sees no case");
}

AccessDecision decide_key_holding(const Member& actor, CaseRelation relation, Date today) {
  relation.escrowed = false;
  return decide_access(actor, Action::ReadCase, relation, today);
}

}  // namespace conduct::domain
