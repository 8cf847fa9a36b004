// The Store conformance suite for retention (store.h "Retention"): the facts the rule
// reads, legal holds, and expunging a case, on every backend. A backend joins with:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Memory, RetentionConformance, MemoryBackend);
#pragma once

#include "evidence_conformance.h"
#include "store_conformance.h"

namespace conduct::store::conformance {

inline domain::CaseStatistics sample_statistics(std::int64_t community_id) {
  domain::CaseStatistics row;
  row.community_id = community_id;
  row.period = "2024-01";
  row.space_kind = domain::SpaceKind::Event;
  row.categories = {domain::ViolationCategory::Harassment, domain::ViolationCategory::Retaliation};
  row.people_named = 2;
  row.resolution_source = domain::ResolutionSource::Board;
  row.consequence_levels = {"warning"};
  row.flagged = true;
  row.escalated = true;
  row.days_to_acknowledge = 1;
  row.days_to_resolve = 49;
  return row;
}

inline void expect_same_statistics(const domain::CaseStatistics& actual, const domain::CaseStatistics& expected) {
  EXPECT_EQ(actual.community_id, expected.community_id);
  EXPECT_EQ(actual.period, expected.period);
  EXPECT_EQ(actual.space_kind, expected.space_kind);
  EXPECT_EQ(actual.categories, expected.categories);
  EXPECT_EQ(actual.people_named, expected.people_named);
  EXPECT_EQ(actual.resolution_source, expected.resolution_source);
  EXPECT_EQ(actual.consequence_levels, expected.consequence_levels);
  EXPECT_EQ(actual.flagged, expected.flagged);
  EXPECT_EQ(actual.escalated, expected.escalated);
  EXPECT_EQ(actual.days_to_acknowledge, expected.days_to_acknowledge);
  EXPECT_EQ(actual.days_to_resolve, expected.days_to_resolve);
}

template <typename Backend>
class RetentionConformance : public StoreConformance<Backend> {
 protected:
  void SetUp() override {
    StoreConformance<Backend>::SetUp();
    community_ = must(this->store().insert_community(sample_community("tidewater")));
    chair_ = must(this->store().insert_member(sample_member(community_, "sam@example.org")));
  }

  // A case with a bit of everything: two reports, a reported person (person record
  // `person`) and a witness, a transition, a note, an evidence file with two chunks,
  // key wraps for the chair and the recovery key, and every relation to the chair.
  domain::Case full_case(const std::string& code_name, std::int64_t person) {
    Store& store = this->store();
    domain::Case summary = sample_case(community_, code_name);
    summary.categories = {domain::ViolationCategory::Harassment};
    summary = this->add_case(summary);
    domain::TimelineEntry report_entry = sample_entry(1, "what happened");
    report_entry.kind = domain::EntryKind::Report;
    must(store.append_entry(summary, report_entry));
    must(store.insert_report(summary, sample_report(1), 1));
    domain::TimelineEntry second_entry = sample_entry(2, "and later");
    second_entry.kind = domain::EntryKind::Report;
    must(store.append_entry(summary, second_entry));
    domain::Report second = sample_report(2);
    second.received_at = Timestamp{1'700'900'000};
    must(store.insert_report(summary, second, 2));
    domain::TimelineEntry transition = sample_entry(3, "confirmed receipt");
    transition.kind = domain::EntryKind::Transition;
    transition.from_state = domain::CaseState::Received;
    transition.to_state = domain::CaseState::Acknowledged;
    must(store.append_entry(summary, transition));
    must(store.insert_party(summary, sample_party(1, domain::PartyRole::ReportedPerson, person),
                            PartyIndexes{binary("contact"), binary("name"), ""}));
    must(store.insert_party(summary, sample_party(2, domain::PartyRole::Witness), PartyIndexes{}));
    must(store.insert_evidence(summary, EvidenceRow{sample_evidence(1, chair_), sample_file_key(1)}));
    must(store.insert_evidence_chunk(summary, 1, 0, binary("chunk 0")));
    must(store.insert_evidence_chunk(summary, 1, 1, binary("chunk 1")));
    must(store.save_case_key_wrap(CaseKeyWrapRow{summary.id, 1, chair_, binary("public"), binary("wrap"), {}}));
    must(store.save_case_key_wrap(CaseKeyWrapRow{summary.id, 1, std::nullopt, binary("recovery"), binary("wrap"), {}}));
    domain::Exclusion exclusion;
    exclusion.case_id = summary.id;
    exclusion.member_id = chair_;
    exclusion.reason = domain::ExclusionReason::Declared;
    exclusion.note = "a note";
    must(store.insert_exclusion(summary, exclusion));
    must(store.insert_possible_conflict(domain::PossibleConflict{summary.id, chair_, Timestamp{1}}));
    domain::Screening screening;
    screening.case_id = summary.id;
    screening.member_id = chair_;
    must(store.insert_screening(screening));
    must(store.insert_invitation(domain::Invitation{summary.id, chair_, chair_, Timestamp{1}}));
    domain::OversightGrant grant;
    grant.case_id = summary.id;
    grant.member_id = chair_;
    grant.reason = "a reason";
    grant.days = 7;
    must(store.insert_oversight_grant(summary, grant));
    return summary;
  }

  std::int64_t community_ = 0;
  std::int64_t chair_ = 0;
};

TYPED_TEST_SUITE_P(RetentionConformance);

TYPED_TEST_P(RetentionConformance, FactsHoldThePlainColumnsOfTheCasesARunDecidesOnInIdOrder) {
  Store& store = this->store();
  domain::Person flagged = sample_person(this->community_, "Blue Jay");
  flagged.flagged = true;
  const std::int64_t person = must(store.insert_person(flagged));
  const domain::Case first = this->full_case("home shelf", person);
  domain::Case resolved = sample_case(this->community_, "blue kettle", 1'700'000'500, domain::CaseState::Resolved);
  resolved.space_key = "forum";
  resolved.resolution = domain::Resolution{domain::ResolutionSource::Local, domain::ResolutionOutcome::OutOfScope,
                                           Timestamp{1'700'600'000}};
  resolved = this->add_case(resolved);
  const std::int64_t other = must(store.insert_community(sample_community("elsewhere")));
  this->add_case(sample_case(other, "far away"));
  // An open case reporting nobody a resolved case reports cannot come due: not read.
  this->add_case(sample_case(this->community_, "quiet lane"));
  // A resolved case reporting the person `first` reports: `first` is read with it,
  // since a later report on that person restarts a minor incident's clock.
  domain::Case later = sample_case(this->community_, "grey harbour", 1'700'000'900, domain::CaseState::Resolved);
  later.resolution = domain::Resolution{domain::ResolutionSource::Local, domain::ResolutionOutcome::NoAction,
                                        Timestamp{1'700'700'000}};
  later = this->add_case(later);
  must(store.insert_party(later, sample_party(1, domain::PartyRole::ReportedPerson, person), PartyIndexes{}));

  const std::vector<domain::CaseRetentionFacts> facts = must(store.load_retention_facts(this->community_));
  ASSERT_EQ(facts.size(), 3u);
  EXPECT_EQ(facts[2].case_id, later.id);
  EXPECT_EQ(facts[0].case_id, first.id);
  EXPECT_EQ(facts[0].community_id, this->community_);
  EXPECT_EQ(facts[0].code_name, "home shelf");
  EXPECT_EQ(facts[0].state, domain::CaseState::Received);
  EXPECT_FALSE(facts[0].resolution.has_value());
  EXPECT_EQ(facts[0].opened_at, first.opened_at);
  EXPECT_FALSE(facts[0].legal_hold.has_value());
  EXPECT_EQ(facts[0].reported_person_ids, std::vector<std::int64_t>{person});
  EXPECT_EQ(facts[0].reports_received, (std::vector<Timestamp>{Timestamp{1'700'004'001}, Timestamp{1'700'900'000}}));
  EXPECT_EQ(facts[0].categories, std::vector<domain::ViolationCategory>{domain::ViolationCategory::Harassment});
  EXPECT_EQ(facts[0].people_named, 1);
  EXPECT_TRUE(facts[0].reported_person_flagged);
  ASSERT_EQ(facts[0].transitions.size(), 1u);
  EXPECT_EQ(facts[0].transitions[0].from, domain::CaseState::Received);
  EXPECT_EQ(facts[0].transitions[0].to, domain::CaseState::Acknowledged);
  EXPECT_EQ(facts[0].transitions[0].at, Timestamp{1'700'003'003});

  EXPECT_EQ(facts[1].code_name, "blue kettle");
  EXPECT_EQ(facts[1].space_key, "forum");
  ASSERT_TRUE(facts[1].resolution.has_value());
  EXPECT_EQ(facts[1].resolution->outcome, domain::ResolutionOutcome::OutOfScope);
  EXPECT_EQ(facts[1].resolution->resolved_at, Timestamp{1'700'600'000});
  EXPECT_EQ(facts[1].people_named, 0);
  EXPECT_TRUE(facts[1].reports_received.empty());
}

TYPED_TEST_P(RetentionConformance, FactsAroundACaseAreItsOwnAndThoseOfItsReportedPersonsOtherCases) {
  Store& store = this->store();
  const std::int64_t shared = must(store.insert_person(sample_person(this->community_, "Blue Jay")));
  const std::int64_t alone = must(store.insert_person(sample_person(this->community_, "Red Fox")));
  const auto reported_in = [&](const char* code_name, std::int64_t person) {
    const domain::Case summary = this->add_case(sample_case(this->community_, code_name));
    must(store.insert_party(summary, sample_party(1, domain::PartyRole::ReportedPerson, person), PartyIndexes{}));
    return summary;
  };
  const domain::Case first = reported_in("home shelf", shared);
  const domain::Case unrelated = reported_in("blue kettle", alone);
  const domain::Case later = reported_in("grey harbour", shared);
  // Named in the same case, but as a witness: not a report on the person.
  const domain::Case witnessed = this->add_case(sample_case(this->community_, "quiet lane"));
  must(store.insert_party(witnessed, sample_party(1, domain::PartyRole::Witness, shared), PartyIndexes{}));

  const std::vector<domain::CaseRetentionFacts> around = must(store.load_retention_facts_around(first.id));
  ASSERT_EQ(around.size(), 2u);
  EXPECT_EQ(around[0].case_id, first.id);
  EXPECT_EQ(around[1].case_id, later.id);
  EXPECT_EQ(around[1].reported_person_ids, std::vector<std::int64_t>{shared});
  const std::vector<domain::CaseRetentionFacts> lone = must(store.load_retention_facts_around(unrelated.id));
  ASSERT_EQ(lone.size(), 1u);
  EXPECT_EQ(lone[0].case_id, unrelated.id);
  EXPECT_TRUE(must(store.load_retention_facts_around(987654)).empty());
}

TYPED_TEST_P(RetentionConformance, UpdatingTheStateRecordsTheResolutionTime) {
  Store& store = this->store();
  const domain::Case summary = this->add_case(sample_case(this->community_, "home shelf"));
  must(store.update_case_state(summary, domain::CaseState::Resolved,
                               domain::Resolution{domain::ResolutionSource::Group, domain::ResolutionOutcome::NoAction,
                                                  Timestamp{1'800'000'000}},
                               Timestamp{1'800'000'000}));
  const domain::Case found = must(store.find_case(this->community_, "home shelf"));
  ASSERT_TRUE(found.resolution.has_value());
  EXPECT_EQ(found.resolution->resolved_at, Timestamp{1'800'000'000});
  const std::vector<domain::CaseRetentionFacts> facts = must(store.load_retention_facts(this->community_));
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].resolution->resolved_at, Timestamp{1'800'000'000});
}

TYPED_TEST_P(RetentionConformance, LegalHoldsArePlacedFoundAndLifted) {
  Store& store = this->store();
  const domain::Case summary = this->add_case(sample_case(this->community_, "home shelf"));
  EXPECT_EQ(must(store.find_legal_hold(summary.id)), std::nullopt);
  must(store.save_legal_hold(summary.id, domain::LegalHold{Timestamp{1'800'000'000}, this->chair_}));
  const std::optional<domain::LegalHold> hold = must(store.find_legal_hold(summary.id));
  ASSERT_TRUE(hold.has_value());
  EXPECT_EQ(hold->since, Timestamp{1'800'000'000});
  EXPECT_EQ(hold->placed_by, this->chair_);
  const std::vector<domain::CaseRetentionFacts> facts = must(store.load_retention_facts_around(summary.id));
  ASSERT_TRUE(facts.at(0).legal_hold.has_value());
  EXPECT_EQ(facts[0].legal_hold->placed_by, this->chair_);
  must(store.save_legal_hold(summary.id, std::nullopt));
  EXPECT_EQ(must(store.find_legal_hold(summary.id)), std::nullopt);

  EXPECT_TRUE(FailsWith(store.find_legal_hold(summary.id + 100), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.save_legal_hold(summary.id + 100, std::nullopt), ErrorCode::NotFound));
}

TYPED_TEST_P(RetentionConformance, ExpungingDeletesEveryRowOfTheCaseAndKeepsTheStatistics) {
  Store& store = this->store();
  const std::int64_t person = must(store.insert_person(sample_person(this->community_, "Blue Jay")));
  const domain::Case doomed = this->full_case("home shelf", person);
  const std::int64_t kept_person = must(store.insert_person(sample_person(this->community_, "Red Kite")));
  const domain::Case kept = this->full_case("blue kettle", kept_person);
  must(store.save_legal_hold(doomed.id, domain::LegalHold{Timestamp{1}, this->chair_}));

  must(store.in_transaction([&] { return store.expunge_case(doomed.id, sample_statistics(this->community_)); }));
  must(store.purge_deleted_content());

  EXPECT_TRUE(FailsWith(store.find_case(this->community_, "home shelf"), ErrorCode::NotFound));
  EXPECT_EQ(code_names_of(must(store.list_cases(this->community_, every_case()))),
            std::vector<std::string>{"blue kettle"});
  EXPECT_TRUE(FailsWith(store.load_case_record(doomed), ErrorCode::NotFound));
  EXPECT_TRUE(must(store.case_key_wraps(doomed.id)).empty());
  EXPECT_TRUE(FailsWith(store.find_case_key_state(doomed.id), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_legal_hold(doomed.id), ErrorCode::NotFound));
  EXPECT_TRUE(must(store.evidence_chunks(doomed, 1)).empty());
  EXPECT_TRUE(FailsWith(store.find_evidence(doomed, 1), ErrorCode::NotFound));
  EXPECT_TRUE(must(store.list_evidence(doomed)).empty());
  EXPECT_TRUE(must(store.oversight_grants_of_case(doomed)).empty());
  EXPECT_EQ(must(store.next_entry_number(doomed)), 1);
  for (const PartyIndexRow& row : must(store.list_party_indexes(this->community_))) EXPECT_EQ(row.case_id, kept.id);
  const domain::AccessFacts access = must(store.load_access_facts(this->community_));
  for (const auto& row : access.exclusions) EXPECT_EQ(row.case_id, kept.id);
  for (const auto& row : access.possible_conflicts) EXPECT_EQ(row.case_id, kept.id);
  for (const auto& row : access.screenings) EXPECT_EQ(row.case_id, kept.id);
  for (const auto& row : access.invitations) EXPECT_EQ(row.case_id, kept.id);
  for (const auto& row : access.grants) EXPECT_EQ(row.case_id, kept.id);
  EXPECT_EQ(access.exclusions.size(), 1u);
  EXPECT_EQ(access.grants.size(), 1u);
  // The person record the case alone named goes with it; the other stays.
  EXPECT_TRUE(FailsWith(store.find_person(this->community_, "Blue Jay"), ErrorCode::NotFound));
  EXPECT_EQ(must(store.find_person(this->community_, "Red Kite")).case_count, 1);

  // The other case is whole.
  const domain::CaseRecord record = must(store.load_case_record(kept));
  EXPECT_EQ(record.timeline.size(), 3u);
  EXPECT_EQ(record.reports.size(), 2u);
  EXPECT_EQ(record.parties.size(), 2u);
  EXPECT_EQ(must(store.case_key_wraps(kept.id)).size(), 2u);
  EXPECT_EQ(must(store.evidence_chunks(kept, 1)).size(), 2u);

  const std::vector<domain::CaseStatistics> rows = must(store.list_case_statistics(this->community_));
  ASSERT_EQ(rows.size(), 1u);
  expect_same_statistics(rows[0], sample_statistics(this->community_));
  EXPECT_TRUE(must(store.list_case_statistics(this->community_ + 100)).empty());
}

TYPED_TEST_P(RetentionConformance, PersonRecordsThatAreFlaggedBannedOrStillNamedStay) {
  Store& store = this->store();
  domain::Person flagged = sample_person(this->community_, "Blue Jay");
  flagged.flagged = true;
  domain::Person banned = sample_person(this->community_, "Red Kite");
  banned.banned_permanently = true;
  domain::Person suspended = sample_person(this->community_, "Grey Heron");
  suspended.banned_until = Date{20'000};
  const std::int64_t shared = must(store.insert_person(sample_person(this->community_, "Green Finch")));
  std::vector<domain::Case> doomed;
  for (const domain::Person& person : {flagged, banned, suspended}) {
    const std::int64_t id = must(store.insert_person(person));
    doomed.push_back(this->full_case("case of " + person.code_name, id));
  }
  doomed.push_back(this->full_case("shared one", shared));
  this->full_case("shared two", shared);

  for (const domain::Case& summary : doomed)
    must(store.in_transaction([&] { return store.expunge_case(summary.id, sample_statistics(this->community_)); }));

  for (const char* name : {"Blue Jay", "Red Kite", "Grey Heron", "Green Finch"})
    EXPECT_TRUE(store.find_person(this->community_, name).ok()) << name;
  EXPECT_EQ(must(store.find_person(this->community_, "Blue Jay")).case_count, 0);
  EXPECT_EQ(must(store.find_person(this->community_, "Green Finch")).case_count, 1);
  EXPECT_EQ(must(store.list_case_statistics(this->community_)).size(), 4u);
}

TYPED_TEST_P(RetentionConformance, ExpungingAMissingCaseIsNotFoundAndChangesNothing) {
  Store& store = this->store();
  const domain::Case summary = this->add_case(sample_case(this->community_, "home shelf"));
  const Status status =
      store.in_transaction([&] { return store.expunge_case(summary.id + 100, sample_statistics(this->community_)); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::NotFound);
  EXPECT_TRUE(store.find_case(this->community_, "home shelf").ok());
  EXPECT_TRUE(must(store.list_case_statistics(this->community_)).empty());
}

TYPED_TEST_P(RetentionConformance, AnExpungeRollsBackWithAFailedTransaction) {
  Store& store = this->store();
  const std::int64_t person = must(store.insert_person(sample_person(this->community_, "Blue Jay")));
  const domain::Case summary = this->full_case("home shelf", person);
  const Status status = store.in_transaction([&]() -> Status {
    TRY(store.expunge_case(summary.id, sample_statistics(this->community_)));
    return internal_error("a later step failed");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::Internal);
  EXPECT_EQ(status.error().message, "a later step failed");
  EXPECT_TRUE(store.find_case(this->community_, "home shelf").ok());
  EXPECT_EQ(must(store.load_case_record(summary)).timeline.size(), 3u);
  EXPECT_EQ(must(store.case_key_wraps(summary.id)).size(), 2u);
  EXPECT_EQ(must(store.evidence_chunks(summary, 1)).size(), 2u);
  EXPECT_TRUE(store.find_person(this->community_, "Blue Jay").ok());
  EXPECT_TRUE(must(store.list_case_statistics(this->community_)).empty());
}

TYPED_TEST_P(RetentionConformance, NewRowsAfterAnExpungeGetFreshIdsAndWork) {
  Store& store = this->store();
  const std::int64_t person = must(store.insert_person(sample_person(this->community_, "Blue Jay")));
  const domain::Case first = this->full_case("home shelf", person);
  const domain::Case second = this->full_case("blue kettle", person);
  must(store.in_transaction([&] { return store.expunge_case(first.id, sample_statistics(this->community_)); }));
  const domain::Case third = this->full_case("red lantern", person);
  EXPECT_NE(third.id, second.id);
  EXPECT_EQ(must(store.load_case_record(third)).parties.size(), 2u);
  EXPECT_EQ(must(store.load_case_record(second)).parties.size(), 2u);
  EXPECT_EQ(must(store.find_person(this->community_, "Blue Jay")).case_count, 2);
  EXPECT_EQ(must(store.find_case_key_state(third.id)).current_version, 1u);
}

TYPED_TEST_P(RetentionConformance, PurgingOutsideATransactionSucceedsAndInsideFails) {
  Store& store = this->store();
  must(store.purge_deleted_content());
  const Status inside = store.in_transaction([&] { return store.purge_deleted_content(); });
  ASSERT_FALSE(inside.ok());
  EXPECT_EQ(inside.error().code, ErrorCode::Internal);
  EXPECT_EQ(inside.error().message, "the WAL cannot be truncated inside a transaction");
}

// clang-format off
REGISTER_TYPED_TEST_SUITE_P(
    RetentionConformance,
    FactsHoldThePlainColumnsOfTheCasesARunDecidesOnInIdOrder,
    FactsAroundACaseAreItsOwnAndThoseOfItsReportedPersonsOtherCases,
    UpdatingTheStateRecordsTheResolutionTime,
    LegalHoldsArePlacedFoundAndLifted,
    ExpungingDeletesEveryRowOfTheCaseAndKeepsTheStatistics,
    PersonRecordsThatAreFlaggedBannedOrStillNamedStay,
    ExpungingAMissingCaseIsNotFoundAndChangesNothing,
    AnExpungeRollsBackWithAFailedTransaction,
    NewRowsAfterAnExpungeGetFreshIdsAndWork,
    PurgingOutsideATransactionSucceedsAndInsideFails);
// clang-format on

}  // namespace conduct::store::conformance
