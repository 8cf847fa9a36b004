// Votes on the group's own matters, which concern no case: admitting a member, changing
// a guideline or the policy (docs/domain.md "The group's own matters"; DESIGN §2
// "Decisions": they use the same rule as a case's votes; reference/membership.md and
// working-group-manual.md "Resolutions"). Pure: see group_matter.cpp for the rules in
// words. The count is vote_count.h's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/enum_names.h"
#include "domain/member.h"
#include "domain/policy.h"
#include "domain/vote.h"
#include "domain/vote_count.h"

namespace conduct::domain {

enum class MatterKind { AdmitMember, Guideline, Policy, Other };
NameTable<MatterKind> matter_kind_names();
std::string_view to_string(MatterKind kind);
std::optional<MatterKind> parse_matter_kind(std::string_view name);

// Voting until the count decides; then agreed, or with the board (no decision by the
// deadline, or too few eligible members).
enum class MatterStatus { Voting, Agreed, ToTheBoard };
NameTable<MatterStatus> matter_status_names();
std::string_view to_string(MatterStatus status);
std::optional<MatterStatus> parse_matter_status(std::string_view name);

struct GroupMatter {
  std::int64_t id = 0;
  int number = 0;  // 1, 2, … within the community
  MatterKind kind = MatterKind::Other;
  MatterStatus status = MatterStatus::Voting;
  std::int64_t proposed_by = 0;
  Timestamp opened_at;
  Timestamp closes_at;
  std::optional<Timestamp> closed_at;
  std::optional<VoteOutcome> outcome;
  std::string arithmetic;  // the count that closed it, in plain numbers
  std::string text;        // what is put to the vote (sealed)
};

struct MatterCommand {
  std::string kind;              // admit-member, guideline, policy, other
  std::string text;              // what the group is asked to agree to
  std::optional<int> vote_days;  // absent: the policy's vote days
};

// A matter put to the vote as number `number` by `proposer`, its vote open from `now`
// for the policy's vote days (or `vote_days`, 1 to 30). Errors: InvalidArgument naming
// "kind", "text" or "vote_days".
Result<GroupMatter> plan_matter(const MatterCommand& command, const VotingPolicy& policy, const Member& proposer,
                                int number, Timestamp now);

// The matter's vote, for plan_ballot and deadline_passed.
Vote matter_vote(const GroupMatter& matter);

// Who votes on a matter at the moment of counting: the members it was sealed for when
// it was put to the vote (`holders`: the group's voting members of that day) who are
// still active voting members and have not stood aside from it (`recused`).
VoteCountInput matter_electorate(const GroupMatter& matter, const std::vector<Member>& members,
                                 const std::vector<std::int64_t>& holders, const std::vector<std::int64_t>& recused,
                                 Date today);

// What a decided count makes of the matter: agreed when it passed, with the board
// otherwise. Precondition: the count is not open.
MatterStatus status_after(const VoteCount& count);

}  // namespace conduct::domain
