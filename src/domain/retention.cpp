// Retention by policy (docs/domain.md "Retention", §3 "Crypto-shredding and backups";
// the policy's [retention] table, domain/policy.h RetentionPolicy).
//
// Which cases are expunged, and when:
//   - Only resolved cases. A case in any other state (open, with the board, under
//     reconsideration, reopened) is never expunged, however old.
//   - A minor incident is a resolved case whose outcome put nothing on anyone's record:
//     no action, not a violation, out of scope. (Consequence levels from the
//     enforcement ladder are not recorded per case yet; when they are, a warning may
//     count as minor too.) Its clock starts at its resolution and is reset by any later
//     report naming the same reported person -- the same person record, in this case
//     or any other case of the community -- at that report's receipt. It is expunged
//     when the clock plus minor_incident_months has come.
//   - A resolved case with action taken is expunged resolved_case_years after its
//     resolution; later reports do not reset it.
//   - Periods are calendar months (years are twelve months), ending on the same day of
//     the month at the same time of day, or on the month's last day when the month is
//     shorter: 24 months after 2024-01-31 is 2026-01-31, one month after it 2024-02-29.
//     A case is due at that instant, not a second before.
//   - A legal hold (placed by a chair) stops expunging entirely: a due case under a hold
//     is reported as held and kept; once the hold is lifted, the next run expunges it.
//   - A case held in escrow (escrow.h) is never due while it is held: nobody in the group
//     has seen it yet. (No member can move a held case, so it is never resolved either;
//     the rule says so all the same.) Its report names its reported persons like any
//     other, and so restarts the clock of their minor incidents: the earlier record is
//     what the group will want beside it once it is released.
//   - A case linked into another (case_links.h) follows it: its reports were handled
//     there, so it is due when that case is due, by that case's rule and clock, and is
//     counted with that case's resolution. The clock of an incident of linked cases
//     starts no earlier than the newest report of any of them: a report linked after
//     the resolution waits its full period. A legal hold on any case of an incident
//     holds all of it. Linked cases are expunged before the case they are linked into
//     (the plan lists them first), so none is left behind, unresolved, on its own.
//     Without the facts of the case it is linked into, a linked case is not due.
//
// What survives is one statistics row per case (CaseStatistics): the month it was
// received, the kind of space (never the space itself), its categories, how many
// people it named, who resolved it, its consequence levels, whether a reported
// person's record is flagged, whether it was ever escalated to the board, and the
// days it took to acknowledge and to resolve.
#include "domain/retention.h"

#include <algorithm>
#include <map>

namespace conduct::domain {
namespace {

bool is_minor(const Resolution& resolution) { return resolution.outcome != ResolutionOutcome::ActionTaken; }

// The latest report received on each person record, over every case that names them
// as reported.
std::map<std::int64_t, Timestamp> latest_report_on_person(const std::vector<CaseRetentionFacts>& facts) {
  std::map<std::int64_t, Timestamp> latest;
  for (const CaseRetentionFacts& one : facts) {
    if (one.reports_received.empty()) continue;
    const Timestamp newest = *std::max_element(one.reports_received.begin(), one.reports_received.end());
    for (const std::int64_t person : one.reported_person_ids) {
      auto [place, inserted] = latest.try_emplace(person, newest);
      if (!inserted && place->second < newest) place->second = newest;
    }
  }
  return latest;
}

// The rule that applies to a resolved case and when its clock started; nothing for a
// case that is not resolved.
std::optional<RetentionDecision> decision_for(const RetentionPolicy& policy, const CaseRetentionFacts& one,
                                              const std::map<std::int64_t, Timestamp>& latest_reports,
                                              std::optional<Timestamp> incident_newest_report) {
  if (one.state != CaseState::Resolved || !one.resolution || one.escrowed) return std::nullopt;
  RetentionDecision decision;
  decision.case_id = one.case_id;
  decision.code_name = one.code_name;
  decision.clock_started = one.resolution->resolved_at;
  bool reset_by_report = false;
  int months = 0;
  if (is_minor(*one.resolution)) {
    decision.rule = ExpungeRule::MinorIncident;
    months = policy.minor_incident_months;
    for (const std::int64_t person : one.reported_person_ids) {
      const auto latest = latest_reports.find(person);
      if (latest != latest_reports.end() && latest->second > decision.clock_started) {
        decision.clock_started = latest->second;
        reset_by_report = true;
      }
    }
  } else {
    decision.rule = ExpungeRule::ResolvedCase;
    months = policy.resolved_case_years * 12;
  }
  bool reset_by_incident = false;
  if (incident_newest_report && *incident_newest_report > decision.clock_started) {
    decision.clock_started = *incident_newest_report;
    reset_by_incident = true;
  }
  decision.due = add_calendar_months(decision.clock_started, months);
  decision.reason = std::string(decision.rule == ExpungeRule::MinorIncident ? "minor incident" : "resolved case") +
                    ", clock started " + format_date(date_of(decision.clock_started)) +
                    (reset_by_incident ? " (a later report of the same incident)"
                     : reset_by_report ? " (a later report on the same person)"
                                       : " (resolution)") +
                    ", due " + format_date(date_of(decision.due));
  return decision;
}

std::optional<int> whole_days_between(Timestamp from, Timestamp to) {
  if (to < from) return std::nullopt;
  return static_cast<int>((to.seconds - from.seconds) / kSecondsPerDay);
}

// "2024-01": the month of a date.
std::string month_of(Timestamp time) { return format_date(date_of(time)).substr(0, 7); }

}  // namespace

std::string_view to_string(ExpungeRule rule) {
  return rule == ExpungeRule::MinorIncident ? "minor-incident" : "resolved-case";
}

Timestamp add_calendar_months(Timestamp start, int months) {
  const Date day = date_of(start);
  const std::int64_t time_of_day = start.seconds - start_of(day).seconds;
  return Timestamp{start_of(add_months(day, months)).seconds + time_of_day};
}

CaseStatistics statistics_of(const Policy& policy, const CaseRetentionFacts& facts) {
  CaseStatistics row;
  row.community_id = facts.community_id;
  Timestamp received = facts.opened_at;
  if (!facts.reports_received.empty())
    received = std::min(received, *std::min_element(facts.reports_received.begin(), facts.reports_received.end()));
  row.period = month_of(received);
  for (const Space& space : policy.spaces)
    if (!facts.space_key.empty() && space.key == facts.space_key) row.space_kind = space.kind;
  row.categories = facts.categories;
  row.people_named = facts.people_named;
  if (facts.resolution) row.resolution_source = facts.resolution->source;
  row.flagged = facts.reported_person_flagged;
  for (const StateChange& change : facts.transitions) {
    if (change.to == CaseState::EscalatedToBoard) row.escalated = true;
    if (change.to == CaseState::Acknowledged && !row.days_to_acknowledge)
      row.days_to_acknowledge = whole_days_between(facts.opened_at, change.at);
  }
  if (facts.resolution) row.days_to_resolve = whole_days_between(facts.opened_at, facts.resolution->resolved_at);
  return row;
}

RetentionPlan plan_retention(const Policy& policy, const std::vector<CaseRetentionFacts>& facts, Timestamp now) {
  const std::map<std::int64_t, Timestamp> latest_reports = latest_report_on_person(facts);
  std::map<std::int64_t, const CaseRetentionFacts*> by_id;
  // By the id of the case that handles each incident of linked cases: a hold on any of
  // its cases, and the newest report of any of them.
  std::map<std::int64_t, LegalHold> incident_holds;
  std::map<std::int64_t, Timestamp> incident_newest;
  std::map<std::int64_t, int> incident_size;
  for (const CaseRetentionFacts& one : facts) by_id[one.case_id] = &one;
  for (const CaseRetentionFacts& one : facts) {
    const std::int64_t incident = one.linked_into.value_or(one.case_id);
    if (one.legal_hold) incident_holds.try_emplace(incident, *one.legal_hold);
    ++incident_size[incident];
    for (const Timestamp received : one.reports_received) {
      auto [newest, inserted] = incident_newest.try_emplace(incident, received);
      if (!inserted && newest->second < received) newest->second = received;
    }
  }

  RetentionPlan plan;
  std::vector<RetentionPlan::Expunge> primaries;
  for (const CaseRetentionFacts& one : facts) {
    const CaseRetentionFacts* handling = &one;
    if (one.linked_into) {
      const auto found = by_id.find(*one.linked_into);
      if (found == by_id.end()) continue;
      handling = found->second;
    }
    // A case of several linked ones: its clock starts no earlier than the incident's
    // newest report, so a report linked late is not shredded on an older clock.
    std::optional<Timestamp> newest;
    if (incident_size[handling->case_id] > 1) newest = incident_newest[handling->case_id];
    std::optional<RetentionDecision> decision = decision_for(policy.retention, *handling, latest_reports, newest);
    if (!decision || now < decision->due) continue;
    CaseRetentionFacts counted = one;
    if (one.linked_into) {
      decision->case_id = one.case_id;
      decision->code_name = one.code_name;
      decision->reason = "linked into a case that is due: " + decision->reason;
      counted.resolution = handling->resolution;
    }
    if (const auto hold = incident_holds.find(handling->case_id); hold != incident_holds.end()) {
      plan.held.push_back(HeldCase{std::move(*decision), one.legal_hold.value_or(hold->second)});
      continue;
    }
    (one.linked_into ? plan.expunge : primaries)
        .push_back(RetentionPlan::Expunge{std::move(*decision), statistics_of(policy, counted)});
  }
  for (RetentionPlan::Expunge& due : primaries) plan.expunge.push_back(std::move(due));
  return plan;
}

CaseRetentionFacts retention_facts_of(const Case& summary) {
  CaseRetentionFacts facts;
  facts.case_id = summary.id;
  facts.community_id = summary.community_id;
  facts.code_name = summary.code_name;
  facts.state = summary.state;
  facts.resolution = summary.resolution;
  facts.opened_at = summary.opened_at;
  facts.space_key = summary.space_key;
  facts.categories = summary.categories;
  facts.escrowed = summary.escrowed;
  return facts;
}

}  // namespace conduct::domain
