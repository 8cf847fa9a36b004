// The audit log's chain on its own (crypto/audit_chain.h): every way of tampering with a
// 1,000-entry log (changing a field, removing, inserting or reordering entries) is
// tried at every position, and the verification must name exactly the position where
// the log stops being what was written. A log rewritten and re-hashed from some point
// on, or cut short at the end, is consistent with itself: only a head saved outside
// the server catches it, and these tests show both halves of that. Heads' text form,
// the ciphertext digest and the hash's binding of every field are checked too.
//
// What a forged insert is detected at, exactly:
//   - a forged entry whose stored hash is not its chain hash fails at its own
//     position;
//   - a forged entry whose hash an attacker computed correctly from its predecessor
//     (the chain is unkeyed, so anyone with write access can) passes its own check:
//     the log up to and including it is a valid chain. The first thing wrong is the
//     genuine entry after it, which no longer links (its stored hash was computed
//     from the old predecessor), or which carries a sequence number already used. So
//     the position reported is one past the inserted entry. No verifier can do better
//     without knowledge from outside the log.
#include "crypto/audit_chain.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace conduct::crypto {
namespace {

constexpr int kLength = 1000;

std::string blake2b(std::string_view bytes) {
  std::string out(kAuditHashBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  return out;
}

// Recomputes every hash from `from` (0-based) to the end, as someone rewriting the
// log would.
void rehash_from(std::vector<AuditEntry>& entries, std::size_t from) {
  for (std::size_t i = from; i < entries.size(); ++i)
    entries[i].hash = audit_entry_hash(i == 0 ? audit_genesis_hash() : entries[i - 1].hash, entries[i]);
}

// Renumbers every entry from `from` (0-based) on to its position, without touching
// the hashes.
void renumber_from(std::vector<AuditEntry>& entries, std::size_t from) {
  for (std::size_t i = from; i < entries.size(); ++i) entries[i].seq = static_cast<std::int64_t>(i) + 1;
}

// A log as a server writes it: actions of several kinds by several actors on several
// cases of three communities, refusals with the digest of nothing, reads and writes
// with a digest of some ciphertext, the clock moving on irregularly.
std::vector<AuditEntry> realistic_log(int length) {
  static const std::array<std::string, 8> kActions = {"case.read",         "case.note",
                                                      "refused read-case", "case.open",
                                                      "session.open",      "refused session.open",
                                                      "evidence.read",     "refused manage-members"};
  static const std::array<std::string, 5> kCases = {"", "home shelf", "amber zebra", "quiet harbour", "blue kettle"};
  std::vector<AuditEntry> entries;
  std::int64_t now = 1'795'000'000;
  for (int i = 0; i < length; ++i) {
    AuditEntry entry;
    entry.seq = i + 1;
    now += 1 + (i * 37) % 900;
    entry.time = Timestamp{now};
    entry.community_id = 1 + i % 3;
    entry.actor = i % 11 == 0 ? "public" : i % 17 == 0 ? "system" : "member:" + std::to_string(1 + i % 9);
    entry.action = kActions[static_cast<std::size_t>(i) % kActions.size()];
    entry.case_code = kCases[static_cast<std::size_t>(i * 7) % kCases.size()];
    entry.digest =
        entry.action.starts_with("refused") ? digest_of_nothing() : blake2b("ciphertext " + std::to_string(i));
    entries.push_back(std::move(entry));
  }
  rehash_from(entries, 0);
  return entries;
}

AuditHead head_of(const std::vector<AuditEntry>& entries) { return {entries.back().seq, entries.back().hash}; }

// Changes one field of `entry` (which one depends on `which`), leaving its hash alone.
std::string tamper_with(AuditEntry& entry, int which) {
  switch (which % 6) {
    case 0:
      entry.action = entry.action == "case.read" ? "case.note" : "case.read";
      return "action";
    case 1:
      entry.actor = entry.actor == "member:1" ? "member:2" : "member:1";
      return "actor";
    case 2:
      entry.case_code = entry.case_code == "home shelf" ? "" : "home shelf";
      return "case_code";
    case 3:
      entry.time.seconds -= 3600;
      return "time";
    case 4:
      entry.digest[0] = static_cast<char>(entry.digest[0] ^ 0x01);
      return "digest";
    default:
      entry.community_id += 1;
      return "community";
  }
}

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_ = realistic_log(kLength);
    head_ = head_of(log_);
    const AuditVerification fresh = verify_audit_chain(log_, head_);
    ASSERT_TRUE(fresh.intact) << fresh.problem;
    ASSERT_EQ(fresh.entries_checked, kLength);
  }

  std::vector<AuditEntry> log_;
  AuditHead head_;
};

// ---- The untouched log ------------------------------------------------------------------

TEST_F(AuditChainTest, AnUntouchedLogIsIntactAndReportsItsHead) {
  const AuditVerification report = verify_audit_chain(log_);
  EXPECT_TRUE(report.intact);
  EXPECT_EQ(report.entries_checked, kLength);
  EXPECT_EQ(report.first_bad_position, 0);
  EXPECT_EQ(report.problem, "");
  ASSERT_TRUE(report.head.has_value());
  EXPECT_EQ(report.head->seq, kLength);
  EXPECT_EQ(report.head->hash, log_.back().hash);
  EXPECT_EQ(log_.front().hash, audit_entry_hash(audit_genesis_hash(), log_.front()));
}

TEST_F(AuditChainTest, AnEmptyLogIsIntactWithoutAHeadAndBrokenAgainstASavedOne) {
  const AuditVerification empty = verify_audit_chain({});
  EXPECT_TRUE(empty.intact);
  EXPECT_EQ(empty.entries_checked, 0);
  EXPECT_FALSE(empty.head.has_value());

  const AuditVerification emptied = verify_audit_chain({}, head_);
  EXPECT_FALSE(emptied.intact);
  EXPECT_EQ(emptied.first_bad_position, 1);
}

// ---- Tampering at every position ----------------------------------------------------------

TEST_F(AuditChainTest, AChangedFieldIsFoundAtItsPositionEverywhere) {
  for (int position = 1; position <= kLength; ++position) {
    AuditEntry& entry = log_[static_cast<std::size_t>(position - 1)];
    const AuditEntry original = entry;
    const std::string field = tamper_with(entry, position - 1);
    SCOPED_TRACE("position " + std::to_string(position) + ", " + field);
    const AuditVerification without_head = verify_audit_chain(log_);
    EXPECT_FALSE(without_head.intact);
    EXPECT_EQ(without_head.first_bad_position, position);
    EXPECT_EQ(without_head.entries_checked, position - 1);
    EXPECT_EQ(without_head.problem,
              "entry " + std::to_string(position) + " does not match its hash (changed, inserted or moved)");
    EXPECT_EQ(verify_audit_chain(log_, head_).first_bad_position, position);
    entry = original;
  }
  EXPECT_TRUE(verify_audit_chain(log_, head_).intact);  // every change was undone
}

TEST_F(AuditChainTest, ADeletedEntryIsFoundAtItsPlaceEverywhere) {
  for (int position = 1; position <= kLength; ++position) {
    SCOPED_TRACE("position " + std::to_string(position));
    std::vector<AuditEntry> shortened = log_;
    shortened.erase(shortened.begin() + (position - 1));
    const AuditVerification with_head = verify_audit_chain(shortened, head_);
    EXPECT_FALSE(with_head.intact);
    EXPECT_EQ(with_head.first_bad_position, position);
    const AuditVerification without_head = verify_audit_chain(shortened);
    if (position < kLength) {
      EXPECT_EQ(without_head.first_bad_position, position);
      EXPECT_EQ(without_head.problem, "entry " + std::to_string(position) + " is missing (the log goes on at " +
                                          std::to_string(position + 1) + ")");
    } else {
      // Removing the last entry leaves a shorter valid chain: only the head sees it.
      EXPECT_TRUE(without_head.intact);
    }
  }
}

TEST_F(AuditChainTest, AForgedEntryWithAWrongHashIsFoundAtItsOwnPosition) {
  for (int position = 1; position <= kLength; ++position) {
    SCOPED_TRACE("position " + std::to_string(position));
    const auto at = static_cast<std::size_t>(position - 1);
    // A copy of the genuine entry with a different action, the genuine hash kept and
    // the sequence number duplicated.
    AuditEntry forged = log_[at];
    forged.action = "case.read";
    forged.actor = "member:99";
    std::vector<AuditEntry> duplicated = log_;
    duplicated.insert(duplicated.begin() + static_cast<std::ptrdiff_t>(at), forged);
    EXPECT_EQ(verify_audit_chain(duplicated).first_bad_position, position);

    // The same with every later entry renumbered.
    std::vector<AuditEntry> renumbered = std::move(duplicated);
    renumber_from(renumbered, at);
    EXPECT_EQ(verify_audit_chain(renumbered, head_).first_bad_position, position);
  }
}

TEST_F(AuditChainTest, ACleverlyForgedEntryIsFoundAtTheEntryAfterIt) {
  // The forged entry carries its correct chain hash, so the log up to it is a valid
  // chain; the genuine entry after it is the first that fails (see the file comment).
  for (int position = 1; position <= kLength; ++position) {
    SCOPED_TRACE("position " + std::to_string(position));
    const auto at = static_cast<std::size_t>(position - 1);
    AuditEntry forged = log_[at];
    forged.actor = "member:4";
    forged.action = "case.note";
    forged.case_code = "quiet harbour";
    forged.hash = audit_entry_hash(at == 0 ? audit_genesis_hash() : log_[at - 1].hash, forged);
    ASSERT_EQ(forged.seq, position);

    // Sequence number duplicated: the genuine entry now stands at position + 1 with
    // the number `position`.
    std::vector<AuditEntry> duplicated = log_;
    duplicated.insert(duplicated.begin() + static_cast<std::ptrdiff_t>(at), forged);
    const AuditVerification duplicate = verify_audit_chain(duplicated, head_);
    EXPECT_FALSE(duplicate.intact);
    EXPECT_EQ(duplicate.first_bad_position, position + 1);
    EXPECT_EQ(duplicate.entries_checked, position);
    EXPECT_EQ(duplicate.problem, "entry " + std::to_string(position) + " appears at position " +
                                     std::to_string(position + 1) + " (inserted or out of order)");

    // Every later sequence number moved on by one: the numbering is right, but the
    // genuine entry's hash was computed from its old predecessor and old number.
    std::vector<AuditEntry> renumbered = std::move(duplicated);
    renumber_from(renumbered, at + 1);
    const AuditVerification clever = verify_audit_chain(renumbered, head_);
    EXPECT_FALSE(clever.intact);
    EXPECT_EQ(clever.first_bad_position, position + 1);
    EXPECT_EQ(clever.entries_checked, position);
    EXPECT_EQ(clever.problem,
              "entry " + std::to_string(position + 1) + " does not match its hash (changed, inserted or moved)");
  }
}

TEST_F(AuditChainTest, AnEntryForgedAtTheEndWithItsCorrectHashCannotBeToldFromAGenuineOne) {
  // The limit of an unkeyed chain: appending is what the server does, and nothing in
  // the log tells a forged append from a genuine one; a saved head does not either. It
  // shows only as an entry nobody remembers making.
  AuditEntry forged = log_.back();
  forged.seq = kLength + 1;
  forged.action = "case.read";
  forged.hash = audit_entry_hash(log_.back().hash, forged);
  log_.push_back(forged);
  EXPECT_TRUE(verify_audit_chain(log_, head_).intact);
}

TEST_F(AuditChainTest, TwoSwappedEntriesAreFoundAtTheFirstOfThemEverywhere) {
  for (int position = 1; position < kLength; ++position) {
    SCOPED_TRACE("position " + std::to_string(position));
    const auto at = static_cast<std::size_t>(position - 1);
    // Swapped whole, sequence numbers and all.
    std::swap(log_[at], log_[at + 1]);
    const AuditVerification swapped = verify_audit_chain(log_);
    EXPECT_EQ(swapped.first_bad_position, position);
    EXPECT_EQ(swapped.problem, "entry " + std::to_string(position) + " is missing (the log goes on at " +
                                   std::to_string(position + 1) + ")");
    // Swapped with the sequence numbers put back in order.
    std::swap(log_[at].seq, log_[at + 1].seq);
    const AuditVerification reordered = verify_audit_chain(log_, head_);
    EXPECT_EQ(reordered.first_bad_position, position);
    EXPECT_EQ(reordered.problem,
              "entry " + std::to_string(position) + " does not match its hash (changed, inserted or moved)");
    std::swap(log_[at].seq, log_[at + 1].seq);
    std::swap(log_[at], log_[at + 1]);
  }
  EXPECT_TRUE(verify_audit_chain(log_, head_).intact);
}

// ---- What only a saved head catches ----------------------------------------------------------

TEST_F(AuditChainTest, ALogRewrittenAndRehashedIsCaughtOnlyByASavedHead) {
  const AuditHead at_700 = {700, log_[699].hash};
  const AuditHead at_300 = {300, log_[299].hash};
  log_[499].action = "refused read-case";
  log_[499].digest = digest_of_nothing();
  rehash_from(log_, 499);

  EXPECT_TRUE(verify_audit_chain(log_).intact);
  const AuditVerification against_end = verify_audit_chain(log_, head_);
  EXPECT_FALSE(against_end.intact);
  EXPECT_EQ(against_end.first_bad_position, kLength);
  EXPECT_EQ(against_end.entries_checked, kLength);  // the chain itself is consistent
  EXPECT_EQ(against_end.problem,
            "entry 1000 no longer carries the saved head's hash (the log was rewritten up to there)");
  EXPECT_EQ(verify_audit_chain(log_, at_700).first_bad_position, 700);
  // A head saved before the rewritten entry vouches only for what came before it.
  EXPECT_TRUE(verify_audit_chain(log_, at_300).intact);
}

TEST_F(AuditChainTest, ATruncatedLogIsCaughtOnlyByASavedHead) {
  for (int removed : {1, 2, 10, 999}) {
    SCOPED_TRACE(std::to_string(removed) + " removed");
    std::vector<AuditEntry> truncated(log_.begin(), log_.end() - removed);
    const auto length = static_cast<std::int64_t>(truncated.size());
    EXPECT_TRUE(verify_audit_chain(truncated).intact);
    const AuditVerification report = verify_audit_chain(truncated, head_);
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_bad_position, length + 1);
    EXPECT_EQ(report.problem, "the log ends at entry " + std::to_string(length) +
                                  ", before the saved head at entry 1000 (entries removed from the end)");
  }
}

TEST_F(AuditChainTest, AHeadSavedEarlierStillVerifiesAfterLaterEntries) {
  const AuditHead at_400 = {400, log_[399].hash};
  std::vector<AuditEntry> first_400(log_.begin(), log_.begin() + 400);
  EXPECT_TRUE(verify_audit_chain(first_400, at_400).intact);
  const AuditVerification later = verify_audit_chain(log_, at_400);
  EXPECT_TRUE(later.intact) << later.problem;
  EXPECT_EQ(later.head->seq, kLength);
  // A head that does not belong to this log is refused, wherever it points.
  const AuditHead foreign = {400, blake2b("another log")};
  EXPECT_EQ(verify_audit_chain(log_, foreign).first_bad_position, 400);
}

// ---- Heads as text ----------------------------------------------------------------------------

TEST(AuditHeadTest, FormatAndParseRoundTrip) {
  const AuditHead head = {1042, blake2b("some entry")};
  const std::string text = format_audit_head(head);
  EXPECT_EQ(text, "1042:" + to_hex(head.hash));
  EXPECT_EQ(text.size(), 5 + 64u);
  for (const std::string& written : {text, text + "\n", "  " + text + " \r\n"}) {
    SCOPED_TRACE(written);
    const Result<AuditHead> parsed = parse_audit_head(written);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->seq, 1042);
    EXPECT_EQ(parsed->hash, head.hash);
  }
}

TEST(AuditHeadTest, MalformedHeadsAreInvalidArgumentsOfTheFieldHead) {
  const std::string hex(64, 'a');
  const std::vector<std::string> malformed = {
      "",
      "12",
      ":ab",
      ":" + hex,
      "0:" + hex,
      "-1:" + hex,
      "+1:" + hex,
      "1x:" + hex,
      "1:" + hex.substr(1),
      "1:" + hex + "a",
      "1:" + hex.substr(2) + "zz",
      "1 :" + hex,
      "1:",
      "99999999999999999999:" + hex,
      "1:" + hex + ":" + hex,
  };
  for (const std::string& text : malformed) {
    SCOPED_TRACE("'" + text + "'");
    const Result<AuditHead> parsed = parse_audit_head(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(parsed.error().fields.count("head"), 1u);
  }
}

// ---- The ciphertext digest --------------------------------------------------------------------

TEST(CiphertextDigestTest, TheDigestOfNothingIsBlake2bOfTheEmptyString) {
  unsigned char expected[kAuditHashBytes];
  crypto_generichash(expected, sizeof expected, nullptr, 0, nullptr, 0);
  EXPECT_EQ(digest_of_nothing(), std::string(reinterpret_cast<const char*>(expected), sizeof expected));
  EXPECT_EQ(digest_of_nothing().size(), kAuditHashBytes);
  EXPECT_EQ(audit_genesis_hash(), std::string(kAuditHashBytes, '\0'));
}

TEST(CiphertextDigestTest, DigestsWhatWasAddedInOrderAndTakeStartsAgain) {
  CiphertextDigest digest;
  digest.add("first ciphertext");
  digest.add(std::string("\0\xff second", 9));
  EXPECT_EQ(digest.take(), blake2b(std::string("first ciphertext\0\xff second", 25)));
  EXPECT_EQ(digest.take(), digest_of_nothing());  // take() started again

  digest.add("b");
  digest.add("a");
  const std::string ba = digest.take();
  digest.add("a");
  digest.add("b");
  EXPECT_NE(digest.take(), ba);  // order matters

  digest.add("forgotten");
  digest.reset();
  digest.add("kept");
  EXPECT_EQ(digest.take(), blake2b("kept"));
}

// ---- The hash binds every field -------------------------------------------------------------

TEST(AuditEntryHashTest, ChangingAnyFieldOrThePreviousHashChangesTheHash) {
  AuditEntry base;
  base.seq = 7;
  base.time = Timestamp{1'795'000'000};
  base.community_id = 2;
  base.actor = "member:7";
  base.action = "case.read";
  base.case_code = "home shelf";
  base.digest = blake2b("ciphertext");
  const std::string previous = blake2b("previous entry");
  const std::string hash = audit_entry_hash(previous, base);
  EXPECT_EQ(hash.size(), kAuditHashBytes);
  EXPECT_EQ(audit_entry_hash(previous, base), hash);  // deterministic

  AuditEntry with_hash = base;
  with_hash.hash = "anything";
  EXPECT_EQ(audit_entry_hash(previous, with_hash), hash);  // its own hash is not hashed

  std::vector<std::pair<std::string, AuditEntry>> changed;
  auto change = [&](std::string name, auto mutate) {
    AuditEntry entry = base;
    mutate(entry);
    changed.emplace_back(std::move(name), entry);
  };
  change("seq", [](AuditEntry& e) { e.seq = 8; });
  change("time", [](AuditEntry& e) { e.time.seconds += 1; });
  change("community", [](AuditEntry& e) { e.community_id = 0; });
  change("actor", [](AuditEntry& e) { e.actor = "member:8"; });
  change("action", [](AuditEntry& e) { e.action = "case.note"; });
  change("case code", [](AuditEntry& e) { e.case_code = ""; });
  change("digest", [](AuditEntry& e) { e.digest = digest_of_nothing(); });
  // Text moved from one field to the next: the same bytes in a row, differently cut.
  change("actor/action", [](AuditEntry& e) {
    e.actor = "member:7c";
    e.action = "ase.read";
  });
  change("action/case code", [](AuditEntry& e) {
    e.action = "case.readhome";
    e.case_code = " shelf";
  });
  change("case code/digest", [&](AuditEntry& e) {
    e.case_code = "home shelf" + base.digest.substr(0, 1);
    e.digest = base.digest.substr(1);
  });
  for (const auto& [name, entry] : changed) {
    SCOPED_TRACE(name);
    EXPECT_NE(audit_entry_hash(previous, entry), hash);
  }
  EXPECT_NE(audit_entry_hash(audit_genesis_hash(), base), hash);
}

}  // namespace
}  // namespace conduct::crypto
