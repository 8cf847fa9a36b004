// Retention: the plain facts it decides on, legal holds, crypto-shredding and the
// statistics kept in place of expunged cases (part of the Store interface,
// store/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.h"
#include "domain/retention.h"

namespace conduct::store {

class RetentionStore {
 public:
  virtual ~RetentionStore() = default;

  // Retention (domain/retention.h; docs/security.md "Crypto-shredding and backups").
  // The plain facts of the cases of the community a retention run decides on, in id
  // order: every case with a resolution (only those can come due), and every case that
  // reports a person one of them reports (a later report restarts a minor incident's
  // clock). Facts: state, resolution (resolved_at read as the last update for cases
  // resolved before it was recorded), legal hold, reported persons and whether any is
  // flagged, report receipt times and state changes. Opens nothing: retention runs
  // without any key. A run thus reads what can come due, not every open case.
  virtual Result<std::vector<domain::CaseRetentionFacts>> load_retention_facts(std::int64_t community_id) = 0;
  // The same facts for one case and for every case in which one of its reported
  // persons is reported too, in id order: all that its retention decision depends on (a
  // later report on the same person restarts a minor incident's clock). Found by index,
  // so checking one case again before expunging it costs the same in any community.
  virtual Result<std::vector<domain::CaseRetentionFacts>> load_retention_facts_around(std::int64_t case_id) = 0;
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
