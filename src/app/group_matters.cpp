#include "app/group_matters.h"

#include <algorithm>
#include <map>

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "crypto/case_keys.h"
#include "crypto/secretbox.h"

namespace conduct::app {
namespace {

constexpr std::size_t kMostListed = 200;

std::string text_associated_data(std::int64_t community_id, int number) {
  return "conduct group matter\n" + std::to_string(community_id) + "\n" + std::to_string(number);
}
std::string ballot_associated_data(std::int64_t community_id, int number, std::int64_t member_id) {
  return "conduct group matter ballot\n" + std::to_string(community_id) + "\n" + std::to_string(number) + "\n" +
         std::to_string(member_id);
}

MatterSummary summary_of(const store::GroupMatterRow& row, const std::vector<domain::Member>& members) {
  MatterSummary summary{row.matter, domain::display_name_of(members, row.matter.proposed_by)};
  summary.matter.text.clear();
  return summary;
}

// Everything a view needs of one matter, read once.
struct Loaded {
  store::GroupMatterRow row;
  std::vector<domain::Member> members;
  std::vector<std::int64_t> holders;  // the members its key was wrapped for
  std::optional<crypto::SecretBytes> key;
};

Result<Loaded> load(Context& context, const Actor& actor, int number) {
  TRY(authorize(context, actor, domain::Action::DecideGroupMatters));
  ASSIGN_OR_RETURN(std::optional<store::GroupMatterRow> row, context.store.find_matter(actor.community.id, number));
  if (!row) return not_found("the community has no matter " + std::to_string(number));
  Loaded loaded{std::move(*row), {}, {}, std::nullopt};
  ASSIGN_OR_RETURN(loaded.members, context.store.list_members(actor.community.id));
  ASSIGN_OR_RETURN(const std::vector<store::KeyWrapRow> wraps, context.store.matter_wraps(loaded.row.matter.id));
  for (const store::KeyWrapRow& wrap : wraps)
    if (wrap.member_id) loaded.holders.push_back(*wrap.member_id);
  loaded.key = open_record_key(actor, wraps);
  return loaded;
}

// The matter as the actor sees it now: its text and count when their keys open them.
Result<MatterView> view_of(Context& context, const Actor& actor, const Loaded& loaded) {
  const domain::GroupMatter& matter = loaded.row.matter;
  MatterView view;
  view.summary = summary_of(loaded.row, loaded.members);
  ASSIGN_OR_RETURN(const std::vector<std::int64_t> recused, context.store.matter_recusals(matter.id));
  view.stood_aside = std::find(recused.begin(), recused.end(), actor.member.id) != recused.end();
  if (!loaded.key) return view;
  const std::int64_t community_id = loaded.row.community_id;
  ASSIGN_OR_RETURN(
      const crypto::SecretBytes text,
      crypto::open_with_key(*loaded.key, loaded.row.text_sealed, text_associated_data(community_id, matter.number)));
  view.text = std::string(text.view());
  const Timestamp now = context.clock.now();
  domain::VoteCountInput input =
      domain::matter_electorate(matter, loaded.members, loaded.holders, recused, date_of(now));
  ASSIGN_OR_RETURN(const std::vector<store::MatterBallotRow> ballots, context.store.matter_ballots(matter.id));
  for (const store::MatterBallotRow& cast : ballots) {
    ASSIGN_OR_RETURN(const crypto::SecretBytes word,
                     crypto::open_with_key(*loaded.key, cast.ballot_sealed,
                                           ballot_associated_data(community_id, matter.number, cast.member_id)));
    const std::optional<domain::Ballot> ballot = domain::parse_ballot(std::string(word.view()));
    if (!ballot) return internal_error("a stored ballot does not name a ballot");
    input.ballots[cast.member_id] = *ballot;
  }
  input.deadline_passed = matter.closed_at.has_value() || domain::deadline_passed(domain::matter_vote(matter), now);
  view.count = domain::count_votes(actor.community.policy.voting, input);
  view.eligible = std::find(input.eligible.begin(), input.eligible.end(), actor.member.id) != input.eligible.end();
  if (const auto own = input.ballots.find(actor.member.id); own != input.ballots.end() && view.eligible)
    view.own_ballot = own->second;
  return view;
}

// The view, with the matter's vote closed first when the count now decides it (inside
// the caller's transaction).
Result<MatterView> settled_view(Context& context, const Actor& actor, Loaded& loaded) {
  ASSIGN_OR_RETURN(MatterView view, view_of(context, actor, loaded));
  domain::GroupMatter& matter = loaded.row.matter;
  if (matter.closed_at || !view.count || view.count->outcome == domain::VoteOutcome::Open) return view;
  const Timestamp now = context.clock.now();
  TRY(context.store.close_matter(matter.id, domain::status_after(*view.count), *view.count, now));
  TRY(record_action(context, actor, audit_action::kCloseMatterVote));
  matter.status = domain::status_after(*view.count);
  matter.closed_at = now;
  matter.outcome = view.count->outcome;
  matter.arithmetic = view.count->arithmetic;
  view.summary = summary_of(loaded.row, loaded.members);  // the count stands as it closed the vote
  return view;
}

}  // namespace

Result<MatterView> propose_matter(Context& context, const Actor& actor, const domain::MatterCommand& command) {
  MatterView view;
  TRY(transaction(context, [&]() -> Status {
    TRY(authorize(context, actor, domain::Action::DecideGroupMatters));
    const std::int64_t community_id = actor.community.id;
    const Timestamp now = context.clock.now();
    ASSIGN_OR_RETURN(const int number, context.store.next_matter_number(community_id));
    ASSIGN_OR_RETURN(const domain::GroupMatter matter,
                     domain::plan_matter(command, actor.community.policy.voting, actor.member, number, now));
    ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(community_id));
    std::vector<domain::Member> voters;
    for (const domain::Member& member : members)
      if (domain::is_voting_role(member.role) && domain::is_active_on(member, date_of(now))) voters.push_back(member);
    crypto::SecretBytes key = crypto::new_case_key();
    ASSIGN_OR_RETURN(const std::vector<store::KeyWrapRow> wraps, wrap_record_key(context, community_id, key, voters));
    store::GroupMatterRow row{community_id, matter,
                              crypto::seal_with_key(key, matter.text, text_associated_data(community_id, number))};
    row.matter.text.clear();
    ASSIGN_OR_RETURN(row.matter.id, context.store.insert_matter(row, wraps));
    TRY(record_action(context, actor, audit_action::kProposeMatter));
    // The view from what was just written: the proposer holds the key they made.
    Loaded loaded{std::move(row), members, {}, std::move(key)};
    for (const store::KeyWrapRow& wrap : wraps)
      if (wrap.member_id) loaded.holders.push_back(*wrap.member_id);
    ASSIGN_OR_RETURN(view, view_of(context, actor, loaded));
    return ok_status();
  }));
  return view;
}

Result<std::vector<MatterSummary>> list_matters(Context& context, const Actor& actor, std::size_t limit,
                                                std::size_t offset) {
  TRY(authorize(context, actor, domain::Action::DecideGroupMatters));
  ASSIGN_OR_RETURN(const std::vector<store::GroupMatterRow> rows,
                   context.store.list_matters(actor.community.id, std::min(limit, kMostListed), offset));
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(actor.community.id));
  std::vector<MatterSummary> summaries;
  for (const store::GroupMatterRow& row : rows) summaries.push_back(summary_of(row, members));
  return summaries;
}

Result<MatterView> show_matter(Context& context, const Actor& actor, int number) {
  ASSIGN_OR_RETURN(Loaded loaded, load(context, actor, number));
  ASSIGN_OR_RETURN(MatterView view, view_of(context, actor, loaded));
  if (!loaded.row.matter.closed_at && view.count && view.count->outcome != domain::VoteOutcome::Open) {
    // The count decides it: closed in a transaction, on the matter as it stands then.
    TRY(transaction(context, [&]() -> Status {
      ASSIGN_OR_RETURN(Loaded fresh, load(context, actor, number));
      ASSIGN_OR_RETURN(view, settled_view(context, actor, fresh));
      return ok_status();
    }));
  }
  TRY(record_read(context, actor, audit_action::kReadMatter, std::string_view()));
  return view;
}

Result<MatterView> cast_matter_ballot(Context& context, const Actor& actor, int number, const std::string& ballot) {
  MatterView view;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(Loaded loaded, load(context, actor, number));
    ASSIGN_OR_RETURN(const MatterView before, settled_view(context, actor, loaded));
    const domain::GroupMatter& matter = loaded.row.matter;
    const Timestamp now = context.clock.now();
    ASSIGN_OR_RETURN(const domain::Ballot cast, domain::plan_ballot(domain::matter_vote(matter), ballot, now));
    if (before.stood_aside)
      return failed_precondition("you stood aside from this matter: you take no part in its vote");
    if (!loaded.key || !before.eligible)
      return failed_precondition(
          "this matter was put to the vote before you were a voting member of the group: "
          "you take no part in its vote");
    const std::string sealed =
        crypto::seal_with_key(*loaded.key, domain::to_string(cast),
                              ballot_associated_data(loaded.row.community_id, matter.number, actor.member.id));
    TRY(context.store.put_matter_ballot(matter.id, {actor.member.id, now, sealed}));
    TRY(record_action(context, actor, audit_action::kCastMatterBallot));
    ASSIGN_OR_RETURN(view, settled_view(context, actor, loaded));
    return ok_status();
  }));
  return view;
}

Result<MatterView> stand_aside_from_matter(Context& context, const Actor& actor, int number) {
  MatterView view;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(Loaded loaded, load(context, actor, number));
    ASSIGN_OR_RETURN(const MatterView before, settled_view(context, actor, loaded));
    if (loaded.row.matter.closed_at) return failed_precondition("the matter's vote has closed");
    if (before.stood_aside) return failed_precondition("you stood aside from this matter already");
    TRY(context.store.insert_matter_recusal(loaded.row.matter.id, actor.member.id, context.clock.now()));
    TRY(record_action(context, actor, audit_action::kStandAsideFromMatter));
    ASSIGN_OR_RETURN(view, settled_view(context, actor, loaded));
    return ok_status();
  }));
  return view;
}

}  // namespace conduct::app
