#include "json/views.h"

#include "app/catalogue.h"
#include "domain/code_name.h"
#include "domain/lifecycle.h"
#include "json/writer.h"

namespace conduct::json {
namespace {

using nlohmann::json;

json optional_date(const std::optional<Date>& date) { return date ? json(format_date(*date)) : json(nullptr); }

}  // namespace

json error_json(const Error& error) {
  json fields = json::object();
  for (const auto& [field, problem] : error.fields) fields[field] = problem;
  return {{"error", {{"code", error_code_name(error.code)}, {"message", error.message}, {"fields", fields}}}};
}

json community_json(const domain::Community& community) {
  return {{"slug", community.slug}, {"name", community.name}, {"contact_email", community.contact_email}};
}

json member_json(const domain::Member& member) {
  return {{"id", member.id},
          {"email", member.email},
          {"name", member.display_name},
          {"role", domain::to_string(member.role)},
          {"term_start", format_date(member.term_start)},
          {"term_end", optional_date(member.term_end)},
          {"status", member.status == domain::MemberStatus::Active ? "active" : "former"}};
}

json search_result_json(const app::SearchResult& result) {
  json matches = json::array();
  for (const domain::TextMatch& match : result.matches)
    matches.push_back({{"where", match.where}, {"snippet", match.snippet}});
  return {{"case", case_summary_json(result.summary)}, {"matches", matches}};
}

json case_summary_json(const domain::Case& summary) {
  json categories = json::array();
  for (domain::ViolationCategory category : summary.categories) categories.push_back(domain::to_string(category));
  json resolution = nullptr;
  if (summary.resolution)
    resolution = {{"source", domain::to_string(summary.resolution->source)},
                  {"outcome", domain::to_string(summary.resolution->outcome)}};
  return {{"code_name", summary.code_name},
          {"url_name", domain::url_form(summary.code_name)},
          {"state", domain::to_string(summary.state)},
          {"opened_at", format_timestamp(summary.opened_at)},
          {"updated_at", format_timestamp(summary.updated_at)},
          {"occurred_on", optional_date(summary.occurred_on)},
          {"space", summary.space_key},
          {"ongoing", summary.ongoing},
          {"physical_danger", summary.physical_danger},
          {"categories", categories},
          {"linked", summary.linked},
          {"urgency", domain::to_string(summary.urgency)},
          {"resolution", resolution}};
}

namespace {

void write_optional_date(JsonWriter& out, const std::optional<Date>& date) {
  if (date)
    out.string(format_date(*date));
  else
    out.null();
}

void write_optional_number(JsonWriter& out, const std::optional<std::int64_t>& number) {
  if (number)
    out.number(*number);
  else
    out.null();
}

void write_report(JsonWriter& out, const domain::Report& report) {
  // Keys in order, as nlohmann::json's view writes them.
  out.begin_object().key("channel").string(domain::to_string(report.channel)).key("content_notes").begin_array();
  for (const std::string& note : report.content_notes) out.string(note);
  out.end_array().key("number").number(report.number);
  out.key("received_at").string(format_timestamp(report.received_at)).key("text").string(report.text).end_object();
}

void write_party(JsonWriter& out, const domain::Party& party) {
  out.begin_object().key("contact").string(party.contact).key("employer").string(party.employer);
  out.key("name").string(party.name).key("number").number(party.number).key("person");
  if (party.person_code_name.empty())
    out.null();
  else
    out.string(party.person_code_name);
  out.key("role").string(domain::to_string(party.role)).end_object();
}

void write_entry(JsonWriter& out, const domain::TimelineEntry& entry) {
  out.begin_object().key("author_id");
  write_optional_number(out, entry.author_id);
  out.key("corrects");
  write_optional_number(out, entry.corrects ? std::optional<std::int64_t>(*entry.corrects) : std::nullopt);
  out.key("created_at").string(format_timestamp(entry.created_at));
  if (entry.from_state) out.key("from").string(domain::to_string(*entry.from_state));
  out.key("kind").string(domain::to_string(entry.kind)).key("number").number(entry.number);
  out.key("text").string(entry.body);
  if (entry.to_state) out.key("to").string(domain::to_string(*entry.to_state));
  out.end_object();
}

// The members of case_summary_json, and with `record` those case_record_json adds, in
// the order its std::map prints them.
void write_case(JsonWriter& out, const domain::Case& summary, const domain::CaseRecord* record) {
  out.begin_object().key("categories").begin_array();
  for (domain::ViolationCategory category : summary.categories) out.string(domain::to_string(category));
  out.end_array().key("code_name").string(summary.code_name).key("linked").boolean(summary.linked);
  if (record) {
    out.key("location").string(summary.location).key("next_states").begin_array();
    for (const domain::CaseState state : domain::allowed_transitions(summary.state))
      out.string(domain::to_string(state));
    out.end_array();
  }
  out.key("occurred_on");
  write_optional_date(out, summary.occurred_on);
  out.key("ongoing").boolean(summary.ongoing).key("opened_at").string(format_timestamp(summary.opened_at));
  if (record) {
    out.key("parties").begin_array();
    for (const domain::Party& party : record->parties) write_party(out, party);
    out.end_array();
  }
  out.key("physical_danger").boolean(summary.physical_danger);
  if (record) {
    out.key("reports").begin_array();
    for (const domain::Report& report : record->reports) write_report(out, report);
    out.end_array();
  }
  out.key("resolution");
  if (summary.resolution)
    out.begin_object()
        .key("outcome")
        .string(domain::to_string(summary.resolution->outcome))
        .key("source")
        .string(domain::to_string(summary.resolution->source))
        .end_object();
  else
    out.null();
  out.key("space").string(summary.space_key).key("state").string(domain::to_string(summary.state));
  if (record) {
    out.key("timeline").begin_array();
    for (const domain::TimelineEntry& entry : record->timeline) write_entry(out, entry);
    out.end_array();
  }
  out.key("updated_at").string(format_timestamp(summary.updated_at));
  out.key("urgency").string(domain::to_string(summary.urgency));
  out.key("url_name").string(domain::url_form(summary.code_name)).end_object();
}

}  // namespace

std::string case_summaries_text(const std::vector<domain::Case>& cases) {
  JsonWriter out;
  out.begin_object().key("cases").begin_array();
  for (const domain::Case& summary : cases) write_case(out, summary, nullptr);
  out.end_array().end_object();
  return out.take();
}

std::string case_record_text(const domain::CaseRecord& record) {
  JsonWriter out;
  write_case(out, record.summary, &record);
  return out.take();
}

json entry_json(const domain::TimelineEntry& entry) {
  json value = {{"number", entry.number},
                {"kind", domain::to_string(entry.kind)},
                {"author_id", entry.author_id ? json(*entry.author_id) : json(nullptr)},
                {"created_at", format_timestamp(entry.created_at)},
                {"text", entry.body},
                {"corrects", entry.corrects ? json(*entry.corrects) : json(nullptr)}};
  if (entry.from_state) value["from"] = domain::to_string(*entry.from_state);
  if (entry.to_state) value["to"] = domain::to_string(*entry.to_state);
  return value;
}

json evidence_json(const domain::EvidenceFile& file) {
  return {{"number", file.number},
          {"name", file.name},
          {"description", file.description},
          {"size_bytes", file.size_bytes},
          {"created_at", format_timestamp(file.created_at)},
          {"author_id", file.author_id ? json(*file.author_id) : json(nullptr)}};
}

json report_json(const domain::Report& report) {
  return {{"number", report.number},
          {"received_at", format_timestamp(report.received_at)},
          {"channel", domain::to_string(report.channel)},
          {"content_notes", report.content_notes},
          {"text", report.text}};
}

json case_links_json(const app::CaseLinksView& view) {
  json linked = json::array();
  for (const app::LinkedCase& each : view.linked) {
    json reports = json::array();
    for (const domain::Report& report : each.reports) reports.push_back(report_json(report));
    linked.push_back({{"case", case_summary_json(each.summary)}, {"reports", reports}});
  }
  return {{"linked_into", view.primary ? case_summary_json(*view.primary) : json(nullptr)},
          {"linked_elsewhere", view.linked_elsewhere},
          {"linked", linked}};
}

namespace {

json optional_time(const std::optional<Timestamp>& time) {
  return time ? json(format_timestamp(*time)) : json(nullptr);
}

json evaluation_json(const store::EvaluationRow& row) {
  const domain::Evaluation& evaluation = row.evaluation;
  json answers = json::array();
  for (const domain::EvaluationQuestion& question : domain::evaluation_questions()) {
    const auto found = evaluation.answers.find(question.key);
    if (found == evaluation.answers.end()) continue;
    answers.push_back({{"question", question.key},
                       {"answer", domain::to_string(found->second.answer)},
                       {"note", found->second.note}});
  }
  json rules = json::array();
  for (const domain::ViolationCategory rule : evaluation.rules) rules.push_back(domain::to_string(rule));
  return {{"entry", row.entry_number},
          {"evaluated_by", evaluation.evaluated_by},
          {"evaluated_at", format_timestamp(evaluation.evaluated_at)},
          {"answers", answers},
          {"what_happened", evaluation.what_happened},
          {"violation", domain::to_string(evaluation.violation)},
          {"rules", rules},
          {"responsible", evaluation.responsible},
          {"ongoing_or_threat", domain::to_string(evaluation.ongoing_or_threat)},
          {"established_pattern", evaluation.established_pattern},
          {"urgency", domain::to_string(evaluation.urgency)}};
}

json vote_count_json(const domain::VoteCount& count) {
  return {{"outcome", domain::to_string(count.outcome)},
          {"eligible", count.eligible},
          {"voted", count.voted},
          {"agreed", count.agreed},
          {"objected", count.objected},
          {"abstained", count.abstained},
          {"agreed_besides_proposer", count.agreed_besides_proposer},
          {"quorum", count.quorum},
          {"quorum_needs_more_than", count.quorum_needs},
          {"two_thirds_needs", count.two_thirds_needs},
          {"all_members_majority_needs",
           count.all_members_majority_needs ? json(*count.all_members_majority_needs) : json(nullptr)},
          {"arithmetic", count.arithmetic}};
}

// A vote as the asking member sees it: closed with its arithmetic, or open with the
// count of now; null when there is none.
template <typename Shown>
json vote_json(const Shown& shown) {
  if (!shown.vote) return nullptr;
  return {{"opened_at", format_timestamp(shown.vote->opened_at)},
          {"closes_at", format_timestamp(shown.vote->closes_at)},
          {"closed_at", optional_time(shown.vote->closed_at)},
          {"outcome", shown.vote->outcome ? json(domain::to_string(*shown.vote->outcome)) : json(nullptr)},
          {"arithmetic", shown.vote->closed_at ? shown.vote->arithmetic : shown.count.arithmetic},
          {"count", shown.vote->closed_at ? json(nullptr) : vote_count_json(shown.count)},
          {"eligible", shown.eligible},
          {"own_ballot", shown.own_ballot ? json(domain::to_string(*shown.own_ballot)) : json(nullptr)}};
}

json action_json(const app::ActionView& shown) {
  const domain::UnilateralAction& action = shown.action;
  return {{"number", action.number},
          {"revises", action.revises ? json(*action.revises) : json(nullptr)},
          {"situation", domain::to_string(action.situation)},
          {"status", domain::to_string(action.status)},
          {"state", shown.state},
          {"overdue", shown.overdue},
          {"taken_by", action.taken_by},
          {"taken_at", format_timestamp(action.taken_at)},
          {"recorded_at", format_timestamp(action.recorded_at)},
          {"report_due", format_timestamp(action.report_due)},
          {"reported_at", optional_time(action.reported_at)},
          {"what", action.what},
          {"why", action.why},
          {"affects", action.affects},
          {"vote", vote_json(shown)}};
}

json proposal_json(const app::ProposalView& shown) {
  const domain::Proposal& proposal = shown.proposal;
  const json vote = vote_json(shown);
  json round = nullptr;
  if (shown.round) {
    json requests = json::array();
    for (const domain::FeedbackRequest& request : shown.round->requests)
      requests.push_back({{"party", request.party_number},
                          {"role", domain::to_string(request.role)},
                          {"asked_at", optional_time(request.asked_at)},
                          {"channel", request.channel ? json(domain::to_string(*request.channel)) : json(nullptr)},
                          {"answered_at", optional_time(request.answered_at)}});
    round = {{"opened_at", format_timestamp(shown.round->opened_at)},
             {"closes_at", format_timestamp(shown.round->closes_at)},
             {"closed", shown.round_closed},
             {"state", shown.round_state},
             {"requests", requests}};
  }
  return {{"number", proposal.number},
          {"feedback_round", round},
          {"reported_party", proposal.reported_party},
          {"status", domain::to_string(proposal.status)},
          {"resolution", proposal.resolution},
          {"ladder_rank", proposal.ladder_rank ? json(*proposal.ladder_rank) : json(nullptr)},
          {"duration_days", proposal.duration_days ? json(*proposal.duration_days) : json(nullptr)},
          {"review_on", optional_date(proposal.review_on)},
          {"behaviour", proposal.behaviour},
          {"repair", proposal.repair},
          {"conditions", proposal.conditions},
          {"message_to_reported", proposal.message_to_reported},
          {"message_to_reporter", proposal.message_to_reporter},
          {"proposed_by", proposal.proposed_by},
          {"proposed_at", format_timestamp(proposal.proposed_at)},
          {"vote", vote}};
}

}  // namespace

json decisions_json(const app::DecisionsView& view, const domain::Policy& policy) {
  json questions = json::array();
  for (const domain::EvaluationQuestion& question : domain::evaluation_questions())
    questions.push_back({{"key", question.key}, {"section", question.section}, {"text", question.text}});
  json resolutions = json::array();
  for (const domain::LadderLevel& level : policy.ladder)
    resolutions.push_back({{"key", level.key},
                           {"name", level.name},
                           {"rank", level.rank},
                           {"minimum_days", level.minimum_days ? json(*level.minimum_days) : json(nullptr)},
                           {"maximum_days", level.maximum_days ? json(*level.maximum_days) : json(nullptr)},
                           {"requires_conditions", level.requires_conditions}});
  for (const std::string& other : domain::other_resolutions())
    resolutions.push_back({{"key", other},
                           {"name", other},
                           {"rank", nullptr},
                           {"minimum_days", nullptr},
                           {"maximum_days", nullptr},
                           {"requires_conditions", false}});
  json responses = json::array();
  for (const app::ResponseView& response : view.responses)
    responses.push_back({{"reported_party", response.party_number},
                         {"told_at", optional_time(response.facts.told_at)},
                         {"responded_at", optional_time(response.facts.responded_at)},
                         {"waived_for_safety", response.facts.waived_for_safety},
                         {"may_go_to_vote", response.may_go_to_vote},
                         {"waiting_for", response.waiting_for}});
  json proposals = json::array();
  for (const app::ProposalView& shown : view.proposals) proposals.push_back(proposal_json(shown));
  json actions = json::array();
  for (const app::ActionView& shown : view.actions) actions.push_back(action_json(shown));
  json categories = json::array();
  for (const auto& [category, name] : domain::violation_category_names())
    categories.push_back({{"key", name}, {"name", domain::title_of(category)}});
  return {
      {"case", case_summary_json(view.summary)},
      {"categories", categories},
      {"may_decide", view.may_decide},
      {"may_vote", view.may_vote},
      {"questions", questions},
      {"resolutions", resolutions},
      {"evaluation", view.evaluation ? evaluation_json(*view.evaluation) : json(nullptr)},
      {"pattern", {{"flagged", view.pattern.flagged}, {"established", domain::is_established_pattern(view.pattern)}}},
      {"responses", responses},
      {"proposals", proposals},
      {"actions", actions}};
}

json case_record_json(const domain::CaseRecord& record) {
  json value = case_summary_json(record.summary);
  value["location"] = record.summary.location;
  json next_states = json::array();
  for (const domain::CaseState state : domain::allowed_transitions(record.summary.state))
    next_states.push_back(domain::to_string(state));
  value["next_states"] = next_states;
  json reports = json::array();
  for (const domain::Report& report : record.reports) reports.push_back(report_json(report));
  json parties = json::array();
  for (const domain::Party& party : record.parties)
    parties.push_back({{"number", party.number},
                       {"role", domain::to_string(party.role)},
                       {"name", party.name},
                       {"contact", party.contact},
                       {"employer", party.employer},
                       {"person", party.person_code_name.empty() ? json(nullptr) : json(party.person_code_name)}});
  json timeline = json::array();
  for (const domain::TimelineEntry& entry : record.timeline) timeline.push_back(entry_json(entry));
  value["reports"] = reports;
  value["parties"] = parties;
  value["timeline"] = timeline;
  return value;
}

json person_json(const store::PersonRow& row) {
  return {{"code_name", row.person.code_name},
          {"url_name", domain::url_form(row.person.code_name)},
          {"case_count", row.case_count},
          {"flagged", row.person.flagged},
          {"banned_until", optional_date(row.person.banned_until)},
          {"banned_permanently", row.person.banned_permanently}};
}

json person_view_json(const app::PersonView& view) {
  json value = person_json(view.row);
  json cases = json::array();
  for (const domain::Case& summary : view.cases) cases.push_back(case_summary_json(summary));
  value["cases"] = cases;
  return value;
}

json screening_item_json(const app::ScreeningItem& item) {
  return {{"code_name", item.summary.code_name},
          {"url_name", domain::url_form(item.summary.code_name)},
          {"possible_conflict", item.possible_conflict}};
}

json oversight_grant_json(const domain::OversightGrant& grant, GrantReason reason) {
  json value = {{"id", grant.id},
                {"member_id", grant.member_id},
                {"requested_at", format_timestamp(grant.requested_at)},
                {"days", grant.days},
                {"approved", grant.approved_by.has_value()}};
  if (grant.approved_at) value["expires_at"] = format_timestamp(grant.expires_at());
  if (reason == GrantReason::Include) value["reason"] = grant.reason;
  return value;
}

json oversight_request_receipt_json(const domain::OversightGrant& grant) {
  return {{"recorded", true},
          {"requested_at", format_timestamp(grant.requested_at)},
          {"days", grant.days},
          {"message", "The request is recorded; a chair will review it."}};
}

json unmatched_oversight_request_json(const app::UnmatchedOversightRequest& request) {
  return {{"member", member_json(request.member)},
          {"code_asked", request.code_asked},
          {"names_a_case", request.names_a_case},
          {"requested_at", format_timestamp(request.requested_at)},
          {"days", request.days}};
}

json sign_in_warning_json(const app::SignInWarning& warning) {
  return {{"member", member_json(warning.member)},
          {"raised_at", format_timestamp(warning.raised_at)},
          {"failures", warning.failures}};
}

nlohmann::json audit_entry_json(const crypto::AuditEntry& entry, const std::map<std::string, std::string>& names) {
  nlohmann::json out = {
      {"seq", entry.seq},
      {"time", format_timestamp(entry.time)},
      {"actor", entry.actor},
      {"action", entry.action},
      {"case", entry.case_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(domain::url_form(entry.case_code))},
      {"digest", crypto::to_hex(entry.digest)},
      {"hash", crypto::to_hex(entry.hash)}};
  if (const auto name = names.find(entry.actor); name != names.end()) out["actor_name"] = name->second;
  return out;
}

nlohmann::json audit_verification_json(const crypto::AuditVerification& verification) {
  nlohmann::json out = {{"intact", verification.intact},
                        {"entries", verification.entries_checked},
                        {"head", verification.head ? nlohmann::json(crypto::format_audit_head(*verification.head))
                                                   : nlohmann::json(nullptr)}};
  if (!verification.intact) {
    out["first_bad_position"] = verification.first_bad_position;
    out["problem"] = verification.problem;
  }
  return out;
}

nlohmann::json draft_json(const app::DraftView& view) {
  const domain::Draft& draft = view.draft;
  nlohmann::json findings = nlohmann::json::array();
  for (const domain::DraftFinding& finding : view.findings)
    findings.push_back({{"check", finding.check}, {"detail", finding.detail}, {"suggestion", finding.suggestion}});
  return {{"number", draft.number},
          {"recipient", domain::to_string(draft.recipient)},
          {"status", domain::to_string(draft.status)},
          {"author_id", draft.author_id},
          {"decided_by", draft.decided_by ? nlohmann::json(*draft.decided_by) : nullptr},
          {"created_at", format_timestamp(draft.created_at)},
          {"decided_at", draft.decided_at ? nlohmann::json(format_timestamp(*draft.decided_at)) : nullptr},
          {"to", draft.content.to},
          {"recipients_see_each_other", draft.content.recipients_see_each_other},
          {"subject", draft.content.subject},
          {"text", draft.content.text},
          {"behaviour", draft.content.behaviour},
          {"impact", draft.content.impact},
          {"changes_expected", draft.content.changes_expected},
          {"consequences", draft.content.consequences},
          {"needs_review", view.needs_review},
          {"held", view.held},
          {"findings", findings}};
}

nlohmann::json quarantine_json(const app::QuarantineSummary& summary) {
  return {{"id", summary.id},
          {"reason", summary.reason},
          {"reason_text", summary.reason_text},
          {"size_bytes", summary.size_bytes},
          {"received_at", format_timestamp(summary.received_at)}};
}

nlohmann::json meeting_summary_json(const app::MeetingSummary& summary) {
  json attendees = json::array();
  for (const app::MeetingAttendee& attendee : summary.attendees)
    attendees.push_back({{"id", attendee.member_id}, {"name", attendee.name}});
  return {{"number", summary.meeting.number},
          {"held_on", format_date(summary.meeting.held_on)},
          {"recorded_by", {{"id", summary.meeting.recorded_by}, {"name", summary.recorded_by_name}}},
          {"recorded_at", format_timestamp(summary.meeting.recorded_at)},
          {"attendees", attendees}};
}

nlohmann::json meeting_json(const app::MeetingView& view) {
  json value = meeting_summary_json(view.summary);
  value["has_minutes"] = view.has_minutes;
  value["minutes"] = view.minutes ? json(*view.minutes) : json(nullptr);
  json entries = json::array();
  for (const app::MeetingCaseEntry& entry : view.entries)
    entries.push_back({{"case", entry.case_code},
                       {"url_name", domain::url_form(entry.case_code)},
                       {"entry", entry.entry_number},
                       {"kind", domain::to_string(entry.kind)},
                       {"text", entry.text}});
  value["entries"] = entries;
  return value;
}

nlohmann::json matter_summary_json(const app::MatterSummary& summary) {
  const domain::GroupMatter& matter = summary.matter;
  return {{"number", matter.number},
          {"kind", domain::to_string(matter.kind)},
          {"status", domain::to_string(matter.status)},
          {"proposed_by", {{"id", matter.proposed_by}, {"name", summary.proposed_by_name}}},
          {"opened_at", format_timestamp(matter.opened_at)},
          {"closes_at", format_timestamp(matter.closes_at)},
          {"closed_at", optional_time(matter.closed_at)},
          {"outcome", matter.outcome ? json(domain::to_string(*matter.outcome)) : json(nullptr)},
          {"arithmetic", matter.arithmetic}};
}

nlohmann::json matter_json(const app::MatterView& view) {
  json value = matter_summary_json(view.summary);
  value["text"] = view.text ? json(*view.text) : json(nullptr);
  value["count"] = view.count && !view.summary.matter.closed_at ? vote_count_json(*view.count) : json(nullptr);
  if (view.count && !view.summary.matter.closed_at) value["arithmetic"] = view.count->arithmetic;
  value["eligible"] = view.eligible;
  value["stood_aside"] = view.stood_aside;
  value["own_ballot"] = view.own_ballot ? json(domain::to_string(*view.own_ballot)) : json(nullptr);
  return value;
}

nlohmann::json submission_json(const app::SentSubmission& sent) {
  const std::string status = sent.status_key.substr(sent.status_key.find('.') + 1);
  return {{"kind", sent.kind},
          {"submitted_at", format_timestamp(sent.submitted_at)},
          {"status", status},
          {"status_text", app::shipped_catalogue().text(std::string(app::kDefaultLanguage), sent.status_key)}};
}

}  // namespace conduct::json
