// An in-memory Store for unit tests of the app layer. It behaves like the SQLite store
// on everything the Store interface promises, and tests/store/store_conformance.h runs
// the same suite on both:
//   - ids are assigned from 1, ascending, per table;
//   - a taken unique key fails with AlreadyExists; a missing record with NotFound;
//   - a reference to a record that does not exist (a member of an unknown community,
//     an entry of an unknown case, an unknown author) fails with Internal, as the
//     SQLite store's foreign keys make it;
//   - in_transaction() is all or nothing: it copies the whole state before `work` and
//     puts the copy back when `work` fails. Fine for the few rows a test writes;
//   - confidential fields are kept in their sealed form and opened by the reads that
//     return them (load_case_record, oversight_grants_of_case, the evidence reads), through the same
//     store/sealing.h helpers and contexts as the SQLite store. Finding and listing
//     cases, party indexes, access facts and key rows open nothing: they work without
//     any key, and leave the sealed location empty.
//
// Threading: one thread at a time, like every Store.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "crypto/audit_chain.h"
#include "crypto/sealer.h"
#include "store/digesting_sealer.h"
#include "store/store.h"

namespace conduct::store {

class MemoryStore final : public Store {
 public:
  // `sealer` must outlive the store.
  explicit MemoryStore(crypto::Sealer& sealer) : sealer_(sealer, handled_) {}

  Status in_transaction(const std::function<Status()>& work) override;

  Result<std::int64_t> insert_community(const CommunityRow& row) override;
  Result<CommunityRow> find_community(std::string_view slug) override;
  Result<std::vector<CommunityRow>> list_communities() override;

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
  Status update_case_state(const domain::Case& owner, domain::CaseState state,
                           const std::optional<domain::Resolution>& resolution, Timestamp updated_at) override;
  Result<domain::Case> find_case(std::int64_t community_id, std::string_view code_name) override;
  Result<std::vector<domain::Case>> list_cases(std::int64_t community_id, const CaseFilter& filter) override;
  Result<domain::CaseRecord> load_case_record(const domain::Case& summary) override;
  Result<int> next_entry_number(const domain::Case& owner) override;

  Result<int> next_evidence_number(const domain::Case& owner) override;
  Status insert_evidence(const domain::Case& owner, const EvidenceRow& row) override;
  Status insert_evidence_chunk(const domain::Case& owner, int file_number, int chunk_index,
                               std::string_view sealed_chunk) override;
  Result<std::vector<domain::EvidenceFile>> list_evidence(const domain::Case& owner) override;
  Result<EvidenceRow> find_evidence(const domain::Case& owner, int file_number) override;
  Result<std::vector<std::string>> evidence_chunks(const domain::Case& owner, int file_number) override;

  Result<std::vector<PartyIndexRow>> list_party_indexes(std::int64_t community_id) override;

  Status save_case_key_wrap(const CaseKeyWrapRow& row) override;
  Result<std::vector<CaseKeyWrapRow>> case_key_wraps(std::int64_t case_id) override;
  Result<std::vector<std::int64_t>> delete_case_key_wraps(std::optional<std::int64_t> case_id,
                                                          std::int64_t member_id) override;
  Result<CaseKeyState> find_case_key_state(std::int64_t case_id) override;
  Status save_case_key_state(const CaseKeyState& state) override;
  Result<std::vector<domain::Case>> cases_without_keys(std::int64_t community_id) override;
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
  Result<std::int64_t> insert_oversight_grant(const domain::Case& owner, const domain::OversightGrant& grant) override;
  Status approve_oversight_grant(std::int64_t grant_id, std::int64_t approved_by, Timestamp approved_at) override;
  Result<std::vector<domain::OversightGrant>> oversight_grants_of_case(const domain::Case& owner) override;
  Result<domain::AccessFacts> load_access_facts(std::int64_t community_id) override;

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
  Status save_certificate(const CertificateRow& row) override;
  Result<CertificateRow> find_certificate(std::int64_t member_id) override;
  Status save_root_public_key(std::int64_t community_id, std::string_view sign_public) override;
  Result<std::string> find_root_public_key(std::int64_t community_id) override;
  Status save_root_key_wrap(const RootKeyWrapRow& row) override;
  Result<RootKeyWrapRow> find_root_key_wrap(std::int64_t community_id, std::int64_t member_id) override;

  Result<crypto::AuditEntry> append_audit(crypto::AuditEntry entry, AuditDigest digest) override;
  Result<std::vector<crypto::AuditEntry>> audit_log() override;
  Result<std::vector<crypto::AuditEntry>> audit_entries(const AuditFilter& filter) override;
  Result<std::optional<crypto::AuditEntry>> audit_head() override;

  Result<bool> person_code_name_taken(std::int64_t community_id, std::string_view code_name) override;
  Result<std::int64_t> insert_person(const domain::Person& person) override;
  Result<PersonRow> find_person(std::int64_t community_id, std::string_view code_name) override;
  Result<std::vector<PersonRow>> list_people(std::int64_t community_id) override;
  Result<std::vector<domain::Case>> cases_of_person(std::int64_t person_id) override;

  Result<std::vector<domain::CaseRetentionFacts>> load_retention_facts(std::int64_t community_id) override;
  Status save_legal_hold(std::int64_t case_id, const std::optional<domain::LegalHold>& hold) override;
  Result<std::optional<domain::LegalHold>> find_legal_hold(std::int64_t case_id) override;
  Status expunge_case(std::int64_t case_id, const domain::CaseStatistics& statistics) override;
  Result<std::vector<domain::CaseStatistics>> list_case_statistics(std::int64_t community_id) override;
  Status purge_deleted_content() override;

 private:
  // Rows of a case, as stored: sealed fields hold the Sealer's output, report text is
  // not kept (it is read from the report's timeline entry).
  struct ReportRow {
    std::int64_t case_id = 0;
    domain::Report report;
    int entry_number = 0;
  };
  struct PartyRow {
    std::int64_t case_id = 0;
    domain::Party party;
    PartyIndexes indexes;
  };
  // A case key wrap's place: (case, version, holder), the holder a member's id or, when
  // absent, the recovery key. std::optional orders the absent holder first, which is
  // the order case_key_wraps() promises.
  using WrapKey = std::tuple<std::int64_t, std::uint32_t, std::optional<std::int64_t>>;
  struct EntryRow {
    std::int64_t case_id = 0;
    domain::TimelineEntry entry;
  };
  // An evidence file as stored: name, description and key in their sealed form.
  struct EvidenceStored {
    std::int64_t case_id = 0;
    EvidenceRow row;
  };
  // A chunk's place: (case, file number, chunk index).
  using ChunkKey = std::tuple<std::int64_t, int, int>;

  // Every table in ascending id order (store/memory_rows.h). Expunging a case erases its
  // rows, so positions are not ids; a rolled-back transaction restores the vectors,
  // hence the ids, too.
  struct Tables {
    std::vector<CommunityRow> communities;
    std::vector<domain::Member> members;
    std::vector<domain::Person> persons;
    std::vector<domain::Case> cases;            // location sealed
    std::map<std::int64_t, CaseKeyState> case_key_states;  // one per case, by case id
    std::vector<ReportRow> reports;
    std::vector<PartyRow> parties;
    std::vector<EntryRow> entries;
    std::vector<EvidenceStored> evidence;
    std::map<ChunkKey, std::string> evidence_chunks;
    std::vector<domain::Exclusion> exclusions;  // notes sealed
    std::vector<domain::PossibleConflict> possible_conflicts;
    std::vector<domain::Screening> screenings;
    std::vector<domain::Invitation> invitations;
    std::vector<domain::OversightGrant> grants;  // reasons sealed
    std::map<std::int64_t, CredentialsRow> credentials;
    std::map<std::string, SessionRow, std::less<>> sessions;
    std::map<std::string, EnrolmentRow, std::less<>> enrolments;
    std::map<std::string, ThrottleRow, std::less<>> throttles;
    std::map<std::int64_t, CertificateRow> certificates;
    std::map<std::int64_t, std::string> root_public_keys;
    std::map<std::pair<std::int64_t, std::int64_t>, RootKeyWrapRow> root_key_wraps;
    std::map<WrapKey, CaseKeyWrapRow> case_key_wraps;
    std::map<std::int64_t, RecoveryKeyRow> recovery_keys;
    std::vector<crypto::AuditEntry> audit_log;
    std::map<std::int64_t, domain::LegalHold> legal_holds;  // by case id
    std::vector<domain::CaseStatistics> case_statistics;
  };

  // A stored case as finding and listing return it: the sealed location left empty.
  static domain::Case listed_case(const domain::Case& stored);
  // Opens a stored party's sealed fields with `sealer` (the store's own, or the one
  // reseal_case moves them from).
  Result<domain::Party> open_party(const domain::Case& owner, crypto::Sealer& sealer, domain::Party stored) const;
  std::set<std::int64_t> cases_reporting(std::int64_t person_id) const;
  PersonRow person_row(const domain::Person& person) const;
  const EvidenceStored* stored_evidence(std::int64_t case_id, int file_number) const;
  Result<EvidenceRow> open_evidence(const domain::Case& owner, const EvidenceRow& stored, bool with_key) const;

  // The ciphertext sealed, opened or stored since the last audit entry (its digest).
  mutable crypto::CiphertextDigest handled_;
  mutable DigestingSealer sealer_;
  Tables tables_;
  bool in_transaction_ = false;
};

}  // namespace conduct::store
