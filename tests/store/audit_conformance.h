// The Store conformance suite for the audit log (Store::append_audit and its readers):
// a third typed suite beside StoreConformance and EvidenceConformance, on the same
// fixture and helpers, so a backend joins it with one more line:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Memory, AuditConformance, MemoryBackend);
//
// What every backend must do: give entries sequence numbers 1, 2, … that chain from the
// genesis hash; write them only inside a transaction and forget them with it; give each
// entry the digest of exactly the ciphertext sealed, opened or stored since the
// previous entry (the TaggingSealer's stored forms, which the test knows), or the
// digest of nothing when asked, and forget the ciphertext of a rolled-back
// transaction; list a community's entries newest first with the filters applied.
#pragma once

#include "evidence_conformance.h"
#include "store_conformance.h"

namespace conduct::store::conformance {

// BLAKE2b-256 of `values` in order, as the store's running digest takes it.
inline std::string digest_over(const std::vector<std::string>& values) {
  crypto::CiphertextDigest digest;
  for (const std::string& value : values) digest.add(value);
  return digest.take();
}

inline crypto::AuditEntry sample_audit(std::int64_t community_id, std::string action, std::string case_code = "",
                                       std::int64_t at = 1'795'000'000) {
  crypto::AuditEntry entry;
  entry.time = Timestamp{at};
  entry.community_id = community_id;
  entry.actor = "member:7";
  entry.action = std::move(action);
  entry.case_code = std::move(case_code);
  return entry;
}

inline std::vector<std::int64_t> seqs_of(const std::vector<crypto::AuditEntry>& entries) {
  std::vector<std::int64_t> seqs;
  for (const crypto::AuditEntry& entry : entries) seqs.push_back(entry.seq);
  return seqs;
}

template <typename Backend>
class AuditConformance : public StoreConformance<Backend> {
 protected:
  // Appends one entry in a transaction of its own and returns it as stored.
  crypto::AuditEntry append(crypto::AuditEntry entry, AuditDigest digest = AuditDigest::CiphertextHandled) {
    crypto::AuditEntry appended;
    must(this->store().in_transaction([&]() -> Status {
      ASSIGN_OR_RETURN(appended, this->store().append_audit(std::move(entry), digest));
      return ok_status();
    }));
    return appended;
  }

  // A community and a case (its location sealed), with whatever that handled taken by
  // an entry, so the next entry's digest starts from nothing.
  domain::Case audited_case() {
    community_ = must(this->store().insert_community(sample_community("tidewater")));
    const domain::Case summary = this->add_case(sample_case(community_, "home shelf"));
    append(sample_audit(community_, "case.open", "home shelf"));
    return summary;
  }

  std::int64_t community_ = 0;
};

TYPED_TEST_SUITE_P(AuditConformance);

TYPED_TEST_P(AuditConformance, AppendingOutsideATransactionIsRefused) {
  Store& store = this->store();
  EXPECT_TRUE(
      FailsWith(store.append_audit(sample_audit(1, "case.read"), AuditDigest::CiphertextHandled), ErrorCode::Internal));
  EXPECT_TRUE(FailsWith(store.append_audit(sample_audit(1, "refused read-case"), AuditDigest::NothingHandled),
                        ErrorCode::Internal));
  EXPECT_TRUE(must(store.audit_log()).empty());
  EXPECT_FALSE(must(store.audit_head()).has_value());
}

TYPED_TEST_P(AuditConformance, EntriesAreNumberedFromOneAndChainFromTheGenesisHash) {
  Store& store = this->store();
  std::vector<crypto::AuditEntry> appended;
  appended.push_back(this->append(sample_audit(1, "community.init")));
  // Two entries in one transaction chain just the same.
  must(store.in_transaction([&]() -> Status {
    ASSIGN_OR_RETURN(
        crypto::AuditEntry second,
        store.append_audit(sample_audit(1, "case.open", "home shelf", 1'795'000'060), AuditDigest::CiphertextHandled));
    appended.push_back(second);
    ASSIGN_OR_RETURN(
        crypto::AuditEntry third,
        store.append_audit(sample_audit(0, "refused session.open", "", 1'795'000'061), AuditDigest::NothingHandled));
    appended.push_back(third);
    return ok_status();
  }));
  EXPECT_EQ(seqs_of(appended), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(appended[0].hash, crypto::audit_entry_hash(crypto::audit_genesis_hash(), appended[0]));
  EXPECT_EQ(appended[1].hash, crypto::audit_entry_hash(appended[0].hash, appended[1]));
  EXPECT_EQ(appended[2].hash, crypto::audit_entry_hash(appended[1].hash, appended[2]));

  // Stored as returned, every field (the digests and hashes are raw bytes).
  const std::vector<crypto::AuditEntry> log = must(store.audit_log());
  ASSERT_EQ(log.size(), 3u);
  for (std::size_t i = 0; i < log.size(); ++i) {
    SCOPED_TRACE("entry " + std::to_string(i + 1));
    EXPECT_EQ(log[i].seq, appended[i].seq);
    EXPECT_EQ(log[i].time.seconds, appended[i].time.seconds);
    EXPECT_EQ(log[i].community_id, appended[i].community_id);
    EXPECT_EQ(log[i].actor, "member:7");
    EXPECT_EQ(log[i].action, appended[i].action);
    EXPECT_EQ(log[i].case_code, appended[i].case_code);
    EXPECT_EQ(log[i].digest, appended[i].digest);
    EXPECT_EQ(log[i].digest.size(), crypto::kAuditHashBytes);
    EXPECT_EQ(log[i].hash, appended[i].hash);
  }
  EXPECT_EQ(log[1].action, "case.open");
  EXPECT_EQ(log[1].case_code, "home shelf");
  EXPECT_EQ(log[2].community_id, 0);
  const crypto::AuditVerification verified = crypto::verify_audit_chain(log, crypto::AuditHead{3, appended[2].hash});
  EXPECT_TRUE(verified.intact) << verified.problem;

  const std::optional<crypto::AuditEntry> head = must(store.audit_head());
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->seq, 3);
  EXPECT_EQ(head->hash, appended[2].hash);
}

TYPED_TEST_P(AuditConformance, EntriesOfARolledBackTransactionAreForgotten) {
  Store& store = this->store();
  const crypto::AuditEntry first = this->append(sample_audit(1, "case.open"));
  const Status result = store.in_transaction([&]() -> Status {
    TRY(store.append_audit(sample_audit(1, "case.note"), AuditDigest::CiphertextHandled));
    return invalid_argument("the note was refused");
  });
  ASSERT_TRUE(FailsWith(result, ErrorCode::InvalidArgument));
  EXPECT_EQ(must(store.audit_log()).size(), 1u);
  const crypto::AuditEntry next = this->append(sample_audit(1, "case.read"));
  EXPECT_EQ(next.seq, 2);
  EXPECT_EQ(next.hash, crypto::audit_entry_hash(first.hash, next));
  EXPECT_TRUE(crypto::verify_audit_chain(must(store.audit_log())).intact);
}

TYPED_TEST_P(AuditConformance, TheDigestCoversExactlyTheCiphertextSealedInTheTransaction) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const domain::Case summary = this->audited_case();
  sealer.sealed_values.clear();
  crypto::AuditEntry entry;
  must(store.in_transaction([&]() -> Status {
    TRY(store.append_entry(summary, sample_entry(1, "Spoke with the reporter.")));
    ASSIGN_OR_RETURN(entry, store.append_audit(sample_audit(this->community_, "case.note", "home shelf"),
                                               AuditDigest::CiphertextHandled));
    return ok_status();
  }));
  ASSERT_EQ(sealer.sealed_values.size(), 1u);  // the note's body, as stored
  EXPECT_NE(entry.digest, crypto::digest_of_nothing());
  EXPECT_EQ(entry.digest, digest_over({*sealer.sealed_values.begin()}));
  // The entry took it: the next one handled nothing.
  EXPECT_EQ(this->append(sample_audit(this->community_, "case.note")).digest, crypto::digest_of_nothing());
}

TYPED_TEST_P(AuditConformance, NothingHandledGivesTheDigestOfNothingEvenAfterSealing) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const domain::Case summary = this->audited_case();
  sealer.sealed_values.clear();
  crypto::AuditEntry refusal, action;
  must(store.in_transaction([&]() -> Status {
    TRY(store.append_entry(summary, sample_entry(1, "Spoke with the reporter.")));
    ASSIGN_OR_RETURN(refusal, store.append_audit(sample_audit(this->community_, "refused read-case", "home shelf"),
                                                 AuditDigest::NothingHandled));
    ASSIGN_OR_RETURN(action, store.append_audit(sample_audit(this->community_, "case.note", "home shelf"),
                                                AuditDigest::CiphertextHandled));
    return ok_status();
  }));
  EXPECT_EQ(refusal.digest, crypto::digest_of_nothing());
  // The refusal leaves the ciphertext to the action it belongs to.
  ASSERT_EQ(sealer.sealed_values.size(), 1u);
  EXPECT_EQ(action.digest, digest_over({*sealer.sealed_values.begin()}));
}

TYPED_TEST_P(AuditConformance, ARolledBackTransactionForgetsTheCiphertextItHandled) {
  Store& store = this->store();
  const domain::Case summary = this->audited_case();
  const Status result = store.in_transaction([&]() -> Status {
    TRY(store.append_entry(summary, sample_entry(1, "A note that is never written.")));
    TRY(store.insert_evidence(summary, EvidenceRow{sample_evidence(1), sample_file_key(1)}));
    TRY(store.insert_evidence_chunk(summary, 1, 0, binary("a chunk that is never stored")));
    return invalid_argument("the note was refused");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(result.error().message, "the note was refused");
  EXPECT_EQ(this->append(sample_audit(this->community_, "case.read", "home shelf")).digest,
            crypto::digest_of_nothing());
}

TYPED_TEST_P(AuditConformance, CiphertextOpenedOutsideATransactionGoesToTheNextEntry) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const domain::Case summary = this->audited_case();
  sealer.opened_values.clear();
  sealer.open_calls = 0;
  const domain::CaseRecord record = must(store.load_case_record(summary));
  EXPECT_EQ(record.summary.location, "the hallway track");
  ASSERT_EQ(sealer.open_calls, 1);  // a case without entries or parties: its location only
  const crypto::AuditEntry read = this->append(sample_audit(this->community_, "case.read", "home shelf"));
  EXPECT_NE(read.digest, crypto::digest_of_nothing());
  EXPECT_EQ(read.digest, digest_over({*sealer.opened_values.begin()}));
}

TYPED_TEST_P(AuditConformance, EvidenceChunksStoredAndReadAreDigestedAsGiven) {
  Store& store = this->store();
  const domain::Case summary = this->audited_case();
  must(store.insert_evidence(summary, EvidenceRow{sample_evidence(1), sample_file_key(1)}));
  this->append(sample_audit(this->community_, "evidence.add", "home shelf"));  // takes the sealed names

  const std::string first = binary("first chunk"), second = binary("second chunk");
  crypto::AuditEntry stored;
  must(store.in_transaction([&]() -> Status {
    TRY(store.insert_evidence_chunk(summary, 1, 0, first));
    TRY(store.insert_evidence_chunk(summary, 1, 1, second));
    ASSIGN_OR_RETURN(stored, store.append_audit(sample_audit(this->community_, "evidence.add", "home shelf"),
                                                AuditDigest::CiphertextHandled));
    return ok_status();
  }));
  EXPECT_EQ(stored.digest, digest_over({first, second}));

  EXPECT_EQ(must(store.evidence_chunks(summary, 1)), (std::vector<std::string>{first, second}));
  EXPECT_EQ(this->append(sample_audit(this->community_, "evidence.read", "home shelf")).digest,
            digest_over({first, second}));
}

TYPED_TEST_P(AuditConformance, EntriesAreListedNewestFirstByCommunityCaseAndPosition) {
  Store& store = this->store();
  // seq: 1 (c1, home shelf), 2 (c2, home shelf), 3 (c1, ""), 4 (c1, amber zebra),
  // 5 (c1, home shelf), 6 (c0, ""), 7 (c1, home shelf). Entries of community 0 are the
  // installation's (backups, destroyed backup keys): every community's list has them.
  const std::vector<std::pair<std::int64_t, std::string>> written = {
      {1, "home shelf"}, {2, "home shelf"}, {1, ""}, {1, "amber zebra"}, {1, "home shelf"}, {0, ""}, {1, "home shelf"}};
  for (const auto& [community, code] : written) this->append(sample_audit(community, "case.read", code));

  const auto listed = [&](AuditFilter filter) { return seqs_of(must(store.audit_entries(filter))); };
  AuditFilter community_1;
  community_1.community_id = 1;
  EXPECT_EQ(listed(community_1), (std::vector<std::int64_t>{7, 6, 5, 4, 3, 1}));

  AuditFilter community_2;
  community_2.community_id = 2;
  EXPECT_EQ(listed(community_2), (std::vector<std::int64_t>{6, 2}));

  AuditFilter outside;  // entries of no community
  EXPECT_EQ(listed(outside), std::vector<std::int64_t>{6});

  AuditFilter of_case = community_1;
  of_case.case_code = "home shelf";
  EXPECT_EQ(listed(of_case), (std::vector<std::int64_t>{7, 5, 1}));

  AuditFilter of_no_case = community_1;
  of_no_case.case_code = "";
  EXPECT_EQ(listed(of_no_case), (std::vector<std::int64_t>{6, 3}));

  AuditFilter before = community_1;
  before.before_seq = 5;
  EXPECT_EQ(listed(before), (std::vector<std::int64_t>{4, 3, 1}));

  AuditFilter limited = community_1;
  limited.limit = 2;
  EXPECT_EQ(listed(limited), (std::vector<std::int64_t>{7, 6}));

  AuditFilter all_at_once = of_case;
  all_at_once.before_seq = 7;
  all_at_once.limit = 1;
  EXPECT_EQ(listed(all_at_once), std::vector<std::int64_t>{5});

  AuditFilter unknown = community_1;
  unknown.case_code = "quiet harbour";
  EXPECT_TRUE(listed(unknown).empty());

  // Listed entries carry their stored hash: a page checks against the full log.
  const std::vector<crypto::AuditEntry> log = must(store.audit_log());
  const std::vector<crypto::AuditEntry> page = must(store.audit_entries(of_case));
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page[0].hash, log[6].hash);
  EXPECT_EQ(page[2].digest, log[0].digest);
}

TYPED_TEST_P(AuditConformance, TheHeadIsTheLastEntry) {
  Store& store = this->store();
  EXPECT_FALSE(must(store.audit_head()).has_value());
  this->append(sample_audit(1, "case.open"));
  const crypto::AuditEntry last = this->append(sample_audit(2, "case.read", "amber zebra"));
  const std::optional<crypto::AuditEntry> head = must(store.audit_head());
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->seq, 2);
  EXPECT_EQ(head->hash, last.hash);
  EXPECT_EQ(head->community_id, 2);
  EXPECT_EQ(head->case_code, "amber zebra");
}

// clang-format off
REGISTER_TYPED_TEST_SUITE_P(
    AuditConformance,
    AppendingOutsideATransactionIsRefused,
    EntriesAreNumberedFromOneAndChainFromTheGenesisHash,
    EntriesOfARolledBackTransactionAreForgotten,
    TheDigestCoversExactlyTheCiphertextSealedInTheTransaction,
    NothingHandledGivesTheDigestOfNothingEvenAfterSealing,
    ARolledBackTransactionForgetsTheCiphertextItHandled,
    CiphertextOpenedOutsideATransactionGoesToTheNextEntry,
    EvidenceChunksStoredAndReadAreDigestedAsGiven,
    EntriesAreListedNewestFirstByCommunityCaseAndPosition,
    TheHeadIsTheLastEntry);
// clang-format on

}  // namespace conduct::store::conformance
