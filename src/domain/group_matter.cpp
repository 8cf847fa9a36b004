// The group's own matters, in words:
//
// - Any voting member of the group (chair, vice-chair, member) puts a matter that
//   concerns no case to the vote: admitting a member, a guideline, the policy, or
//   another matter of the group. Its text is sealed for the group's voting members of
//   that day and the recovery key. Matters are numbered 1, 2, … per community.
// - The vote follows the rule of a case's votes (vote_count.h): agree, object or
//   abstain; consensus, else two-thirds of the eligible members, else the board; the
//   policy's variants apply. Its deadline is the policy's vote days, or the number of
//   days (1 to 30) the proposer gives.
// - The eligible members, counted anew at each count, are those the matter was sealed
//   for who are still active voting members and have not stood aside from it (a member
//   with an interest in the matter, such as a friend of the person to be admitted,
//   stands aside and drops out of the count at once). A member who joined after the
//   matter was put to the vote does not vote on it.
// - Once the count decides, the matter is agreed or goes to the board, and stays so.
#include "domain/group_matter.h"

#include <algorithm>
#include <array>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::array<std::pair<MatterKind, std::string_view>, 4> kKinds{{
    {MatterKind::AdmitMember, "admit-member"},
    {MatterKind::Guideline, "guideline"},
    {MatterKind::Policy, "policy"},
    {MatterKind::Other, "other"},
}};
constexpr std::array<std::pair<MatterStatus, std::string_view>, 3> kStatuses{{
    {MatterStatus::Voting, "voting"},
    {MatterStatus::Agreed, "agreed"},
    {MatterStatus::ToTheBoard, "to-the-board"},
}};

constexpr std::size_t kMaxTextBytes = 20000;
constexpr int kLongestVoteDays = 30;

}  // namespace

NameTable<MatterKind> matter_kind_names() { return kKinds; }
std::string_view to_string(MatterKind kind) { return name_in<MatterKind>(kKinds, kind); }
std::optional<MatterKind> parse_matter_kind(std::string_view name) { return parse_in<MatterKind>(kKinds, name); }

NameTable<MatterStatus> matter_status_names() { return kStatuses; }
std::string_view to_string(MatterStatus status) { return name_in<MatterStatus>(kStatuses, status); }
std::optional<MatterStatus> parse_matter_status(std::string_view name) {
  return parse_in<MatterStatus>(kStatuses, name);
}

Result<GroupMatter> plan_matter(const MatterCommand& command, const VotingPolicy& policy, const Member& proposer,
                                int number, Timestamp now) {
  FieldErrors errors;
  GroupMatter matter;
  const std::optional<MatterKind> kind = parse_matter_kind(trim(command.kind));
  if (!kind)
    errors.add("kind", "must be one of " + names_of<MatterKind>(kKinds));
  else
    matter.kind = *kind;
  matter.text = trim(command.text);
  if (matter.text.empty())
    errors.add("text", "is required: what the group is asked to agree to");
  else
    check_text_field(errors, "text", matter.text, kMaxTextBytes);
  const int days = command.vote_days.value_or(policy.default_vote_days);
  if (days < 1 || days > kLongestVoteDays) errors.add("vote_days", "must be a number of days from 1 to 30");
  TRY(errors.result("the matter could not be put to the vote"));
  matter.number = number;
  matter.proposed_by = proposer.id;
  matter.opened_at = now;
  matter.closes_at = Timestamp{now.seconds + days * kSecondsPerDay};
  return matter;
}

Vote matter_vote(const GroupMatter& matter) {
  Vote vote;
  vote.matter = VoteMatter::GroupMatter;
  vote.proposer_id = matter.proposed_by;
  vote.opened_at = matter.opened_at;
  vote.closes_at = matter.closes_at;
  vote.closed_at = matter.closed_at;
  vote.outcome = matter.outcome;
  vote.arithmetic = matter.arithmetic;
  return vote;
}

VoteCountInput matter_electorate(const GroupMatter& matter, const std::vector<Member>& members,
                                 const std::vector<std::int64_t>& holders, const std::vector<std::int64_t>& recused,
                                 Date today) {
  VoteCountInput input;
  input.proposer_id = matter.proposed_by;
  for (const Member& member : members) {
    if (!is_voting_role(member.role) || !is_active_on(member, today)) continue;
    ++input.all_voting_members;
    const bool held = std::find(holders.begin(), holders.end(), member.id) != holders.end();
    const bool stood_aside = std::find(recused.begin(), recused.end(), member.id) != recused.end();
    if (held && !stood_aside) input.eligible.push_back(member.id);
  }
  return input;
}

MatterStatus status_after(const VoteCount& count) {
  return count.outcome == VoteOutcome::PassedByConsensus || count.outcome == VoteOutcome::PassedByTwoThirds
             ? MatterStatus::Agreed
             : MatterStatus::ToTheBoard;
}

}  // namespace conduct::domain
