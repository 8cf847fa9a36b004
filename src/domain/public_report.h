// A report from someone without an account: the public report form at
// /report/{community} and POST /api/reports (reference/reporting-guide.md "What to
// Include in Your Report"). The form asks what the guide asks for; this file checks it
// and turns it into the case the group opens, the members it must never reach, and the
// acknowledgement the reporter is owed. See public_report.cpp for the rules in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_errors.h"
#include "core/result.h"
#include "domain/case.h"
#include "domain/case_intake.h"
#include "domain/community.h"
#include "domain/member.h"

namespace conduct::domain {

// Someone the report involves, as the reporter wrote them: a role, and any of a name
// (real, nickname or pseudonym) and a handle or email. A row left empty is no one.
struct InvolvedPerson {
  std::string role;  // "reported-person", "harmed-individual" or "witness"
  std::string name;
  std::string handle;
};

// A file a reporter sends with a report or a portal message: its name as sent and its
// size (the bytes stay with the shell).
struct ReporterFile {
  std::string name;
  std::int64_t size_bytes = 0;
};

struct PublicReport {
  // The reporter: both may be empty (an anonymous report).
  std::string reporter_name;
  std::string reporter_email;
  bool answer_by_email = false;  // the group answers by email rather than on the portal only
  std::vector<InvolvedPerson> people;
  std::string occurred_on;  // YYYY-MM-DD, or empty
  std::string when;         // free text: "at the Friday social, around 10 pm"
  std::string space;        // a space key of the community's policy, or empty
  std::string where;        // free text: which channel, room or thread
  std::string what_happened;
  std::string links;    // one per line
  std::string context;  // anything else the group should know
  bool ongoing = false;
  bool physical_danger = false;
  bool handled_locally = false;  // already dealt with (by organisers, say): for the record
  std::string report_language;   // the language the report is written in, as the reporter names it
  bool translation_tools = false;
  // Working group members the report concerns, picked from the form's list (their ids).
  std::vector<std::int64_t> concerned_members;
  // What members are warned of before the report's text opens (content_note_kinds()).
  std::vector<std::string> content_notes;
  std::vector<ReporterFile> files;
  // Hold the report in escrow until another report names the same person (escrow.h):
  // until then nobody in the group sees it.
  bool escrow = false;
};

// Which acknowledgement the reporter gets (working-group-manual.md "Initial Response").
enum class AcknowledgementWording {
  LookingIntoIt,  // the group will look into it and come back
  KeptOnFile,     // already handled: thanked, and kept on file to notice patterns
  HeldInEscrow,   // held, seen by nobody, until another report names the same person
};

struct PublicReportPlan {
  NewCaseCommand command;  // the case to open: channel web-form, no author
  // Members who must never reach the case (excluded before its key is wrapped).
  std::vector<std::int64_t> excluded_members;
  std::optional<std::string> acknowledge_to;  // the reporter's email, when given
  std::string reporter_name;                  // as checked: one line, trimmed
  AcknowledgementWording wording = AcknowledgementWording::LookingIntoIt;
  bool answer_by_email = false;
  bool escrow = false;  // the case is opened held in escrow
};

// Members a reporter may name on the form: everyone active who could ever read a case
// (chairs, vice-chairs, members, advisers, liaisons and board members, who may be
// granted oversight); never local representatives or the instance admin, who read no
// case anyway.
bool nameable_on_report_form(const Member& member, Timestamp now);

// Checks every field (all problems at once, named as the form names them) and plans the
// case. `members` are the community's members; a picked id must be one the form
// offered. The report text members read holds the reporter's account and, under plain
// headings, when, links, context and the language facts.
Result<PublicReportPlan> plan_public_report(const PublicReport& report, const Community& community,
                                            const std::vector<Member>& members, Timestamp now);

// Checks a reporter's files against the policy (on the field "files"): at most
// intake.reporter_files_most of them, none empty, each within evidence_max_bytes, all
// together within intake.reporter_files_max_bytes. One problem at a time, the first
// met, naming a file by its place in the list (never by its name).
void check_reporter_files(FieldErrors& errors, const std::vector<ReporterFile>& files, const Policy& policy);

// The acknowledgement at intake, as the timeline records it: the message that went to
// the reporter (its wording, not its address) and the case moving from received to
// acknowledged, both written by the system (no author) and numbered from
// `next_entry_number`. The case must be in "received".
// `recipients` are the addresses it went to (the reporter's, the group's copy).
Result<CaseEdit> plan_acknowledgement(const Case& current, int next_entry_number, AcknowledgementWording wording,
                                      const std::vector<std::string>& recipients, Timestamp now);
std::string_view to_string(AcknowledgementWording wording);

// What the reporter is told of their case's state, in plain words rather than the
// group's state names: a key of the message catalogue ("status.received", …). A case
// held in escrow is "status.held", whatever its state.
std::string_view reporter_status_key(CaseState state);
std::string_view reporter_status_key(const Case& summary);
// For a case linked into another (case_links.h), its reporter reads where the incident
// stands: the state of the case that handles it, not where their own case was left.
std::string_view reporter_status_key(const Case& own, const std::optional<Case>& handled_in);

}  // namespace conduct::domain
