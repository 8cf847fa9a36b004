#include "app/case_links.h"

#include <algorithm>
#include <map>

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "core/field_errors.h"
#include "core/text.h"
#include "domain/case_links.h"

namespace conduct::app {

using domain::Action;

namespace {

// Every case of the group `summary` belongs to: the primary first, then the cases
// linked into it. Just the case when it takes part in no link.
Result<std::vector<std::int64_t>> link_group_of(Context& context, const domain::Case& summary,
                                                const domain::CaseLinks& links) {
  if (!links.primary) {
    std::vector<std::int64_t> group{summary.id};
    group.insert(group.end(), links.linked.begin(), links.linked.end());
    return group;
  }
  ASSIGN_OR_RETURN(const domain::CaseLinks of_primary, context.store.load_case_links(*links.primary));
  std::vector<std::int64_t> group{*links.primary};
  group.insert(group.end(), of_primary.linked.begin(), of_primary.linked.end());
  return group;
}

// Records, on each case of `group`, the exclusions another case of the group has and
// it lacks; each member so excluded loses their keys to that case (which is then due
// for rotation, so what is written next is sealed under a key they never held).
Status share_exclusions(Context& context, const std::vector<std::int64_t>& group) {
  if (group.size() < 2) return ok_status();
  std::vector<domain::Exclusion> recorded;
  for (const std::int64_t case_id : group) {
    ASSIGN_OR_RETURN(const domain::AccessFacts facts, context.store.load_case_access_facts(case_id));
    recorded.insert(recorded.end(), facts.exclusions.begin(), facts.exclusions.end());
  }
  const std::vector<domain::Exclusion> missing = domain::exclusions_to_share(group, recorded, context.clock.now());
  std::map<std::int64_t, domain::Case> prepared;  // cases made writable, by id
  for (const domain::Exclusion& exclusion : missing) {
    auto found = prepared.find(exclusion.case_id);
    if (found == prepared.end()) {
      ASSIGN_OR_RETURN(const domain::Case owner, context.store.find_case_by_id(exclusion.case_id));
      TRY(prepare_case_write(context, owner));  // the exclusion's note is sealed for the case's holders
      found = prepared.emplace(owner.id, owner).first;
    }
    TRY(context.store.insert_exclusion(found->second, exclusion));
    TRY(revoke_case_keys(context, exclusion.case_id, exclusion.member_id));
  }
  // Each case that gained an exclusion says so in the audit log, as intake's do.
  for (const auto& [id, owner] : prepared)
    TRY(record_action(context, kSystemActor, owner.community_id, audit_action::kRecordConflicts, owner.code_name));
  return ok_status();
}

// How the reads of linked cases are recorded: inside the caller's transaction (a link
// or split shows the links it leaves), or each in a transaction of its own (a read).
enum class ReadsRecorded { InTransaction, OnTheirOwn };

// A linked case's reports for the actor, when the policy lets them read it and they
// hold its key; records the read. nullopt otherwise (nothing recorded: the actor asked
// for the case they may read, not for this one).
Result<std::optional<LinkedCase>> readable_linked_case(Context& context, const Actor& actor,
                                                       const domain::Case& summary, ReadsRecorded reads) {
  ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor.community.id, summary.id));
  if (!may(context, view, actor, Action::ReadCase, summary)) return std::optional<LinkedCase>();
  TRY(unlock_case(context, actor, summary));
  ASSIGN_OR_RETURN(const bool holder, holds_case(context, summary));
  if (!holder) return std::optional<LinkedCase>();
  ASSIGN_OR_RETURN(domain::CaseRecord record, context.store.load_case_record(summary));
  if (reads == ReadsRecorded::InTransaction)
    TRY(record_action(context, actor, audit_action::kReadCase, summary.code_name));
  else
    TRY(record_read(context, actor, audit_action::kReadCase, summary));
  return std::optional<LinkedCase>(LinkedCase{summary, std::move(record.reports)});
}

Result<CaseLinksView> links_view(Context& context, const Actor& actor, const domain::Case& shown, ReadsRecorded reads) {
  ASSIGN_OR_RETURN(const domain::CaseLinks links, context.store.load_case_links(shown.id));
  CaseLinksView view;
  if (links.primary) {
    ASSIGN_OR_RETURN(const domain::Case primary, context.store.find_case_by_id(*links.primary));
    ASSIGN_OR_RETURN(const AccessView access, load_access_view(context, actor.community.id, primary.id));
    if (may(context, access, actor, Action::ReadCase, primary))
      view.primary = primary;
    else
      view.linked_elsewhere = true;
  }
  for (const std::int64_t id : links.linked) {
    ASSIGN_OR_RETURN(const domain::Case linked, context.store.find_case_by_id(id));
    ASSIGN_OR_RETURN(std::optional<LinkedCase> readable, readable_linked_case(context, actor, linked, reads));
    if (readable) view.linked.push_back(std::move(*readable));
  }
  return view;
}

struct LinkPair {
  domain::Case primary;
  domain::Case linked;
  domain::CaseLinks primary_links;
  domain::CaseLinks linked_links;
  int primary_next_entry = 0;
  int linked_next_entry = 0;
  domain::LinkSide primary_side() const { return {primary, primary_links, primary_next_entry}; }
  domain::LinkSide linked_side() const { return {linked, linked_links, linked_next_entry}; }
};

// Both cases as the actor may write them (the keyring then holds both), with their
// links and the numbers their next entries take.
Result<LinkPair> writable_pair(Context& context, const Actor& actor, const std::string& primary_code,
                               const std::string& linked_code) {
  LinkPair pair;
  ASSIGN_OR_RETURN(pair.primary, find_held_case_for(context, actor, Action::WriteCase, primary_code));
  ASSIGN_OR_RETURN(pair.linked, find_held_case_for(context, actor, Action::WriteCase, linked_code));
  ASSIGN_OR_RETURN(pair.primary_links, context.store.load_case_links(pair.primary.id));
  ASSIGN_OR_RETURN(pair.linked_links, context.store.load_case_links(pair.linked.id));
  ASSIGN_OR_RETURN(pair.primary_next_entry, context.store.next_entry_number(pair.primary));
  ASSIGN_OR_RETURN(pair.linked_next_entry, context.store.next_entry_number(pair.linked));
  return pair;
}

// Appends `entry` to `summary`'s timeline, sealed under its current key (rotated first
// when members just lost it), and records the action.
Status write_entry(Context& context, const Actor& actor, const domain::Case& summary,
                   const domain::TimelineEntry& entry, std::string_view action) {
  TRY(prepare_case_write(context, summary));
  TRY(context.store.append_entry(summary, entry));
  return record_action(context, actor, action, summary.code_name);
}

}  // namespace

Result<CaseLinksView> show_case_links(Context& context, const Actor& actor, const std::string& code_name) {
  ASSIGN_OR_RETURN(const domain::Case shown, find_held_case_for(context, actor, Action::ReadCase, code_name));
  return links_view(context, actor, shown, ReadsRecorded::OnTheirOwn);
}

Result<CaseLinksView> link_case(Context& context, const Actor& actor, const std::string& primary_code,
                                const std::string& linked_code, const std::string& note, bool as_duplicate) {
  if (trim(linked_code).empty()) {
    FieldErrors errors;
    errors.add("case", "is required: the code name of the case to link into this one");
    TRY(errors.result("the cases could not be linked"));
  }
  CaseLinksView view;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const LinkPair pair, writable_pair(context, actor, primary_code, linked_code));
    ASSIGN_OR_RETURN(const domain::LinkPlan plan, domain::plan_link(pair.primary_side(), pair.linked_side(), note,
                                                                    actor.member, context.clock.now()));
    // Closing a duplicate moves it: refused before anything is written when the actor
    // may not move it (an adviser, as for a transition) or it is resolved already. Its
    // entry follows the link's.
    std::optional<domain::Case> duplicate;
    std::optional<domain::CaseEdit> close;
    if (as_duplicate) {
      ASSIGN_OR_RETURN(duplicate, find_case_for(context, actor, Action::TransitionCase, linked_code));
      ASSIGN_OR_RETURN(close, domain::plan_close_as_duplicate(*duplicate, plan.linked_entry.number + 1, actor.member,
                                                              context.clock.now()));
    }
    TRY(context.store.insert_case_link(plan.link));
    std::vector<std::int64_t> group{pair.primary.id};
    group.insert(group.end(), pair.primary_links.linked.begin(), pair.primary_links.linked.end());
    group.push_back(pair.linked.id);
    TRY(share_exclusions(context, group));
    TRY(write_entry(context, actor, pair.linked, plan.linked_entry, audit_action::kLinkCase));
    TRY(write_entry(context, actor, pair.primary, plan.primary_entry, audit_action::kLinkCase));
    if (close) {
      TRY(apply_case_edit(context, *duplicate, *close));
      TRY(record_action(context, actor, audit_action::kTransition, duplicate->code_name));
    }
    ASSIGN_OR_RETURN(view, links_view(context, actor, pair.primary, ReadsRecorded::InTransaction));
    return ok_status();
  }));
  return view;
}

Result<CaseLinksView> split_case(Context& context, const Actor& actor, const std::string& primary_code,
                                 const std::string& linked_code, const std::string& reason) {
  CaseLinksView view;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const LinkPair pair, writable_pair(context, actor, primary_code, linked_code));
    ASSIGN_OR_RETURN(const domain::SplitPlan plan, domain::plan_split(pair.primary_side(), pair.linked_side(), reason,
                                                                      actor.member, context.clock.now()));
    TRY(context.store.delete_case_link(pair.linked.id));
    TRY(write_entry(context, actor, pair.linked, plan.linked_entry, audit_action::kSplitCase));
    TRY(write_entry(context, actor, pair.primary, plan.primary_entry, audit_action::kSplitCase));
    ASSIGN_OR_RETURN(view, links_view(context, actor, pair.primary, ReadsRecorded::InTransaction));
    return ok_status();
  }));
  return view;
}

Status share_exclusions_with_linked_cases(Context& context, const domain::Case& owner) {
  ASSIGN_OR_RETURN(const domain::CaseLinks links, context.store.load_case_links(owner.id));
  if (!links.primary && links.linked.empty()) return ok_status();
  ASSIGN_OR_RETURN(const std::vector<std::int64_t> group, link_group_of(context, owner, links));
  return share_exclusions(context, group);
}

}  // namespace conduct::app
