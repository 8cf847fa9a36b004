// Who may do what: the one policy function every use case asks, whether the request
// came from the web, the API or the command line. See access.cpp for the rules.
#pragma once

#include <string>
#include <string_view>

#include "core/time.h"
#include "domain/conflicts.h"
#include "domain/member.h"

namespace conduct::domain {

enum class Action {
  ListCases,         // see a case's code name and plain columns in lists and counts
  ReadCase,          // read a case's confidential content
  OpenCase,          // record a new case from a report
  WriteCase,         // add notes and further reports
  TransitionCase,    // move a case through its lifecycle
  DeclareConflict,   // recuse from a case
  ScreenCase,        // clear a case of conflicts (new members; possible conflicts)
  InviteAdviser,     // let an adviser see one case
  RequestOversight,  // a board member asks to see one case
  ApproveOversight,  // a chair approves such a request
  ApproveAccess,     // let a member who screened the case in
  ListPeople,        // see person code names and their plain columns
  ManageMembers,     // add, offboard and renew members
  ListMembers,
  ReadAuditTrail,      // see who did what, when, on the community's cases (no content)
  PlaceLegalHold,      // keep a case from being expunged (domain/retention.h)
  LiftLegalHold,       // let retention expunge it again when it is due
  ReviewQuarantine,    // read incoming mail no rule could place, and file or discard it
  SubmitLocally,       // send a report, summary or escalation as a local representative, and list one's own
  DecideCase,          // evaluate, record the reported person's response, propose a resolution
  VoteOnCase,          // cast a ballot on a case's proposal (and be counted among its eligible voters)
  ReadMeetings,        // list the group's meetings and read them (each case's part only where ReadCase holds)
  RecordMeeting,       // record a meeting: its attendees, minutes and the cases discussed (each needs WriteCase)
  DecideGroupMatters,  // put the group's own matters to the vote, read them, vote or stand aside
};

std::string_view to_string(Action action);

struct AccessDecision {
  bool allowed = false;
  std::string reason;  // why, for the audit log and for error messages
};

// The decision for `actor` doing `action` on a case it stands towards as `relation`
// (use no_case() for actions that concern no particular case), on `today`.
AccessDecision decide_access(const Member& actor, Action action, const CaseRelation& relation, Date today);

// Whether `actor` may hold the key of a case it stands towards as `relation`: whether
// they may read it, with its escrow set aside. Escrow hides a case from everyone, but
// it takes no key from anyone: the key is wrapped at intake for those who will read it
// once it is released, so a release needs nobody's key (domain/escrow.h).
AccessDecision decide_key_holding(const Member& actor, CaseRelation relation, Date today);

}  // namespace conduct::domain
