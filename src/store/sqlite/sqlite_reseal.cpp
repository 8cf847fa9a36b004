// Resealing one case (Store::reseal_case): every sealed column of the case opened with
// one Sealer and sealed again with another, and its parties' blind indexes rewritten,
// in one savepoint.
//
// Timeline entries are append-only: the trigger entries_are_append_only (migration 1)
// refuses every UPDATE of the entries table, so that a correction can only ever be a new
// entry. Resealing is the one write that has to change entries in place: the text stays
// what it was, only its stored form changes (plaintext from an earlier release becomes
// ciphertext). So reseal_entries, and nothing else in the program, drops the trigger,
// rewrites the bodies, and creates the trigger again from the very SQL the schema holds,
// all inside the savepoint. DDL is transactional in SQLite: no other connection ever
// sees the table without its trigger, and a failure anywhere rolls the trigger back in
// along with every other change. Any other code that wants to change an entry has to add
// a new one instead.
#include "store/sealing.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

constexpr std::string_view kAppendOnlyTrigger = "entries_are_append_only";

// The CREATE TRIGGER statement as the schema holds it.
Result<std::string> trigger_sql(Database& db, std::string_view name) {
  ASSIGN_OR_RETURN(Statement statement,
                   db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"));
  statement.bind(1, name);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return internal_error("the timeline's append-only trigger is missing from the database");
  return statement.text(0);
}

// A row to rewrite: what identifies it within the case, and the value to store.
struct Resealed {
  std::int64_t key = 0;
  std::string value;
};

}  // namespace

Status SqliteStore::reseal_case(const domain::Case& owner, crypto::Sealer& from, crypto::Sealer& to,
                                const std::function<PartyIndexes(const domain::Party&)>& indexes_of) {
  // A savepoint makes this all or nothing on its own, and nests inside in_transaction().
  return db_.in_savepoint("reseal_case", [&] {
    DigestingSealer resealed_with(to, handled_);  // the audit entry covers the new ciphertext
    return reseal_in_savepoint(owner, from, resealed_with, indexes_of);
  });
}

Status SqliteStore::reseal_in_savepoint(const domain::Case& owner, crypto::Sealer& from, crypto::Sealer& to,
                                        const std::function<PartyIndexes(const domain::Party&)>& indexes_of) {
  // Every read finishes before the writes that follow it, so no statement reads rows
  // another one is changing.
  std::string location;
  {
    ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT location_sealed FROM cases WHERE id = ?"));
    select.bind(1, owner.id);
    ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) return not_found("no case '" + owner.code_name + "'");
    ASSIGN_OR_RETURN(location, reseal_field(from, to, owner, "case", "location", select.blob(0)));
  }
  {
    ASSIGN_OR_RETURN(Statement update, db_.prepare("UPDATE cases SET location_sealed = ? WHERE id = ?"));
    TRY(update.bind_blob(1, location).bind(2, owner.id).run());
  }

  ASSIGN_OR_RETURN(const std::vector<domain::Party> parties, parties_of(owner, from));
  for (const domain::Party& party : parties) {
    const std::string record = party_record(party.number);
    const PartyIndexes indexes = indexes_of(party);
    ASSIGN_OR_RETURN(const std::string name, seal_field(to, owner, record, "name", party.name));
    ASSIGN_OR_RETURN(const std::string contact, seal_field(to, owner, record, "contact", party.contact));
    ASSIGN_OR_RETURN(const std::string employer, seal_field(to, owner, record, "employer", party.employer));
    ASSIGN_OR_RETURN(Statement update,
                     db_.prepare("UPDATE parties SET name_sealed = ?, contact_sealed = ?, employer_sealed = ?, "
                                 "contact_index = ?, name_index = ?, employer_index = ? WHERE id = ?"));
    TRY(update.bind_blob(1, name)
            .bind_blob(2, contact)
            .bind_blob(3, employer)
            .bind_blob(4, indexes.contact)
            .bind_blob(5, indexes.name)
            .bind_blob(6, indexes.employer)
            .bind(7, party.id)
            .run());
  }

  TRY(reseal_entries(owner, from, to));

  // The reporter's thread key, when the case has a thread. What it seals (the messages,
  // the drop box's secret key) stays as it is: the key inside does not change.
  {
    std::optional<std::string> key;
    {
      ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT key_sealed FROM reporter_threads WHERE case_id = ?"));
      select.bind(1, owner.id);
      ASSIGN_OR_RETURN(const bool found, select.step());
      if (found) {
        ASSIGN_OR_RETURN(key, reseal_field(from, to, owner, "thread", "key", select.blob(0)));
      }
    }
    if (key) {
      ASSIGN_OR_RETURN(Statement update, db_.prepare("UPDATE reporter_threads SET key_sealed = ? WHERE case_id = ?"));
      TRY(update.bind_blob(1, *key).bind(2, owner.id).run());
    }
  }

  std::vector<Resealed> notes;
  {
    ASSIGN_OR_RETURN(Statement select,
                     db_.prepare("SELECT member_id, note_sealed FROM exclusions WHERE case_id = ? ORDER BY member_id"));
    select.bind(1, owner.id);
    while (true) {
      ASSIGN_OR_RETURN(const bool found, select.step());
      if (!found) break;
      const std::int64_t member_id = select.int64(0);
      ASSIGN_OR_RETURN(std::string note,
                       reseal_field(from, to, owner, exclusion_record(member_id), "note", select.blob(1)));
      notes.push_back({member_id, std::move(note)});
    }
  }
  for (const Resealed& note : notes) {
    ASSIGN_OR_RETURN(Statement update,
                     db_.prepare("UPDATE exclusions SET note_sealed = ? WHERE case_id = ? AND member_id = ?"));
    TRY(update.bind_blob(1, note.value).bind(2, owner.id).bind(3, note.key).run());
  }

  std::vector<Resealed> reasons;
  {
    ASSIGN_OR_RETURN(Statement select,
                     db_.prepare("SELECT id, member_id, requested_at, reason_sealed FROM oversight_grants "
                                 "WHERE case_id = ? ORDER BY id"));
    select.bind(1, owner.id);
    while (true) {
      ASSIGN_OR_RETURN(const bool found, select.step());
      if (!found) break;
      const std::string record = oversight_record(select.int64(1), Timestamp{select.int64(2)});
      ASSIGN_OR_RETURN(std::string reason, reseal_field(from, to, owner, record, "reason", select.blob(3)));
      reasons.push_back({select.int64(0), std::move(reason)});
    }
  }
  for (const Resealed& reason : reasons) {
    ASSIGN_OR_RETURN(Statement update, db_.prepare("UPDATE oversight_grants SET reason_sealed = ? WHERE id = ?"));
    TRY(update.bind_blob(1, reason.value).bind(2, reason.key).run());
  }
  return ok_status();
}

// See the top of this file: the only place that may lift the append-only trigger.
Status SqliteStore::reseal_entries(const domain::Case& owner, crypto::Sealer& from, crypto::Sealer& to) {
  std::vector<Resealed> bodies;
  {
    ASSIGN_OR_RETURN(Statement select,
                     db_.prepare("SELECT id, number, body_sealed FROM entries WHERE case_id = ? ORDER BY number"));
    select.bind(1, owner.id);
    while (true) {
      ASSIGN_OR_RETURN(const bool found, select.step());
      if (!found) break;
      const int number = static_cast<int>(select.int64(1));
      ASSIGN_OR_RETURN(std::string body, reseal_field(from, to, owner, entry_record(number), "body", select.blob(2)));
      bodies.push_back({select.int64(0), std::move(body)});
    }
  }
  if (bodies.empty()) return ok_status();

  ASSIGN_OR_RETURN(const std::string recreate, trigger_sql(db_, kAppendOnlyTrigger));
  TRY(db_.execute("DROP TRIGGER " + std::string(kAppendOnlyTrigger)));
  for (const Resealed& body : bodies) {
    ASSIGN_OR_RETURN(Statement update, db_.prepare("UPDATE entries SET body_sealed = ? WHERE id = ?"));
    TRY(update.bind_blob(1, body.value).bind(2, body.key).run());
  }
  return db_.execute(recreate);
}

}  // namespace conduct::store::sqlite
