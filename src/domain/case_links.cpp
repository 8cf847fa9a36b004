// Linked cases, in words:
//
// - A case is linked into another, its primary, when its reports are about the
//   incident the primary is about. The group then handles the incident in the primary:
//   its page shows the linked cases' reports next to its own. A linked case keeps its
//   record, its reporter's thread and its receipt; nothing moves and nothing is sealed
//   again, so a split undoes a link exactly.
// - Links do not chain: a primary is not linked into anything, and a case with cases
//   linked into it cannot itself be linked (split them out first, or link them into
//   the other case one by one). A case is never linked into itself.
// - The cases of a link group share their exclusions (exclusions_to_share): a member
//   in conflict with one report of the incident is in conflict with the incident, and
//   sees none of its cases. A split keeps the exclusions the link shared: a conflict
//   once known is not forgotten by correcting a link.
// - A link may carry a note saying why the reports belong together; a split must say
//   why the link was wrong. Each writes an entry of kind "link" on both timelines,
//   authored by the member who made it. The entries do not name the other case: a
//   reader of one case may not read the other (an invited adviser, a member excluded
//   from it later), and timelines are never edited. Which cases are linked is shown
//   from the link itself, to those the policy lets read them; the audit log keeps
//   which cases each link and split concerned.
// - A case that repeats another (the same report sent twice) is closed into it: linked
//   like any other, and resolved at once by the group with the outcome "duplicate", so
//   it counts once. A resolved case is not closed again; a case is resolved as a
//   duplicate only by such a link.
// - Linking needs the right to write both cases (the access policy), and so does a
//   split: nobody links a case they may not read.
#include "domain/case_links.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::size_t kMaxNoteBytes = 10000;

TimelineEntry link_entry(int number, const Member& actor, Timestamp now, std::string body) {
  return new_entry(number, EntryKind::Link, actor.id, now, std::move(body));
}

}  // namespace

Result<LinkPlan> plan_link(const LinkSide& primary, const LinkSide& linked, const std::string& note,
                           const Member& actor, Timestamp now) {
  FieldErrors errors;
  if (primary.summary.id == linked.summary.id)
    errors.add("case", "names this case itself; name another case to link into it");
  else if (linked.links.primary == primary.summary.id)
    errors.add("case", "is already linked into this case");
  else if (linked.links.primary)
    errors.add("case", "is already linked into another case; split it out of that case first");
  else if (!linked.links.linked.empty())
    errors.add("case", "has cases linked into it; link this case into it instead, or split them out first");
  else if (primary.links.primary)
    errors.add("case", "cannot be linked here: this case is itself linked into another case; link into that one");
  const std::string why = trim(note);
  check_text_field(errors, "note", why, kMaxNoteBytes);
  TRY(errors.result("the cases could not be linked"));

  LinkPlan plan;
  plan.link.linked_case_id = linked.summary.id;
  plan.link.primary_case_id = primary.summary.id;
  plan.link.linked_by = actor.id;
  plan.link.linked_at = now;
  std::string primary_body =
      "Another case was linked into this one: its reports are about the same incident and are handled here.";
  std::string linked_body =
      "Linked into another case: this case's reports are about the same incident and are handled there.";
  append_section(primary_body, "Why", why);
  append_section(linked_body, "Why", why);
  plan.primary_entry = link_entry(primary.next_entry, actor, now, std::move(primary_body));
  plan.linked_entry = link_entry(linked.next_entry, actor, now, std::move(linked_body));
  return plan;
}

Result<SplitPlan> plan_split(const LinkSide& primary, const LinkSide& linked, const std::string& reason,
                             const Member& actor, Timestamp now) {
  FieldErrors errors;
  if (linked.links.primary != primary.summary.id) errors.add("case", "is not linked into this case");
  const std::string why = trim(reason);
  if (why.empty())
    errors.add("reason", "is required: say why the reports are not about the same incident");
  else
    check_text_field(errors, "reason", why, kMaxNoteBytes);
  TRY(errors.result("the case could not be split out"));

  SplitPlan plan;
  std::string primary_body =
      "A linked case was split out of this one: its reports are not about this incident after all.";
  std::string linked_body = "Split out of the case it was linked into: this case stands on its own again.";
  append_section(primary_body, "Why", why);
  append_section(linked_body, "Why", why);
  plan.primary_entry = link_entry(primary.next_entry, actor, now, std::move(primary_body));
  plan.linked_entry = link_entry(linked.next_entry, actor, now, std::move(linked_body));
  return plan;
}

std::vector<Exclusion> exclusions_to_share(const std::vector<std::int64_t>& group,
                                           const std::vector<Exclusion>& recorded, Timestamp now) {
  std::set<std::int64_t> members;
  std::set<std::pair<std::int64_t, std::int64_t>> present;  // (case, member)
  for (const Exclusion& exclusion : recorded) {
    if (std::find(group.begin(), group.end(), exclusion.case_id) == group.end()) continue;
    members.insert(exclusion.member_id);
    present.insert({exclusion.case_id, exclusion.member_id});
  }
  std::vector<std::int64_t> cases = group;
  std::sort(cases.begin(), cases.end());
  cases.erase(std::unique(cases.begin(), cases.end()), cases.end());
  std::vector<Exclusion> missing;
  for (const std::int64_t case_id : cases)
    for (const std::int64_t member_id : members) {
      if (present.count({case_id, member_id})) continue;
      Exclusion shared;
      shared.case_id = case_id;
      shared.member_id = member_id;
      shared.reason = ExclusionReason::LinkedCase;
      shared.created_at = now;
      missing.push_back(shared);
    }
  return missing;
}

Result<CaseEdit> plan_close_as_duplicate(const Case& duplicate, int next_entry, const Member& actor, Timestamp now) {
  if (duplicate.state == CaseState::Resolved)
    return failed_precondition("the case is resolved already: link it without closing it as a duplicate");
  TimelineEntry entry = new_entry(next_entry, EntryKind::Transition, actor.id, now,
                                  "Closed as a duplicate: its reports are handled in the case it repeats.");
  entry.from_state = duplicate.state;
  entry.to_state = CaseState::Resolved;
  CaseEdit edit;
  edit.new_state = CaseState::Resolved;
  edit.resolution = Resolution{ResolutionSource::Group, ResolutionOutcome::Duplicate, now};
  edit.new_entries.push_back(std::move(entry));
  return edit;
}

}  // namespace conduct::domain
