#include "domain/case.h"

#include <algorithm>

#include <array>

namespace conduct::domain {

const std::vector<std::string>& content_note_kinds() {
  static const std::vector<std::string> kinds = {"sexual-harassment", "self-harm", "violence", "hate",
                                                 "graphic-images"};
  return kinds;
}
namespace {

constexpr std::array<std::pair<CaseState, std::string_view>, 10> kStates{{
    {CaseState::Received, "received"},
    {CaseState::Acknowledged, "acknowledged"},
    {CaseState::Investigating, "investigating"},
    {CaseState::Deciding, "deciding"},
    {CaseState::AwaitingFeedback, "awaiting-feedback"},
    {CaseState::Enacting, "enacting"},
    {CaseState::Resolved, "resolved"},
    {CaseState::EscalatedToBoard, "escalated-to-board"},
    {CaseState::Reconsideration, "reconsideration"},
    {CaseState::Reopened, "reopened"},
}};

constexpr std::array<std::pair<PartyRole, std::string_view>, 4> kPartyRoles{{
    {PartyRole::Reporter, "reporter"},
    {PartyRole::HarmedIndividual, "harmed"},
    {PartyRole::Witness, "witness"},
    {PartyRole::ReportedPerson, "reported"},
}};

constexpr std::array<std::pair<ReportChannel, std::string_view>, 5> kChannels{{
    {ReportChannel::WebForm, "web-form"},
    {ReportChannel::Email, "email"},
    {ReportChannel::InPerson, "in-person"},
    {ReportChannel::LocalRepresentative, "local-representative"},
    {ReportChannel::GroupMember, "group-member"},
}};

constexpr std::array<std::pair<ResolutionSource, std::string_view>, 3> kSources{{
    {ResolutionSource::Group, "group"},
    {ResolutionSource::Board, "board"},
    {ResolutionSource::Local, "local"},
}};

constexpr std::array<std::pair<ResolutionOutcome, std::string_view>, 5> kOutcomes{{
    {ResolutionOutcome::ActionTaken, "action-taken"},
    {ResolutionOutcome::NoAction, "no-action"},
    {ResolutionOutcome::NotAViolation, "not-a-violation"},
    {ResolutionOutcome::OutOfScope, "out-of-scope"},
    {ResolutionOutcome::Duplicate, "duplicate"},
}};

constexpr std::array<std::pair<EntryKind, std::string_view>, 16> kEntryKinds{{
    {EntryKind::Report, "report"},
    {EntryKind::Note, "note"},
    {EntryKind::Minutes, "minutes"},
    {EntryKind::ChatDecision, "chat-decision"},
    {EntryKind::CommunicationIn, "communication-in"},
    {EntryKind::CommunicationOut, "communication-out"},
    {EntryKind::Evidence, "evidence"},
    {EntryKind::Evaluation, "evaluation"},
    {EntryKind::ConflictDisclosure, "conflict-disclosure"},
    {EntryKind::Proposal, "proposal"},
    {EntryKind::Vote, "vote"},
    {EntryKind::Feedback, "feedback"},
    {EntryKind::Action, "action"},
    {EntryKind::BoardReport, "board-report"},
    {EntryKind::Transition, "transition"},
    {EntryKind::Link, "link"},
}};

}  // namespace

NameTable<CaseState> case_state_names() { return kStates; }
std::string_view to_string(CaseState state) { return name_in<CaseState>(kStates, state); }
std::optional<CaseState> parse_case_state(std::string_view name) { return parse_in<CaseState>(kStates, name); }

NameTable<PartyRole> party_role_names() { return kPartyRoles; }
std::string_view to_string(PartyRole role) { return name_in<PartyRole>(kPartyRoles, role); }
std::optional<PartyRole> parse_party_role(std::string_view name) { return parse_in<PartyRole>(kPartyRoles, name); }

NameTable<ReportChannel> report_channel_names() { return kChannels; }
std::string_view to_string(ReportChannel channel) { return name_in<ReportChannel>(kChannels, channel); }
std::optional<ReportChannel> parse_report_channel(std::string_view name) {
  return parse_in<ReportChannel>(kChannels, name);
}

NameTable<ResolutionSource> resolution_source_names() { return kSources; }
std::string_view to_string(ResolutionSource source) { return name_in<ResolutionSource>(kSources, source); }
std::optional<ResolutionSource> parse_resolution_source(std::string_view name) {
  return parse_in<ResolutionSource>(kSources, name);
}

NameTable<ResolutionOutcome> resolution_outcome_names() { return kOutcomes; }
std::string_view to_string(ResolutionOutcome outcome) { return name_in<ResolutionOutcome>(kOutcomes, outcome); }
std::optional<ResolutionOutcome> parse_resolution_outcome(std::string_view name) {
  return parse_in<ResolutionOutcome>(kOutcomes, name);
}

constexpr std::array<std::pair<Urgency, std::string_view>, 3> kUrgencies{
    {{Urgency::Normal, "normal"}, {Urgency::Raised, "raised"}, {Urgency::High, "high"}}};

NameTable<Urgency> urgency_names() { return kUrgencies; }
std::string_view to_string(Urgency urgency) { return name_in<Urgency>(kUrgencies, urgency); }
std::optional<Urgency> parse_urgency(std::string_view name) { return parse_in<Urgency>(kUrgencies, name); }

NameTable<EntryKind> entry_kind_names() { return kEntryKinds; }
std::string_view to_string(EntryKind kind) { return name_in<EntryKind>(kEntryKinds, kind); }
std::optional<EntryKind> parse_entry_kind(std::string_view name) { return parse_in<EntryKind>(kEntryKinds, name); }

bool is_note_kind(EntryKind kind) {
  switch (kind) {
    case EntryKind::Note:
    case EntryKind::Minutes:
    case EntryKind::ChatDecision:
    case EntryKind::CommunicationIn:
    case EntryKind::CommunicationOut:
      return true;
    default:
      return false;
  }
}

TimelineEntry new_entry(int number, EntryKind kind, std::optional<std::int64_t> author, Timestamp now,
                        std::string body) {
  TimelineEntry entry;
  entry.number = number;
  entry.kind = kind;
  entry.author_id = author;
  entry.created_at = now;
  entry.body = std::move(body);
  return entry;
}

bool is_reported_party(const CaseRecord& record, int number) {
  return std::any_of(record.parties.begin(), record.parties.end(), [number](const Party& party) {
    return party.number == number && party.role == PartyRole::ReportedPerson;
  });
}

}  // namespace conduct::domain
