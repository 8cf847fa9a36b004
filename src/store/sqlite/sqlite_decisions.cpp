// The group's decisions in the SQLite store (decision_store.h; migration 26): each
// table keyed by case (votes also by community, the open ones by a partial index), so
// every look-up reads one case's rows.
#include "store/decision_content.h"
#include "store/sealing.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

std::string evaluation_record(int entry_number) { return "evaluation:" + std::to_string(entry_number); }
std::string proposal_record(int number) { return "proposal:" + std::to_string(number); }
std::string action_record(int number) { return "action:" + std::to_string(number); }
std::string ballot_record(std::int64_t vote_id, std::int64_t member_id) {
  return "ballot:" + std::to_string(vote_id) + ":" + std::to_string(member_id);
}

constexpr std::string_view kVoteColumns =
    "id, community_id, matter, case_id, proposal_number, ladder_rank, proposer_id, opened_at, closes_at, closed_at, "
    "outcome, arithmetic, action_number";

Result<domain::Vote> read_vote(const Statement& row) {
  domain::Vote vote;
  vote.id = row.int64(0);
  vote.community_id = row.int64(1);
  const auto matter = domain::parse_vote_matter(row.text(2));
  if (!matter) return internal_error("a stored vote has an unknown matter");
  vote.matter = *matter;
  vote.case_id = row.optional_int64(3);
  if (const auto number = row.optional_int64(4)) vote.proposal_number = static_cast<int>(*number);
  if (const auto rank = row.optional_int64(5)) vote.ladder_rank = static_cast<int>(*rank);
  vote.proposer_id = row.int64(6);
  vote.opened_at = Timestamp{row.int64(7)};
  vote.closes_at = Timestamp{row.int64(8)};
  if (const auto closed = row.optional_int64(9)) vote.closed_at = Timestamp{*closed};
  if (const auto outcome = row.optional_text(10)) {
    vote.outcome = domain::parse_vote_outcome(*outcome);
    if (!vote.outcome) return internal_error("a stored vote has an unknown outcome");
  }
  vote.arithmetic = row.optional_text(11).value_or("");
  if (const auto number = row.optional_int64(12)) vote.action_number = static_cast<int>(*number);
  return vote;
}

}  // namespace

Status SqliteStore::insert_evaluation(const domain::Case& owner, int entry_number,
                                      const domain::Evaluation& evaluation) {
  ASSIGN_OR_RETURN(const std::string sealed, seal_field(sealer_, owner, evaluation_record(entry_number), "content",
                                                        encode_evaluation_content(evaluation)));
  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO evaluations (case_id, entry_number, evaluated_by, evaluated_at, "
                               "established_pattern, urgency, content_sealed) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  TRY(insert.bind(1, owner.id)
          .bind(2, entry_number)
          .bind(3, evaluation.evaluated_by)
          .bind(4, evaluation.evaluated_at.seconds)
          .bind(5, evaluation.established_pattern ? 1 : 0)
          .bind(6, domain::to_string(evaluation.urgency))
          .bind_blob(7, sealed)
          .run());
  ASSIGN_OR_RETURN(Statement urgency, db_.prepare("UPDATE cases SET urgency = ? WHERE id = ?"));
  return urgency.bind(1, domain::to_string(evaluation.urgency)).bind(2, owner.id).run();
}

Result<std::optional<EvaluationRow>> SqliteStore::latest_evaluation(const domain::Case& owner) {
  ASSIGN_OR_RETURN(Statement select,
                   db_.prepare("SELECT entry_number, evaluated_by, evaluated_at, established_pattern, urgency, "
                               "content_sealed FROM evaluations WHERE case_id = ? ORDER BY entry_number DESC LIMIT 1"));
  select.bind(1, owner.id);
  ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<EvaluationRow>();
  EvaluationRow row;
  row.entry_number = static_cast<int>(select.int64(0));
  row.evaluation.evaluated_by = select.int64(1);
  row.evaluation.evaluated_at = Timestamp{select.int64(2)};
  row.evaluation.established_pattern = select.int64(3) != 0;
  row.evaluation.urgency = domain::parse_urgency(select.text(4)).value_or(domain::Urgency::Normal);
  ASSIGN_OR_RETURN(const std::string content,
                   open_field(sealer_, owner, evaluation_record(row.entry_number), "content", select.blob(5)));
  TRY(decode_evaluation_content(content, row.evaluation));
  return std::optional<EvaluationRow>(std::move(row));
}

Result<domain::PatternFacts> SqliteStore::pattern_facts(std::int64_t case_id) {
  domain::PatternFacts facts;
  {
    // The cases opened before this one that name its reported persons (by the parties'
    // person index): not those held in escrow, which exist for nobody, nor those linked
    // with this one, which are reports of the same incident.
    ASSIGN_OR_RETURN(
        Statement others,
        db_.prepare("SELECT COUNT(DISTINCT other.case_id), COUNT(DISTINCT CASE WHEN c.resolution_outcome = "
                    "'action-taken' THEN other.case_id END) FROM cases mine_case JOIN parties mine ON mine.case_id = "
                    "mine_case.id AND mine.role = 'reported' JOIN parties other ON other.person_id = mine.person_id "
                    "AND other.role = 'reported' AND other.case_id <> mine.case_id JOIN cases c ON c.id = "
                    "other.case_id AND c.escrowed = 0 AND (c.opened_at < mine_case.opened_at OR (c.opened_at = "
                    "mine_case.opened_at AND c.id < mine_case.id)) WHERE mine_case.id = ? "
                    "AND NOT EXISTS (SELECT 1 FROM case_links l WHERE (l.case_id = c.id AND l.primary_case_id = "
                    "mine_case.id) OR (l.case_id = mine_case.id AND l.primary_case_id = c.id))"));
    others.bind(1, case_id);
    ASSIGN_OR_RETURN(const bool found, others.step());
    if (found) {
      facts.earlier_reports = static_cast<int>(others.int64(0));
      facts.earlier_actions_taken = static_cast<int>(others.int64(1));
    }
  }
  ASSIGN_OR_RETURN(Statement flagged, db_.prepare("SELECT 1 FROM parties p JOIN persons r ON r.id = p.person_id "
                                                  "WHERE p.case_id = ? AND p.role = 'reported' AND r.flagged = 1"));
  flagged.bind(1, case_id);
  ASSIGN_OR_RETURN(facts.flagged, flagged.step());
  return facts;
}

Status SqliteStore::insert_response_step(std::int64_t case_id, int party_number, domain::ResponseStep step,
                                         int entry_number, std::int64_t recorded_by, Timestamp recorded_at) {
  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO response_steps (case_id, party_number, step, entry_number, recorded_by, "
                               "recorded_at) VALUES (?, ?, ?, ?, ?, ?)"));
  return insert.bind(1, case_id)
      .bind(2, party_number)
      .bind(3, domain::to_string(step))
      .bind(4, entry_number)
      .bind(5, recorded_by)
      .bind(6, recorded_at.seconds)
      .run();
}

Result<std::map<int, domain::ResponseFacts>> SqliteStore::load_response_facts(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT party_number, step, recorded_at FROM response_steps "
                                                 "WHERE case_id = ?"));
  select.bind(1, case_id);
  std::map<int, domain::ResponseFacts> facts;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) break;
    domain::ResponseFacts& of_party = facts[static_cast<int>(select.int64(0))];
    const Timestamp at{select.int64(2)};
    switch (domain::parse_response_step(select.text(1)).value_or(domain::ResponseStep::Told)) {
      case domain::ResponseStep::Told:
        of_party.told_at = at;
        break;
      case domain::ResponseStep::Responded:
        of_party.responded_at = at;
        break;
      case domain::ResponseStep::WaivedForSafety:
        of_party.waived_for_safety = true;
        break;
    }
  }
  return facts;
}

Result<int> SqliteStore::next_proposal_number(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement select,
                   db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM proposals WHERE case_id = ?"));
  select.bind(1, case_id);
  ASSIGN_OR_RETURN(const bool found, select.step());
  return found ? static_cast<int>(select.int64(0)) : 1;
}

Status SqliteStore::insert_proposal(const domain::Case& owner, int entry_number, const domain::Proposal& proposal) {
  ASSIGN_OR_RETURN(const std::string sealed, seal_field(sealer_, owner, proposal_record(proposal.number), "content",
                                                        encode_proposal_content(proposal)));
  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO proposals (case_id, number, reported_party, resolution, ladder_rank, "
                               "duration_days, review_on, proposed_by, proposed_at, entry_number, status, "
                               "content_sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  std::optional<std::int64_t> review_on;
  if (proposal.review_on) review_on = proposal.review_on->days;
  return insert.bind(1, owner.id)
      .bind(2, proposal.number)
      .bind(3, proposal.reported_party)
      .bind(4, proposal.resolution)
      .bind(5, proposal.ladder_rank)
      .bind(6, proposal.duration_days)
      .bind(7, review_on)
      .bind(8, proposal.proposed_by)
      .bind(9, proposal.proposed_at.seconds)
      .bind(10, entry_number)
      .bind(11, domain::to_string(proposal.status))
      .bind_blob(12, sealed)
      .run();
}

Result<std::vector<domain::Proposal>> SqliteStore::list_proposals(const domain::Case& owner) {
  ASSIGN_OR_RETURN(Statement select,
                   db_.prepare("SELECT number, reported_party, resolution, ladder_rank, duration_days, review_on, "
                               "proposed_by, proposed_at, status, content_sealed FROM proposals WHERE case_id = ? "
                               "ORDER BY number"));
  select.bind(1, owner.id);
  std::vector<domain::Proposal> proposals;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) break;
    domain::Proposal proposal;
    proposal.number = static_cast<int>(select.int64(0));
    proposal.reported_party = static_cast<int>(select.int64(1));
    proposal.resolution = select.text(2);
    if (const auto rank = select.optional_int64(3)) proposal.ladder_rank = static_cast<int>(*rank);
    if (const auto days = select.optional_int64(4)) proposal.duration_days = static_cast<int>(*days);
    if (const auto review = select.optional_int64(5)) proposal.review_on = Date{static_cast<std::int32_t>(*review)};
    proposal.proposed_by = select.int64(6);
    proposal.proposed_at = Timestamp{select.int64(7)};
    const auto status = domain::parse_proposal_status(select.text(8));
    if (!status) return internal_error("a stored proposal has an unknown status");
    proposal.status = *status;
    ASSIGN_OR_RETURN(const std::string content,
                     open_field(sealer_, owner, proposal_record(proposal.number), "content", select.blob(9)));
    TRY(decode_proposal_content(content, proposal));
    proposals.push_back(std::move(proposal));
  }
  return proposals;
}

Status SqliteStore::set_proposal_status(std::int64_t case_id, int number, domain::ProposalStatus status) {
  ASSIGN_OR_RETURN(Statement update, db_.prepare("UPDATE proposals SET status = ? WHERE case_id = ? AND number = ? "
                                                 "RETURNING 1"));
  update.bind(1, domain::to_string(status)).bind(2, case_id).bind(3, number);
  ASSIGN_OR_RETURN(const std::int64_t changed, update.count_rows());
  if (changed == 0) return not_found("no such proposal");
  return ok_status();
}

Result<std::optional<int>> SqliteStore::proposal_in_status(std::int64_t case_id, domain::ProposalStatus status) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT MIN(number) FROM proposals WHERE case_id = ? AND status = ?"));
  select.bind(1, case_id).bind(2, domain::to_string(status));
  ASSIGN_OR_RETURN(const bool found, select.step());
  std::optional<int> number;
  if (found)
    if (const auto min = select.optional_int64(0)) number = static_cast<int>(*min);
  return number;
}

Result<int> SqliteStore::next_action_number(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement select,
                   db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM unilateral_actions WHERE case_id = ?"));
  select.bind(1, case_id);
  ASSIGN_OR_RETURN(const bool found, select.step());
  return found ? static_cast<int>(select.int64(0)) : 1;
}

Status SqliteStore::insert_action(const domain::Case& owner, int entry_number, const domain::UnilateralAction& action) {
  ASSIGN_OR_RETURN(const std::string sealed,
                   seal_field(sealer_, owner, action_record(action.number), "content", encode_action_content(action)));
  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO unilateral_actions (case_id, number, revises, situation, status, taken_by, "
                               "taken_at, recorded_at, report_due, reported_at, entry_number, content_sealed) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  std::optional<std::int64_t> reported_at;
  if (action.reported_at) reported_at = action.reported_at->seconds;
  return insert.bind(1, owner.id)
      .bind(2, action.number)
      .bind(3, action.revises)
      .bind(4, domain::to_string(action.situation))
      .bind(5, domain::to_string(action.status))
      .bind(6, action.taken_by)
      .bind(7, action.taken_at.seconds)
      .bind(8, action.recorded_at.seconds)
      .bind(9, action.report_due.seconds)
      .bind(10, reported_at)
      .bind(11, entry_number)
      .bind_blob(12, sealed)
      .run();
}

Result<std::vector<domain::UnilateralAction>> SqliteStore::list_actions(const domain::Case& owner) {
  ASSIGN_OR_RETURN(Statement select,
                   db_.prepare("SELECT number, revises, situation, status, taken_by, taken_at, recorded_at, "
                               "report_due, reported_at, content_sealed FROM unilateral_actions WHERE case_id = ? "
                               "ORDER BY number"));
  select.bind(1, owner.id);
  std::vector<domain::UnilateralAction> actions;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) break;
    domain::UnilateralAction action;
    action.number = static_cast<int>(select.int64(0));
    if (const auto revises = select.optional_int64(1)) action.revises = static_cast<int>(*revises);
    const auto situation = domain::parse_action_situation(select.text(2));
    const auto status = domain::parse_action_status(select.text(3));
    if (!situation || !status) return internal_error("a stored action has an unknown situation or status");
    action.situation = *situation;
    action.status = *status;
    action.taken_by = select.int64(4);
    action.taken_at = Timestamp{select.int64(5)};
    action.recorded_at = Timestamp{select.int64(6)};
    action.report_due = Timestamp{select.int64(7)};
    if (const auto reported = select.optional_int64(8)) action.reported_at = Timestamp{*reported};
    ASSIGN_OR_RETURN(const std::string content,
                     open_field(sealer_, owner, action_record(action.number), "content", select.blob(9)));
    TRY(decode_action_content(content, action));
    actions.push_back(std::move(action));
  }
  return actions;
}

Status SqliteStore::set_action_status(std::int64_t case_id, int number, domain::ActionStatus status,
                                      std::optional<Timestamp> reported_at) {
  ASSIGN_OR_RETURN(Statement update,
                   db_.prepare("UPDATE unilateral_actions SET status = ?, reported_at = COALESCE(?, reported_at) "
                               "WHERE case_id = ? AND number = ? RETURNING 1"));
  std::optional<std::int64_t> reported;
  if (reported_at) reported = reported_at->seconds;
  update.bind(1, domain::to_string(status)).bind(2, reported).bind(3, case_id).bind(4, number);
  ASSIGN_OR_RETURN(const std::int64_t changed, update.count_rows());
  if (changed == 0) return not_found("no such action");
  return ok_status();
}

Result<std::int64_t> SqliteStore::insert_vote(const domain::Vote& vote) {
  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO votes (community_id, matter, case_id, proposal_number, ladder_rank, "
                               "proposer_id, opened_at, closes_at, action_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                               "RETURNING id"));
  insert.bind(1, vote.community_id)
      .bind(2, domain::to_string(vote.matter))
      .bind(3, vote.case_id)
      .bind(4, vote.proposal_number)
      .bind(5, vote.ladder_rank)
      .bind(6, vote.proposer_id)
      .bind(7, vote.opened_at.seconds)
      .bind(8, vote.closes_at.seconds)
      .bind(9, vote.action_number);
  ASSIGN_OR_RETURN(const bool inserted, insert.step());
  if (!inserted) return internal_error("the vote was not inserted");
  return insert.int64(0);
}

Result<std::vector<domain::Vote>> SqliteStore::votes_of_case(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT " + std::string(kVoteColumns) +
                                                 " FROM votes WHERE case_id = ? ORDER BY proposal_number, id"));
  select.bind(1, case_id);
  std::vector<domain::Vote> votes;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) break;
    ASSIGN_OR_RETURN(domain::Vote vote, read_vote(select));
    votes.push_back(std::move(vote));
  }
  return votes;
}

Status SqliteStore::close_vote(std::int64_t vote_id, const domain::VoteCount& count, Timestamp closed_at) {
  ASSIGN_OR_RETURN(Statement update, db_.prepare("UPDATE votes SET outcome = ?, arithmetic = ?, closed_at = ? "
                                                 "WHERE id = ? AND closed_at IS NULL RETURNING 1"));
  update.bind(1, domain::to_string(count.outcome))
      .bind(2, count.arithmetic)
      .bind(3, closed_at.seconds)
      .bind(4, vote_id);
  ASSIGN_OR_RETURN(const std::int64_t changed, update.count_rows());
  if (changed == 0) return failed_precondition("the vote has closed already");
  return ok_status();
}

Status SqliteStore::insert_feedback_asked(std::int64_t case_id, int proposal_number, int party_number,
                                          domain::FeedbackChannel channel, std::int64_t asked_by, Timestamp asked_at) {
  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO feedback_requests (case_id, proposal_number, party_number, channel, "
                               "asked_at, asked_by) VALUES (?, ?, ?, ?, ?, ?)"));
  return insert.bind(1, case_id)
      .bind(2, proposal_number)
      .bind(3, party_number)
      .bind(4, domain::to_string(channel))
      .bind(5, asked_at.seconds)
      .bind(6, asked_by)
      .run();
}

Status SqliteStore::record_feedback_answer(std::int64_t case_id, int proposal_number, int party_number,
                                           std::int64_t recorded_by, Timestamp answered_at) {
  ASSIGN_OR_RETURN(Statement update,
                   db_.prepare("UPDATE feedback_requests SET answered_at = ?, answer_recorded_by = ? WHERE case_id = ? "
                               "AND proposal_number = ? AND party_number = ? AND answered_at IS NULL RETURNING 1"));
  update.bind(1, answered_at.seconds)
      .bind(2, recorded_by)
      .bind(3, case_id)
      .bind(4, proposal_number)
      .bind(5, party_number);
  ASSIGN_OR_RETURN(const std::int64_t changed, update.count_rows());
  if (changed == 0) return failed_precondition("the person was not asked, or their answer is recorded already");
  return ok_status();
}

Result<std::vector<domain::FeedbackFacts>> SqliteStore::load_feedback(std::int64_t case_id, int proposal_number) {
  ASSIGN_OR_RETURN(Statement select,
                   db_.prepare("SELECT party_number, channel, asked_at, answered_at FROM feedback_requests WHERE "
                               "case_id = ? AND proposal_number = ? ORDER BY party_number"));
  select.bind(1, case_id).bind(2, proposal_number);
  return collect_rows(select, [](const Statement& row) {
    domain::FeedbackFacts facts;
    facts.party_number = static_cast<int>(row.int64(0));
    facts.channel = domain::parse_feedback_channel(row.text(1));
    facts.asked_at = Timestamp{row.int64(2)};
    if (const auto answered = row.optional_int64(3)) facts.answered_at = Timestamp{*answered};
    return facts;
  });
}

Status SqliteStore::cast_ballot(const domain::Case& owner, std::int64_t vote_id, std::int64_t member_id,
                                domain::Ballot ballot, Timestamp cast_at) {
  ASSIGN_OR_RETURN(const std::string sealed,
                   seal_field(sealer_, owner, ballot_record(vote_id, member_id), "ballot", domain::to_string(ballot)));
  ASSIGN_OR_RETURN(Statement upsert,
                   db_.prepare("INSERT INTO ballots (vote_id, member_id, cast_at, ballot_sealed) VALUES (?, ?, ?, ?) "
                               "ON CONFLICT (vote_id, member_id) DO UPDATE SET cast_at = excluded.cast_at, "
                               "ballot_sealed = excluded.ballot_sealed"));
  return upsert.bind(1, vote_id).bind(2, member_id).bind(3, cast_at.seconds).bind_blob(4, sealed).run();
}

Result<std::map<std::int64_t, domain::Ballot>> SqliteStore::load_ballots(const domain::Case& owner,
                                                                         std::int64_t vote_id) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT member_id, ballot_sealed FROM ballots WHERE vote_id = ?"));
  select.bind(1, vote_id);
  std::map<std::int64_t, domain::Ballot> ballots;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) break;
    const std::int64_t member_id = select.int64(0);
    ASSIGN_OR_RETURN(const std::string opened,
                     open_field(sealer_, owner, ballot_record(vote_id, member_id), "ballot", select.blob(1)));
    const auto ballot = domain::parse_ballot(opened);
    if (!ballot) return internal_error("a stored ballot does not read");
    ballots[member_id] = *ballot;
  }
  return ballots;
}

}  // namespace conduct::store::sqlite
