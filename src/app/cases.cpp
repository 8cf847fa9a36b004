#include "app/cases.h"

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/conflicts.h"
#include "app/decisions.h"
#include "app/escrow.h"
#include "app/intake.h"
#include "app/people.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using domain::Action;

// The "is this code name taken?" predicate the domain's chooser wants, over a store
// lookup; a store failure counts as taken and is kept in `failure` for the caller.
std::function<bool(const std::string&)> taken_in_store(std::function<Result<bool>(const std::string&)> lookup,
                                                       Status& failure) {
  return [lookup = std::move(lookup), &failure](const std::string& name) {
    Result<bool> taken = lookup(name);
    if (!taken.ok()) {
      failure = taken.error();
      return true;
    }
    return *taken;
  };
}

// The person record of an earlier reported party with the same contact (matched by
// blind index, so no case key is needed), if any: a repeat report on the same person.
Result<std::optional<std::int64_t>> repeat_person_of(Context& context, std::int64_t community_id,
                                                     const domain::Party& party) {
  const store::PartyIndexes indexes = party_indexes(context, party);
  return context.store.reported_person_with_contact(community_id, indexes.contact);
}

// Stores the parties of a report. A reported person named without a person record is
// linked to the record of an earlier report with the same email or handle, or gets a
// new record with a fresh person code name.
Status insert_parties(Context& context, const domain::Case& owner, std::vector<domain::PlannedParty>& parties,
                      Timestamp now) {
  for (domain::PlannedParty& planned : parties) {
    if (planned.needs_person_record) {
      ASSIGN_OR_RETURN(planned.party.person_id, repeat_person_of(context, owner.community_id, planned.party));
    }
    if (planned.needs_person_record && !planned.party.person_id) {
      Status lookup_failure;
      const auto is_taken = taken_in_store(
          [&](const std::string& name) { return context.store.person_code_name_taken(owner.community_id, name); },
          lookup_failure);
      ASSIGN_OR_RETURN(const std::string person_code, domain::choose_person_code_name(context.random, is_taken));
      TRY(lookup_failure);
      domain::Person person;
      person.community_id = owner.community_id;
      person.code_name = person_code;
      person.created_at = now;
      ASSIGN_OR_RETURN(planned.party.person_id, context.store.insert_person(person));
    }
    TRY(context.store.insert_party(owner, planned.party, party_indexes(context, planned.party)));
  }
  return ok_status();
}

// Members who are parties, or named as reported persons, are excluded as soon as the
// parties are recorded; a shared employer asks for confirmation.
Status record_conflicts_of(Context& context, const domain::Case& owner,
                           const std::vector<domain::PlannedParty>& planned) {
  std::vector<domain::PartyMatchKeys> parties;
  for (const domain::PlannedParty& party : planned)
    parties.push_back(domain::match_keys_of(party.party, blind_match_keys(context)));
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(owner.community_id));
  return record_known_conflicts(context, owner, parties, members);
}

std::vector<domain::Party> parties_of(const std::vector<domain::PlannedParty>& planned) {
  std::vector<domain::Party> parties;
  for (const domain::PlannedParty& each : planned) parties.push_back(each.party);
  return parties;
}

// Tells the group of a report that released held cases, and of those cases, at once.
Status notify_of_release(Context& context, const domain::Community& community, const domain::Case& reported,
                         const std::vector<domain::Case>& released) {
  if (released.empty()) return ok_status();
  TRY(queue_report_notices(context, community, reported));
  for (const domain::Case& held : released) TRY(queue_report_notices(context, community, held));
  return ok_status();
}

// Opens one visible case the actor holds and adds it to `results` if its text matches;
// every case opened counts towards the search's budget and gets its audit entry.
Status search_one(Context& context, const Actor& actor, const domain::Case& summary, const std::string& normal,
                  std::vector<SearchResult>& results, std::size_t& opened) {
  ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor.community.id, summary.id));
  if (!may(context, view, actor, Action::ReadCase, summary)) return ok_status();
  TRY(unlock_case(context, actor, summary));
  ASSIGN_OR_RETURN(const bool holder, holds_case(context, summary));
  if (!holder) return ok_status();
  ++opened;
  ASSIGN_OR_RETURN(const domain::CaseRecord loaded, context.store.load_case_record(summary));
  TRY(record_action(context, actor, audit_action::kSearchCase, summary.code_name));
  std::vector<domain::TextMatch> matches = domain::find_in_record(loaded, normal);
  if (!matches.empty()) results.push_back({summary, std::move(matches)});
  context.keyring.forget(summary.community_id, summary.code_name);  // one case's keys at a time
  return ok_status();
}

}  // namespace

Status apply_case_edit(Context& context, domain::Case& current, const domain::CaseEdit& edit) {
  for (const domain::TimelineEntry& entry : edit.new_entries) TRY(context.store.append_entry(current, entry));
  if (edit.ongoing || edit.physical_danger) {
    current.ongoing = edit.ongoing.value_or(current.ongoing);
    current.physical_danger = edit.physical_danger.value_or(current.physical_danger);
    current.updated_at = context.clock.now();
    TRY(context.store.update_case_flags(current, current.ongoing, current.physical_danger, current.updated_at));
  }
  if (edit.new_state) {
    current.state = *edit.new_state;
    if (edit.resolution) current.resolution = edit.resolution;
    current.updated_at = context.clock.now();
    TRY(context.store.update_case_state(current, current.state, current.resolution, current.updated_at));
  }
  return ok_status();
}

Result<domain::CaseRecord> open_case(Context& context, const Actor& actor, const domain::NewCaseCommand& command) {
  TRY(authorize(context, actor, Action::OpenCase));
  const Timestamp now = context.clock.now();
  const std::int64_t community_id = actor.community.id;
  domain::CaseRecord opened;
  // A report with field errors is refused before any key is made, so a refusal costs
  // no sealing. This first check takes every person code name to name a record; the
  // plan is made again below with its code name and the real look-up.
  const domain::PersonLookup any_record = [](const std::string&) { return std::optional<std::int64_t>(0); };
  TRY(domain::plan_new_case(command, actor.community, actor.member, "unnamed case", any_record, now));
  // The key and its wraps are made before the write lock is taken (case_keys.h).
  ASSIGN_OR_RETURN(const PreparedCaseKey prepared, prepare_case_key(context, community_id));

  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::PersonLookup find_person, visible_person_lookup(context, actor));
    const auto plan_for = [&](const std::string& code_name) {
      return domain::plan_new_case(command, actor.community, actor.member, code_name, find_person, now);
    };
    ASSIGN_OR_RETURN(const WrittenCase written, write_new_case(context, community_id, prepared, plan_for, {}));
    TRY(notify_of_release(context, actor.community, written.summary, written.released));
    ASSIGN_OR_RETURN(opened, context.store.load_case_record(written.summary));
    return record_action(context, actor, audit_action::kOpenCase, written.summary.code_name);
  }));
  return opened;
}

Result<WrittenCase> write_new_case(Context& context, std::int64_t community_id, const PreparedCaseKey& prepared,
                                   const std::function<Result<domain::NewCasePlan>(const std::string&)>& plan_for,
                                   const std::vector<std::int64_t>& named_by_reporter) {
  const Timestamp now = context.clock.now();
  Status lookup_failure;
  const auto is_taken = taken_in_store(
      [&](const std::string& name) { return context.store.case_code_name_taken(community_id, name); }, lookup_failure);
  ASSIGN_OR_RETURN(const std::string code_name, domain::choose_case_code_name(context.random, is_taken));
  TRY(lookup_failure);
  ASSIGN_OR_RETURN(domain::NewCasePlan plan, plan_for(code_name));

  begin_case_key(context, plan.summary, prepared);
  ASSIGN_OR_RETURN(plan.summary.id, context.store.insert_case(plan.summary));
  for (const domain::TimelineEntry& entry : plan.timeline) TRY(context.store.append_entry(plan.summary, entry));
  TRY(context.store.insert_report(plan.summary, plan.report, plan.timeline.front().number));
  TRY(insert_parties(context, plan.summary, plan.parties, now));
  TRY(record_conflicts_of(context, plan.summary, plan.parties));
  // Members the reporter says the report concerns never hold the key: excluded before
  // it is wrapped for anyone.
  for (const std::int64_t member_id : named_by_reporter) {
    domain::Exclusion exclusion;
    exclusion.case_id = plan.summary.id;
    exclusion.member_id = member_id;
    exclusion.reason = domain::ExclusionReason::NamedByReporter;
    exclusion.created_at = now;
    ASSIGN_OR_RETURN(const domain::AccessFacts facts, context.store.load_case_access_facts(plan.summary.id));
    bool recorded = false;
    for (const domain::Exclusion& existing : facts.exclusions) recorded = recorded || existing.member_id == member_id;
    if (!recorded) TRY(context.store.insert_exclusion(plan.summary, exclusion));
  }
  TRY(wrap_new_case_key(context, plan.summary, &prepared));  // after the exclusions known at intake
  WrittenCase written;
  ASSIGN_OR_RETURN(written.released, release_matching_escrow(context, plan.summary, parties_of(plan.parties)));
  written.summary = plan.summary;
  return written;
}

Result<domain::Report> add_report(Context& context, const Actor& actor, const std::string& code_name,
                                  const domain::ReportInput& input) {
  domain::Report written;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(domain::Case current, find_held_case_for(context, actor, Action::WriteCase, code_name));
    ASSIGN_OR_RETURN(const domain::CaseRecord existing, context.store.load_case_record(current));
    const Timestamp now = context.clock.now();
    ASSIGN_OR_RETURN(const domain::PersonLookup find_person, visible_person_lookup(context, actor));
    ASSIGN_OR_RETURN(domain::AdditionalReportPlan plan,
                     domain::plan_additional_report(existing, input, actor.member, find_person, now));
    // Members the new parties exclude lose the key first, so the report is sealed
    // under a key they never held.
    TRY(record_conflicts_of(context, current, plan.parties));
    TRY(prepare_case_write(context, current));
    TRY(context.store.append_entry(current, plan.entry));
    TRY(context.store.insert_report(current, plan.report, plan.entry.number));
    TRY(insert_parties(context, current, plan.parties, now));
    ASSIGN_OR_RETURN(const std::vector<domain::Case> released,
                     release_matching_escrow(context, current, parties_of(plan.parties)));
    TRY(notify_of_release(context, actor.community, current, released));
    written = plan.report;
    return record_action(context, actor, audit_action::kAddReport, current.code_name);
  }));
  return written;
}

Result<std::vector<domain::Case>> list_cases(Context& context, const Actor& actor, const store::CaseFilter& filter,
                                             const domain::CaseCriteria& criteria) {
  return visible_cases(context, actor, filter, criteria);
}

Result<std::vector<SearchResult>> search_cases(Context& context, const Actor& actor, const std::string& query,
                                               std::size_t limit) {
  ASSIGN_OR_RETURN(const std::string normal, domain::normalise_search_query(query));
  TRY(authorize(context, actor, Action::ListCases));
  ASSIGN_OR_RETURN(const domain::CaseListing listing, case_listing(context, actor));
  std::vector<SearchResult> results;
  // Sealed text can only be searched by opening it, so the search walks the visible
  // cases newest first, a page at a time, and stops at `limit` results or after
  // opening context.search_budget_cases cases, whichever comes first.
  store::CaseFilter page;
  page.limit = 100;
  std::size_t opened = 0;
  // One transaction for the whole search, so each case opened gets its audit entry
  // (with the digest of what was opened) without a durable commit per case.
  TRY(transaction(context, [&]() -> Status {
    while (results.size() < limit && opened < context.search_budget_cases) {
      ASSIGN_OR_RETURN(const std::vector<domain::Case> visible,
                       context.store.list_visible_cases(actor.community.id, listing, page, {}));
      for (const domain::Case& summary : visible) {
        if (results.size() >= limit || opened >= context.search_budget_cases) break;
        TRY(search_one(context, actor, summary, normal, results, opened));
      }
      if (visible.size() < page.limit) break;
      page.offset += page.limit;
    }
    return ok_status();
  }));
  return results;
}

Result<domain::CaseRecord> show_case(Context& context, const Actor& actor, const std::string& code_name) {
  ASSIGN_OR_RETURN(const domain::Case summary, find_held_case_for(context, actor, Action::ReadCase, code_name));
  ASSIGN_OR_RETURN(domain::CaseRecord loaded, context.store.load_case_record(summary));
  TRY(record_read(context, actor, audit_action::kReadCase, summary));
  return loaded;
}

Result<domain::TimelineEntry> add_note(Context& context, const Actor& actor, const std::string& code_name,
                                       const domain::NoteCommand& command) {
  domain::TimelineEntry written;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(domain::Case current, find_case_for(context, actor, Action::WriteCase, code_name));
    TRY(prepare_case_write(context, current));
    ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(current));
    ASSIGN_OR_RETURN(const domain::CaseEdit edit,
                     domain::plan_note(current, next_number, command, actor.member, context.clock.now()));
    TRY(apply_case_edit(context, current, edit));
    written = edit.new_entries.front();
    return record_action(context, actor, audit_action::kAddNote, current.code_name);
  }));
  return written;
}

Result<domain::Case> change_flags(Context& context, const Actor& actor, const std::string& code_name,
                                  const domain::FlagsCommand& command) {
  domain::Case current;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(current, find_case_for(context, actor, Action::TransitionCase, code_name));
    TRY(prepare_case_write(context, current));
    ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(current));
    ASSIGN_OR_RETURN(const domain::CaseEdit edit,
                     domain::plan_flags_change(current, next_number, command, actor.member, context.clock.now()));
    TRY(apply_case_edit(context, current, edit));
    return record_action(context, actor, audit_action::kChangeFlags, current.code_name);
  }));
  return current;
}

Result<domain::Case> transition_case(Context& context, const Actor& actor, const std::string& code_name,
                                     const domain::TransitionCommand& command) {
  domain::Case current;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(current, find_case_for(context, actor, Action::TransitionCase, code_name));
    TRY(prepare_case_write(context, current));
    ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(current));
    ASSIGN_OR_RETURN(const domain::CaseEdit edit,
                     domain::plan_transition(current, next_number, command, actor.member, context.clock.now()));
    TRY(check_move_by_hand(context, current, *edit.new_state));
    TRY(apply_case_edit(context, current, edit));
    return record_action(context, actor, audit_action::kTransition, current.code_name);
  }));
  return current;
}

}  // namespace conduct::app
