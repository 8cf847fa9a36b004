// Who may do what: the one policy function every route and command asks.
// See access.cpp for the rules in words.
#pragma once

#include <string>

#include "core/time.h"
#include "domain/member.h"

namespace conduct::domain {

enum class Action {
  ListCases,      // see code names and plain columns of cases
  ReadCase,       // read a case's sealed content
  OpenCase,       // record a new case from a report
  WriteCase,      // add notes and other entries
  TransitionCase, // move a case through its lifecycle
  ListPeople,     // see person code names and their plain columns
  ManageMembers,  // add members and change roles
  ListMembers,
};

// How the actor stands towards the case the action concerns. The sign-in and conflict
// issue adds conflicts, invitations and oversight grants here.
enum class CaseRelation {
  NoCase,    // the action concerns no particular case
  Ordinary,  // no recorded relation to the case
};

struct AccessDecision {
  bool allowed = false;
  std::string reason;  // why, for the audit log and for error messages
};

AccessDecision decide_access(const Member& actor, Action action, CaseRelation relation, Date today);

}  // namespace conduct::domain
