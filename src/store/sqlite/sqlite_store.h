// The embedded SQLite backend of Store: one database file in WAL mode with
// synchronous=FULL, foreign keys on and migrations applied when it opens.
#pragma once

#include <memory>
#include <string>

#include "crypto/audit_chain.h"
#include "crypto/sealer.h"
#include "store/digesting_sealer.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace conduct::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens or creates the database at `path` and, unless `schema` says AsStored,
  // migrates it to the latest schema. `sealer` must outlive the store.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, crypto::Sealer& sealer,
                                                   Schema schema = Schema::Migrate);

  Status in_transaction(const std::function<Status()>& work) override;
  void release_memory() override;
  StorageHealth storage_health() override;

  Status insert_reporter_thread(const domain::Case& owner, const ReporterThreadRow& row) override;
  Result<std::optional<ReporterThreadRow>> find_thread_by_receipt(const std::string& receipt_id) override;
  Result<std::optional<ReporterThreadRow>> find_thread_by_case(std::int64_t case_id) override;
  Result<std::optional<ReporterThreadRow>> load_thread(const domain::Case& owner) override;
  Result<bool> receipt_id_taken(const std::string& receipt_id) override;
  Result<bool> set_thread_inbox(std::int64_t case_id, const std::string& inbox_public,
                                const std::string& inbox_secret_sealed) override;
  Result<int> next_thread_message_number(std::int64_t case_id) override;
  Status append_thread_message(const ThreadMessageRow& row) override;
  Result<std::vector<ThreadMessageRow>> list_thread_messages(std::int64_t case_id) override;
  Status insert_portal_session(const PortalSessionRow& row) override;
  Result<std::optional<PortalSessionRow>> find_portal_session(const std::string& lookup_id) override;
  Status touch_portal_session(const std::string& lookup_id, Timestamp seen_at) override;
  Status delete_portal_session(const std::string& lookup_id) override;
  Result<std::int64_t> prune_portal_sessions(Timestamp seen_before) override;
  Result<std::int64_t> enqueue_mail(const QueuedMailRow& row) override;
  Result<std::vector<QueuedMailRow>> due_mail(Timestamp now, std::size_t limit) override;
  Status mark_mail_handing_over(std::int64_t id, Timestamp since) override;
  Status mark_mail_sent(std::int64_t id, Timestamp sent_at) override;
  Status mark_mail_attempt(std::int64_t id, int attempts, Timestamp next_attempt_at, bool failed,
                           const std::string& error) override;
  Result<std::optional<Timestamp>> last_audit_head_mail() override;
  Result<std::vector<QueuedMailRow>> mail_of_case(std::int64_t case_id) override;
  Result<std::vector<QueuedMailRow>> mail_needing_attention(std::int64_t community_id, std::size_t limit) override;
  Result<int> next_draft_number(std::int64_t case_id) override;
  Status insert_draft(const domain::Case& owner, const domain::Draft& draft) override;
  Result<std::vector<domain::Draft>> list_drafts(const domain::Case& owner) override;
  Status decide_draft(std::int64_t case_id, int number, domain::DraftStatus status, std::int64_t member_id,
                      Timestamp decided_at) override;
  Status record_mail_thread(const std::string& blind, std::int64_t case_id, const std::string& kind) override;
  Result<std::optional<std::int64_t>> find_mail_thread(const std::string& blind) override;
  Result<std::int64_t> insert_quarantined_mail(const QuarantinedMailRow& row,
                                               const std::vector<QuarantineWrapRow>& wraps) override;
  Result<bool> quarantine_holds(const std::string& message_blind) override;
  Result<std::vector<QuarantinedMailRow>> waiting_quarantine(std::int64_t community_id, std::size_t limit) override;
  Result<std::optional<QuarantinedMailRow>> find_quarantined_mail(std::int64_t id) override;
  Result<std::vector<QuarantineWrapRow>> quarantine_wraps(std::int64_t id) override;
  Status decide_quarantined_mail(std::int64_t id, QuarantineStatus status, std::int64_t member_id, Timestamp decided_at,
                                 std::optional<std::int64_t> case_id) override;
  Result<std::vector<WaitingDraftRow>> list_waiting_drafts(std::int64_t community_id,
                                                           const domain::CaseListing& listing,
                                                           std::size_t limit) override;
  Status insert_local_submission(const LocalSubmissionRow& row) override;
  Result<std::vector<LocalSubmissionRow>> list_local_submissions(std::int64_t member_id, std::size_t limit) override;

  Result<std::int64_t> insert_community(const CommunityRow& row) override;
  Result<CommunityRow> find_community(std::string_view slug) override;
  Result<CommunityRow> find_community_by_id(std::int64_t community_id) override;
  Result<std::vector<CommunityRow>> list_communities() override;
  Result<std::int64_t> count_communities() override;

  Result<std::int64_t> insert_member(const domain::Member& member) override;
  Result<domain::Member> find_member(std::int64_t community_id, std::string_view email) override;
  Result<domain::Member> find_member_by_id(std::int64_t member_id) override;
  Result<std::vector<domain::Member>> list_members(std::int64_t community_id) override;
  Status update_member(const domain::Member& member) override;

  Result<bool> case_code_name_taken(std::int64_t community_id, std::string_view code_name) override;
  Result<std::int64_t> insert_case(const domain::Case& summary) override;
  Status insert_report(const domain::Case& owner, const domain::Report& report, int entry_number) override;
  Status insert_party(const domain::Case& owner, const domain::Party& party, const PartyIndexes& indexes) override;
  Status append_entry(const domain::Case& owner, const domain::TimelineEntry& entry) override;
  Status update_case_flags(const domain::Case& owner, bool ongoing, bool physical_danger,
                           Timestamp updated_at) override;
  Status update_case_state(const domain::Case& owner, domain::CaseState state,
                           const std::optional<domain::Resolution>& resolution, Timestamp updated_at) override;
  Result<domain::Case> find_case(std::int64_t community_id, std::string_view code_name) override;
  Result<domain::Case> find_case_by_id(std::int64_t case_id) override;
  Result<std::vector<domain::Case>> list_cases(std::int64_t community_id, const CaseFilter& filter) override;
  Result<domain::CaseRecord> load_case_record(const domain::Case& summary) override;
  Result<std::vector<domain::Party>> load_parties(const domain::Case& summary) override;
  Result<int> next_entry_number(const domain::Case& owner) override;
  Result<domain::TimelineEntry> load_entry(const domain::Case& owner, int number) override;

  Result<int> next_matter_number(std::int64_t community_id) override;
  Result<std::int64_t> insert_matter(const GroupMatterRow& row, const std::vector<KeyWrapRow>& wraps) override;
  Result<std::vector<GroupMatterRow>> list_matters(std::int64_t community_id, std::size_t limit,
                                                   std::size_t offset) override;
  Result<std::optional<GroupMatterRow>> find_matter(std::int64_t community_id, int number) override;
  Result<std::vector<KeyWrapRow>> matter_wraps(std::int64_t matter_id) override;
  Status put_matter_ballot(std::int64_t matter_id, const MatterBallotRow& ballot) override;
  Result<std::vector<MatterBallotRow>> matter_ballots(std::int64_t matter_id) override;
  Status insert_matter_recusal(std::int64_t matter_id, std::int64_t member_id, Timestamp at) override;
  Result<std::vector<std::int64_t>> matter_recusals(std::int64_t matter_id) override;
  Status close_matter(std::int64_t matter_id, domain::MatterStatus status, const domain::VoteCount& count,
                      Timestamp closed_at) override;

  Result<int> next_meeting_number(std::int64_t community_id) override;
  Result<std::int64_t> insert_meeting(const MeetingRow& row, const std::vector<KeyWrapRow>& wraps,
                                      const std::vector<MeetingEntryRow>& entries) override;
  Result<std::vector<MeetingRow>> list_meetings(std::int64_t community_id, std::size_t limit,
                                                std::size_t offset) override;
  Result<std::optional<MeetingRow>> find_meeting(std::int64_t community_id, int number) override;
  Result<std::vector<KeyWrapRow>> meeting_wraps(std::int64_t meeting_id) override;
  Result<std::vector<MeetingEntryRow>> meeting_entries(std::int64_t meeting_id) override;

  Result<int> next_evidence_number(const domain::Case& owner) override;
  Status insert_evidence(const domain::Case& owner, const EvidenceRow& row) override;
  Status insert_evidence_chunk(const domain::Case& owner, int file_number, int chunk_index,
                               std::string_view sealed_chunk) override;
  Result<std::vector<domain::EvidenceFile>> list_evidence(const domain::Case& owner) override;
  Result<EvidenceRow> find_evidence(const domain::Case& owner, int file_number) override;
  Result<std::vector<std::string>> evidence_chunks(const domain::Case& owner, int file_number) override;

  Result<std::vector<PartyIndexRow>> list_party_indexes(std::int64_t community_id) override;
  Result<std::vector<PartyIndexRow>> parties_matching(std::int64_t community_id,
                                                      const std::vector<std::string>& indexes) override;
  Result<std::optional<std::int64_t>> reported_person_with_contact(std::int64_t community_id,
                                                                   std::string_view contact_index) override;
  Result<std::vector<domain::Case>> escrowed_cases_naming(std::int64_t community_id, std::int64_t except_case_id,
                                                          const domain::EscrowMatchKeys& keys) override;
  Status release_from_escrow(const domain::Case& owner) override;
  Status insert_case_link(const domain::CaseLink& link) override;
  Status delete_case_link(std::int64_t linked_case_id) override;
  Result<domain::CaseLinks> load_case_links(std::int64_t case_id) override;

  Status insert_evaluation(const domain::Case& owner, int entry_number, const domain::Evaluation& evaluation) override;
  Result<std::optional<EvaluationRow>> latest_evaluation(const domain::Case& owner) override;
  Result<domain::PatternFacts> pattern_facts(std::int64_t case_id) override;
  Status insert_response_step(std::int64_t case_id, int party_number, domain::ResponseStep step, int entry_number,
                              std::int64_t recorded_by, Timestamp recorded_at) override;
  Result<std::map<int, domain::ResponseFacts>> load_response_facts(std::int64_t case_id) override;
  Result<int> next_proposal_number(std::int64_t case_id) override;
  Status insert_proposal(const domain::Case& owner, int entry_number, const domain::Proposal& proposal) override;
  Result<std::vector<domain::Proposal>> list_proposals(const domain::Case& owner) override;
  Result<int> next_action_number(std::int64_t case_id) override;
  Status insert_action(const domain::Case& owner, int entry_number, const domain::UnilateralAction& action) override;
  Result<std::vector<domain::UnilateralAction>> list_actions(const domain::Case& owner) override;
  Status set_action_status(std::int64_t case_id, int number, domain::ActionStatus status,
                           std::optional<Timestamp> reported_at) override;
  Status set_proposal_status(std::int64_t case_id, int number, domain::ProposalStatus status) override;
  Result<std::optional<int>> proposal_in_status(std::int64_t case_id, domain::ProposalStatus status) override;
  Result<std::int64_t> insert_vote(const domain::Vote& vote) override;
  Result<std::vector<domain::Vote>> votes_of_case(std::int64_t case_id) override;
  Status close_vote(std::int64_t vote_id, const domain::VoteCount& count, Timestamp closed_at) override;
  Status insert_feedback_asked(std::int64_t case_id, int proposal_number, int party_number,
                               domain::FeedbackChannel channel, std::int64_t asked_by, Timestamp asked_at) override;
  Status record_feedback_answer(std::int64_t case_id, int proposal_number, int party_number, std::int64_t recorded_by,
                                Timestamp answered_at) override;
  Result<std::vector<domain::FeedbackFacts>> load_feedback(std::int64_t case_id, int proposal_number) override;
  Status cast_ballot(const domain::Case& owner, std::int64_t vote_id, std::int64_t member_id, domain::Ballot ballot,
                     Timestamp cast_at) override;
  Result<std::map<std::int64_t, domain::Ballot>> load_ballots(const domain::Case& owner, std::int64_t vote_id) override;

  Status save_case_key_wrap(const CaseKeyWrapRow& row) override;
  Result<std::vector<CaseKeyWrapRow>> case_key_wraps(std::int64_t case_id) override;
  Result<std::vector<std::int64_t>> delete_case_key_wraps(std::optional<std::int64_t> case_id,
                                                          std::int64_t member_id) override;
  Result<std::vector<std::int64_t>> cases_to_sweep(std::int64_t community_id, Date today) override;
  Result<CaseKeyState> find_case_key_state(std::int64_t case_id) override;
  Status save_case_key_state(const CaseKeyState& state) override;
  Result<std::vector<domain::Case>> cases_without_keys(std::int64_t community_id) override;
  Result<std::optional<std::string>> index_key_check() override;
  Status save_index_key_check(std::string_view check_value) override;
  Status save_recovery_key(const RecoveryKeyRow& row) override;
  Result<RecoveryKeyRow> find_recovery_key(std::int64_t community_id) override;
  Status reseal_case(const domain::Case& owner, crypto::Sealer& from, crypto::Sealer& to,
                     const std::function<PartyIndexes(const domain::Party&)>& indexes_of) override;

  Status insert_exclusion(const domain::Case& owner, const domain::Exclusion& exclusion) override;
  Status insert_possible_conflict(const domain::PossibleConflict& possible) override;
  Status delete_possible_conflict(std::int64_t case_id, std::int64_t member_id) override;
  Status insert_screening(const domain::Screening& screening) override;
  Status approve_screening(std::int64_t case_id, std::int64_t member_id, std::int64_t approved_by,
                           Timestamp approved_at) override;
  Status insert_invitation(const domain::Invitation& invitation) override;
  Status insert_unmatched_oversight_request(const UnmatchedOversightRequest& request) override;
  Result<std::vector<UnmatchedOversightRequest>> unmatched_oversight_requests(std::int64_t community_id,
                                                                              Timestamp since,
                                                                              std::size_t limit) override;
  Result<std::int64_t> insert_oversight_grant(const domain::Case& owner, const domain::OversightGrant& grant) override;
  Status approve_oversight_grant(std::int64_t grant_id, std::int64_t approved_by, Timestamp approved_at) override;
  Result<std::vector<domain::OversightGrant>> oversight_grants_of_case(const domain::Case& owner) override;
  Result<domain::AccessFacts> load_access_facts(std::int64_t community_id) override;
  Result<domain::AccessFacts> load_case_access_facts(std::int64_t case_id) override;
  Result<std::vector<domain::Case>> list_visible_cases(std::int64_t community_id, const domain::CaseListing& listing,
                                                       const CaseFilter& filter,
                                                       const domain::CaseCriteria& criteria) override;
  Result<std::vector<domain::Case>> list_cases_to_screen(std::int64_t community_id, std::int64_t member_id,
                                                         Timestamp joined_at, std::size_t limit) override;
  Result<std::vector<domain::Case>> list_cases_awaiting_screening_approval(std::int64_t community_id,
                                                                           std::int64_t member_id,
                                                                           const KeyHolder& held_by,
                                                                           std::size_t limit) override;
  Result<std::vector<PersonRow>> list_visible_people(std::int64_t community_id, const domain::CaseListing& listing,
                                                     std::size_t limit, std::size_t offset) override;

  Status save_credentials(const CredentialsRow& row) override;
  Result<CredentialsRow> find_credentials(std::int64_t member_id) override;
  Status delete_credentials(std::int64_t member_id) override;
  Status set_totp_last_step(std::int64_t member_id, std::int64_t step) override;
  Status insert_session(const SessionRow& row) override;
  Result<SessionRow> find_session(std::string_view lookup_id) override;
  Status touch_session(std::string_view lookup_id, Timestamp last_seen_at) override;
  Status delete_session(std::string_view lookup_id) override;
  Status delete_sessions_of(std::int64_t member_id) override;
  Status insert_enrolment(const EnrolmentRow& row) override;
  Result<EnrolmentRow> find_enrolment(std::string_view lookup_id) override;
  Status mark_enrolment_used(std::string_view lookup_id, Timestamp used_at) override;
  Result<ThrottleRow> find_throttle(std::string_view key) override;
  Status save_throttle(const ThrottleRow& row) override;
  Result<std::int64_t> prune_throttles(Timestamp now) override;
  Status insert_sign_in_warning(const SignInWarningRow& row) override;
  Result<std::optional<IdempotentAnswerRow>> claim_idempotent_answer(const IdempotentAnswerRow& row) override;
  Status save_idempotent_answer(std::string_view lookup, int status, std::string_view answer_sealed) override;
  Status forget_idempotent_answer(std::string_view lookup) override;
  Result<std::int64_t> prune_idempotent_answers(Timestamp before) override;
  Result<std::vector<SignInWarningRow>> sign_in_warnings(std::int64_t community_id, Timestamp since,
                                                         std::size_t limit) override;
  Status save_certificate(const CertificateRow& row) override;
  Result<CertificateRow> find_certificate(std::int64_t member_id) override;
  Status save_root_public_key(std::int64_t community_id, std::string_view sign_public) override;
  Result<std::string> find_root_public_key(std::int64_t community_id) override;
  Status save_root_key_wrap(const RootKeyWrapRow& row) override;
  Result<RootKeyWrapRow> find_root_key_wrap(std::int64_t community_id, std::int64_t member_id) override;

  Result<bool> person_code_name_taken(std::int64_t community_id, std::string_view code_name) override;
  Result<std::int64_t> insert_person(const domain::Person& person) override;
  Result<PersonRow> find_person(std::int64_t community_id, std::string_view code_name) override;
  Result<std::vector<PersonRow>> list_people(std::int64_t community_id) override;
  Result<std::vector<domain::Case>> cases_of_person(std::int64_t person_id) override;

  Result<crypto::AuditEntry> append_audit(crypto::AuditEntry entry, AuditDigest digest) override;
  std::string take_ciphertext_digest() override { return handled_.take(); }
  Result<std::vector<crypto::AuditEntry>> audit_log() override;
  Result<std::vector<crypto::AuditEntry>> audit_entries(const AuditFilter& filter) override;
  Result<std::optional<crypto::AuditEntry>> audit_head() override;

  Result<std::vector<domain::CaseRetentionFacts>> load_retention_facts(std::int64_t community_id) override;
  Result<std::vector<domain::CaseRetentionFacts>> load_retention_facts_around(std::int64_t case_id) override;
  Status save_legal_hold(std::int64_t case_id, const std::optional<domain::LegalHold>& hold) override;
  Result<std::optional<domain::LegalHold>> find_legal_hold(std::int64_t case_id) override;
  Status expunge_case(std::int64_t case_id, const domain::CaseStatistics& statistics) override;
  Result<std::vector<domain::CaseStatistics>> list_case_statistics(std::int64_t community_id) override;
  Status purge_deleted_content() override;

  Database& database() { return db_; }

  Result<BackupDump> snapshot() override;
  Result<SnapshotCounts> snapshot_into(const BackupFileHeader& header, DumpEncoder& encoder) override;
  Status load_snapshot(const BackupDump& dump) override;

 private:
  SqliteStore(Database db, crypto::Sealer& sealer, std::string path)
      : db_(std::move(db)), path_(std::move(path)), sealer_(sealer, handled_) {}
  // Cases are read without their sealed location (listing needs no key); only
  // load_case_record opens it. read_case reads the columns case_columns() names, in
  // that order (13 of them); a query may select more after them.
  static std::string_view case_columns();
  Result<domain::Case> read_case(Statement& statement);          // with its categories
  Result<domain::Case> read_case_columns(Statement& statement);  // without
  // Every remaining row, with the categories of all of them read in batches.
  Result<std::vector<domain::ViolationCategory>> read_categories(std::int64_t case_id);
  Result<std::vector<domain::Case>> read_cases(Statement& statement);
  // Rows of (case_id, number, role, contact, name and employer index, person_id).
  static Result<std::vector<PartyIndexRow>> read_party_indexes(Statement& statement);
  // Parties are opened with the Sealer given: the store's own, or the one reseal_case
  // moves them from.
  Result<domain::Party> read_party(const domain::Case& owner, crypto::Sealer& sealer, Statement& row, int first_column);
  Result<std::vector<domain::Party>> parties_of(const domain::Case& owner, crypto::Sealer& sealer);
  // The body of reseal_case, run inside its savepoint (sqlite_reseal.cpp).
  Status reseal_in_savepoint(const domain::Case& owner, crypto::Sealer& from, crypto::Sealer& to,
                             const std::function<PartyIndexes(const domain::Party&)>& indexes_of);
  Status reseal_entries(const domain::Case& owner, crypto::Sealer& from, crypto::Sealer& to);
  Result<std::string> open_location(const domain::Case& summary);
  // A timeline entry of `summary` from a row of the entry columns (sqlite_cases.cpp).
  Result<domain::TimelineEntry> read_timeline_entry(const Statement& row, const domain::Case& summary);
  // Reads the facts of `where` ("WHERE case_id = ?" or a community-wide condition), its
  // one parameter bound to `key` (sqlite_access.cpp).
  Result<domain::AccessFacts> load_facts_where(const std::string& where, std::int64_t key);
  // The retention facts of the cases `where` selects (a condition on `c` with one
  // parameter, bound to `key`), in id order (sqlite_retention.cpp).
  Result<std::vector<domain::CaseRetentionFacts>> retention_facts_where(const std::string& where, std::int64_t key);
  // The body of expunge_case, run inside its savepoint (sqlite_retention.cpp).
  Status expunge_in_savepoint(std::int64_t case_id, const domain::CaseStatistics& statistics);
  // An evidence row read by sqlite_evidence.cpp's query, opened; the key only when asked.
  Result<EvidenceRow> read_evidence(const domain::Case& owner, const Statement& row, bool with_key);

  Database db_;
  std::string path_;  // the database file, for the storage health check
  // The ciphertext sealed, opened or stored since the last audit entry (its digest).
  crypto::CiphertextDigest handled_;
  DigestingSealer sealer_;
  bool in_transaction_ = false;
};

// SqliteStore::open as a store::StoreOpener.
Result<std::unique_ptr<Store>> open_store(const std::string& path, crypto::Sealer& sealer, Schema schema);

// The tables an expunge deletes a case's rows from (by case_id, and `cases` by id):
// every table with a case_id column must be among them (tests/store check it).
std::vector<std::string_view> tables_expunged_by_case();

}  // namespace conduct::store::sqlite
