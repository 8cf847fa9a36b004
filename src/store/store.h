// The storage interface. One implementation per database engine (sqlite/ now, postgres/
// in a later issue); each passes the same conformance suite (tests/store/
// store_conformance.h). Unit tests of the app and HTTP layers open SQLite in memory:
// there is no second, hand-written store to keep in step with the schema.
//
// Every write of one use case happens inside in_transaction(), so it is all or
// nothing. Confidential fields (marked "sealed" in domain/case.h) go through the
// Sealer the store was built with; callers always see plaintext.
//
// Threading: a Store is used by one thread at a time; the server serialises access.
// Errors: NotFound for a missing record, AlreadyExists for a unique key that is taken,
// Internal for I/O or corruption (the message names no confidential content).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/audit_chain.h"
#include "crypto/sealer.h"
#include "domain/case.h"
#include "domain/case_criteria.h"
#include "domain/community.h"
#include "domain/conflicts.h"
#include "domain/member.h"
#include "domain/retention.h"
#include "domain/visibility.h"
#include "store/account_rows.h"
#include "store/evidence_rows.h"
#include "store/key_rows.h"

namespace conduct::store {

// A community as stored: its policy is kept as the TOML text it was created from, so
// the record stays readable by people; src/app parses it.
struct CommunityRow {
  domain::Community community;  // policy left default; see policy_source
  std::string policy_source;
};

struct CaseFilter {
  std::optional<domain::CaseState> state;
  std::size_t limit = 100;
  std::size_t offset = 0;
  // Only the cases in which this person record is a reported party.
  std::optional<std::int64_t> reported_person_id;
  // Only the cases whose current key version is not wrapped for this holder's public
  // key (a member still waiting for the case's key).
  std::optional<KeyHolder> key_missing_for;
  // Only the cases whose current key version is wrapped for this holder's public key
  // (cases the member can grant from).
  std::optional<KeyHolder> key_held_by;
};

// Every case, in one page (for use cases that decide access case by case).
inline CaseFilter every_case() {
  CaseFilter filter;
  filter.limit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return filter;
}

// Which audit entries to list: one community's and the installation's (community 0:
// backups, key destruction), optionally one case's, newest first.
struct AuditFilter {
  std::int64_t community_id = 0;
  std::optional<std::string> case_code;
  std::optional<std::int64_t> before_seq;  // entries with a smaller sequence number
  std::size_t limit = 100;
};

// What an audit entry's digest covers: the ciphertext the store sealed, opened or
// stored as given (evidence chunks) since the previous entry; nothing at all (a
// refusal handled nothing, whatever was read before it); or ciphertext outside the
// store whose digest the caller computed (a backup file), given in the entry.
enum class AuditDigest { CiphertextHandled, NothingHandled, Given };

struct PersonRow {
  domain::Person person;
  int case_count = 0;  // cases in which the person is a reported party
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `work` as one transaction: commits when it returns OK, rolls back and returns
  // its error otherwise. Transactions do not nest.
  virtual Status in_transaction(const std::function<Status()>& work) = 0;

  // Communities.
  virtual Result<std::int64_t> insert_community(const CommunityRow& row) = 0;
  virtual Result<CommunityRow> find_community(std::string_view slug) = 0;
  virtual Result<CommunityRow> find_community_by_id(std::int64_t community_id) = 0;
  virtual Result<std::vector<CommunityRow>> list_communities() = 0;

  // Members.
  virtual Result<std::int64_t> insert_member(const domain::Member& member) = 0;
  virtual Result<domain::Member> find_member(std::int64_t community_id, std::string_view email) = 0;
  virtual Result<domain::Member> find_member_by_id(std::int64_t member_id) = 0;
  virtual Result<std::vector<domain::Member>> list_members(std::int64_t community_id) = 0;
  // Writes the member's role, term, status, handles, employer and joined time.
  // Errors: NotFound.
  virtual Status update_member(const domain::Member& member) = 0;

  // Cases. insert_case stores the summary and its categories; reports, parties and
  // entries are added with their own calls. Entry and report numbers are unique per
  // case: a taken number fails with AlreadyExists. A new case starts with key state
  // {version 1, no rotation due}. find_case, list_cases and cases_of_person leave the
  // sealed location empty (listing needs no key); load_case_record opens it (NotFound
  // for a case that is not stored).
  virtual Result<bool> case_code_name_taken(std::int64_t community_id, std::string_view code_name) = 0;
  virtual Result<std::int64_t> insert_case(const domain::Case& summary) = 0;
  virtual Status insert_report(const domain::Case& owner, const domain::Report& report, int entry_number) = 0;
  virtual Status insert_party(const domain::Case& owner, const domain::Party& party, const PartyIndexes& indexes) = 0;
  virtual Status append_entry(const domain::Case& owner, const domain::TimelineEntry& entry) = 0;
  virtual Status update_case_state(const domain::Case& owner, domain::CaseState state,
                                   const std::optional<domain::Resolution>& resolution, Timestamp updated_at) = 0;
  virtual Result<domain::Case> find_case(std::int64_t community_id, std::string_view code_name) = 0;
  virtual Result<domain::Case> find_case_by_id(std::int64_t case_id) = 0;
  virtual Result<std::vector<domain::Case>> list_cases(std::int64_t community_id, const CaseFilter& filter) = 0;
  virtual Result<domain::CaseRecord> load_case_record(const domain::Case& summary) = 0;
  virtual Result<int> next_entry_number(const domain::Case& owner) = 0;

  // Evidence files (store/evidence_rows.h). File numbers are unique per case and chunk
  // indexes per file: a taken one fails with AlreadyExists. A file's name, description
  // and key are sealed with the case's context (record "evidence:N"); its chunks are
  // stored as given. Nothing here is ever updated: files and chunks are append-only.
  virtual Result<int> next_evidence_number(const domain::Case& owner) = 0;
  // Stores the file's row; its chunks follow with insert_evidence_chunk.
  virtual Status insert_evidence(const domain::Case& owner, const EvidenceRow& row) = 0;
  // Errors: Internal when the case has no file `file_number` (a missing reference).
  virtual Status insert_evidence_chunk(const domain::Case& owner, int file_number, int chunk_index,
                                       std::string_view sealed_chunk) = 0;
  // Every file of the case by number, name and description opened. The file key is not
  // opened and comes back empty: listing needs only the case key's names.
  virtual Result<std::vector<domain::EvidenceFile>> list_evidence(const domain::Case& owner) = 0;
  // One file with its name, description and key opened. Errors: NotFound.
  virtual Result<EvidenceRow> find_evidence(const domain::Case& owner, int file_number) = 0;
  // The stored chunks of one file, by index (empty for an unknown file).
  virtual Result<std::vector<std::string>> evidence_chunks(const domain::Case& owner, int file_number) = 0;

  // Every party of every case of the community, as blind indexes. It reads the whole
  // community: for maintenance and tests only; requests look up with parties_matching.
  virtual Result<std::vector<PartyIndexRow>> list_party_indexes(std::int64_t community_id) = 0;
  // The parties of the community's cases whose contact, name or employer index equals
  // one of `indexes` (empty ones are ignored and never match), by case then number.
  // Found through indexes on the blind-index columns, never by reading every party.
  virtual Result<std::vector<PartyIndexRow>> parties_matching(std::int64_t community_id,
                                                              const std::vector<std::string>& indexes) = 0;
  // The person record of the earliest reported party of the community's cases whose
  // contact index is `contact_index`, if any (a repeat report on the same person).
  virtual Result<std::optional<std::int64_t>> reported_person_with_contact(std::int64_t community_id,
                                                                           std::string_view contact_index) = 0;

  // Case keys (store/key_rows.h).
  virtual Status save_case_key_wrap(const CaseKeyWrapRow& row) = 0;  // insert or replace
  // Every wrap of the case, every version and holder, by version then member (the
  // recovery key's first).
  virtual Result<std::vector<CaseKeyWrapRow>> case_key_wraps(std::int64_t case_id) = 0;
  // Deletes the member's wraps of every version of one case, or of every case when
  // `case_id` is absent; returns the ids of the cases that had one, ascending.
  virtual Result<std::vector<std::int64_t>> delete_case_key_wraps(std::optional<std::int64_t> case_id,
                                                                  std::int64_t member_id) = 0;
  // The cases of the community where a member holds a wrap the policy may no longer
  // allow, ascending: wraps of members who are former, whose term ended before `today`
  // or whose role reaches cases only by invitation or grant (advisers, the board), and
  // wraps of members excluded from the case or with a possible conflict on it. A
  // superset: the caller asks the policy about each (app/case_keys.h). Found from the
  // members and the relation tables, never by reading every wrap.
  virtual Result<std::vector<std::int64_t>> cases_to_sweep(std::int64_t community_id, Date today) = 0;
  // Errors (both): NotFound for an unknown case.
  virtual Result<CaseKeyState> find_case_key_state(std::int64_t case_id) = 0;
  virtual Status save_case_key_state(const CaseKeyState& state) = 0;
  // The cases of the community still at key version 0 (plaintext), oldest first.
  virtual Result<std::vector<domain::Case>> cases_without_keys(std::int64_t community_id) = 0;
  virtual Status save_recovery_key(const RecoveryKeyRow& row) = 0;  // insert or replace
  virtual Result<RecoveryKeyRow> find_recovery_key(std::int64_t community_id) = 0;
  // Moves every sealed field of one case from `from` to `to` (store/sealing.h lists
  // them: the location, the parties' name, contact and employer, the timeline entries'
  // bodies, report texts included, the exclusions' notes and the oversight grants'
  // reasons): each stored value is opened with `from` and sealed with `to` under its
  // own context, and each party's blind indexes are replaced with
  // `indexes_of(the party, opened)`. The key state is left alone. It is how a case an
  // earlier release stored in plaintext gets sealed (app/keys.h, seal_plaintext), and
  // the only write that changes timeline entries in place. All or nothing by itself;
  // inside in_transaction() it is part of that transaction.
  // Errors: NotFound for a case that is not stored; the sealers' errors as they come.
  virtual Status reseal_case(const domain::Case& owner, crypto::Sealer& from, crypto::Sealer& to,
                             const std::function<PartyIndexes(const domain::Party&)>& indexes_of) = 0;

  // Conflicts, screenings, invitations and oversight grants. Each (case, member) pair
  // has at most one exclusion, possible conflict, screening and invitation: a second
  // insert fails with AlreadyExists. Sealed fields (an exclusion's note, a grant's
  // reason) are sealed with the case's context.
  virtual Status insert_exclusion(const domain::Case& owner, const domain::Exclusion& exclusion) = 0;
  virtual Status insert_possible_conflict(const domain::PossibleConflict& possible) = 0;
  virtual Status delete_possible_conflict(std::int64_t case_id, std::int64_t member_id) = 0;
  virtual Status insert_screening(const domain::Screening& screening) = 0;
  // Records who approved a screening. Errors: NotFound when there is none.
  virtual Status approve_screening(std::int64_t case_id, std::int64_t member_id, std::int64_t approved_by,
                                   Timestamp approved_at) = 0;
  virtual Status insert_invitation(const domain::Invitation& invitation) = 0;
  virtual Result<std::int64_t> insert_oversight_grant(const domain::Case& owner,
                                                      const domain::OversightGrant& grant) = 0;
  // Errors: NotFound for an unknown grant.
  virtual Status approve_oversight_grant(std::int64_t grant_id, std::int64_t approved_by, Timestamp approved_at) = 0;
  // The grants of one case, reasons opened, oldest first.
  virtual Result<std::vector<domain::OversightGrant>> oversight_grants_of_case(const domain::Case& owner) = 0;
  // Every relation of the community's members to its cases. Sealed fields are left
  // empty: deciding access never needs them. It reads the whole community: for tests
  // and maintenance only; requests use load_case_access_facts and list_visible_cases.
  virtual Result<domain::AccessFacts> load_access_facts(std::int64_t community_id) = 0;
  // Every relation of any member to one case (empty facts for a case that is not
  // stored): what domain::relation_of needs to judge that case. Sealed fields left empty.
  virtual Result<domain::AccessFacts> load_case_access_facts(std::int64_t case_id) = 0;

  // Access decided by index (domain/visibility.h). The cases `listing` reaches, newest
  // first (opened_at, then id, descending), filtered on plain columns by `filter` and
  // `criteria` and paged by `filter` in the query itself: only the page is read.
  virtual Result<std::vector<domain::Case>> list_visible_cases(std::int64_t community_id,
                                                               const domain::CaseListing& listing,
                                                               const CaseFilter& filter,
                                                               const domain::CaseCriteria& criteria) = 0;
  // The candidates for a member's screening list, newest first, at most `limit`: the
  // cases of the community with a possible conflict of the member, and those opened
  // before `joined_at` that the member has not screened; never those the member is
  // excluded from. The caller asks the policy about each (domain::Action::ScreenCase).
  virtual Result<std::vector<domain::Case>> list_cases_to_screen(std::int64_t community_id, std::int64_t member_id,
                                                                 Timestamp joined_at, std::size_t limit) = 0;
  // The cases of the community on which `member_id` screened and waits for the approval
  // of a member who handles the case, newest first, at most `limit`.
  virtual Result<std::vector<domain::Case>> list_cases_awaiting_screening_approval(std::int64_t community_id,
                                                                                   std::int64_t member_id,
                                                                                   std::size_t limit) = 0;
  // The person records of the community that are a reported party in at least one case
  // `listing` reaches, by code name and paged; case_count counts only those cases.
  virtual Result<std::vector<PersonRow>> list_visible_people(std::int64_t community_id,
                                                             const domain::CaseListing& listing, std::size_t limit,
                                                             std::size_t offset) = 0;

  // Sign-in (store/account_rows.h). Lookups answer NotFound when absent.
  virtual Status save_credentials(const CredentialsRow& row) = 0;  // insert or replace
  virtual Result<CredentialsRow> find_credentials(std::int64_t member_id) = 0;
  virtual Status delete_credentials(std::int64_t member_id) = 0;
  // Records a newly accepted TOTP step. Errors: FailedPrecondition when `step` is not
  // later than the stored one (a code used twice, even by two processes at once);
  // NotFound when the member has not enrolled.
  virtual Status set_totp_last_step(std::int64_t member_id, std::int64_t step) = 0;
  virtual Status insert_session(const SessionRow& row) = 0;
  virtual Result<SessionRow> find_session(std::string_view lookup_id) = 0;
  virtual Status touch_session(std::string_view lookup_id, Timestamp last_seen_at) = 0;
  virtual Status delete_session(std::string_view lookup_id) = 0;
  virtual Status delete_sessions_of(std::int64_t member_id) = 0;
  virtual Status insert_enrolment(const EnrolmentRow& row) = 0;
  virtual Result<EnrolmentRow> find_enrolment(std::string_view lookup_id) = 0;
  // Marks the link used and forgets the root key copy it may carry. Errors:
  // FailedPrecondition when it was already used (even by another process just now);
  // NotFound for an unknown link.
  virtual Status mark_enrolment_used(std::string_view lookup_id, Timestamp used_at) = 0;
  virtual Result<ThrottleRow> find_throttle(std::string_view key) = 0;  // a fresh row when absent
  virtual Status save_throttle(const ThrottleRow& row) = 0;             // failures 0 removes it
  virtual Status save_certificate(const CertificateRow& row) = 0;       // insert or replace
  virtual Result<CertificateRow> find_certificate(std::int64_t member_id) = 0;
  virtual Status save_root_public_key(std::int64_t community_id, std::string_view sign_public) = 0;
  virtual Result<std::string> find_root_public_key(std::int64_t community_id) = 0;
  virtual Status save_root_key_wrap(const RootKeyWrapRow& row) = 0;  // insert or replace
  virtual Result<RootKeyWrapRow> find_root_key_wrap(std::int64_t community_id, std::int64_t member_id) = 0;

  // The audit log (crypto/audit_chain.h). append_audit gives `entry` the next sequence
  // number, its digest (see AuditDigest) and its chain hash, and stores it; it runs
  // only inside in_transaction(), so an action and its entry commit together. Rolling
  // a transaction back forgets the ciphertext handled in it. Nothing is ever updated
  // or deleted. Errors: Internal outside a transaction.
  virtual Result<crypto::AuditEntry> append_audit(crypto::AuditEntry entry, AuditDigest digest) = 0;
  // The digest of the ciphertext this store sealed, opened or stored since the last
  // entry (what AuditDigest::CiphertextHandled would put in the next one), starting
  // again from nothing: for an entry written later, or through another connection, with
  // AuditDigest::Given (app/audit_batch.h).
  virtual std::string take_ciphertext_digest() = 0;
  // Every entry in sequence order (for verification).
  virtual Result<std::vector<crypto::AuditEntry>> audit_log() = 0;
  virtual Result<std::vector<crypto::AuditEntry>> audit_entries(const AuditFilter& filter) = 0;
  // The last entry, if any.
  virtual Result<std::optional<crypto::AuditEntry>> audit_head() = 0;

  // Person records.
  virtual Result<bool> person_code_name_taken(std::int64_t community_id, std::string_view code_name) = 0;
  virtual Result<std::int64_t> insert_person(const domain::Person& person) = 0;
  virtual Result<PersonRow> find_person(std::int64_t community_id, std::string_view code_name) = 0;
  virtual Result<std::vector<PersonRow>> list_people(std::int64_t community_id) = 0;
  // The cases in which the person is a reported party, oldest first.
  virtual Result<std::vector<domain::Case>> cases_of_person(std::int64_t person_id) = 0;

  // Retention (domain/retention.h; docs/security.md "Crypto-shredding and backups").
  // The plain facts of every case of the community, in id order: state, resolution
  // (resolved_at read as the last update for cases resolved before it was recorded),
  // legal hold, reported persons and whether any is flagged, report receipt times and
  // state changes. Opens nothing: retention runs without any key.
  virtual Result<std::vector<domain::CaseRetentionFacts>> load_retention_facts(std::int64_t community_id) = 0;
  // Places (`hold`) or lifts (nullopt) the case's legal hold. Errors: NotFound.
  virtual Status save_legal_hold(std::int64_t case_id, const std::optional<domain::LegalHold>& hold) = 0;
  // Errors: NotFound for an unknown case.
  virtual Result<std::optional<domain::LegalHold>> find_legal_hold(std::int64_t case_id) = 0;
  // Crypto-shredding: deletes the case and every row of it -- its key wraps and key
  // state, categories, reports, parties with their blind indexes, timeline entries,
  // evidence files and chunks, exclusions, possible conflicts, screenings, invitations,
  // oversight grants and legal hold -- and the person records its reported parties
  // leave with no case, unless flagged or banned; and stores `statistics` in their
  // place. Append-only rules do not stop it: they refuse changes, not this deletion.
  // Call it inside in_transaction(), so the row and the deletion go together.
  // Errors: NotFound for a case that is not stored (nothing is changed).
  virtual Status expunge_case(std::int64_t case_id, const domain::CaseStatistics& statistics) = 0;
  // The statistics rows of the community, in the order they were stored.
  virtual Result<std::vector<domain::CaseStatistics>> list_case_statistics(std::int64_t community_id) = 0;
  // After expunging: makes what was deleted unrecoverable from the store's files
  // (SQLite: deleted pages are zeroed by secure_delete; the WAL, which still holds the
  // old pages, is checkpointed and truncated). Call it outside any transaction.
  // Errors: FailedPrecondition when another connection keeps the WAL from being
  // truncated (run it again later); Internal for I/O failures.
  virtual Status purge_deleted_content() = 0;
};

}  // namespace conduct::store
