#include "store/sqlite/migrations.h"

namespace conduct::store::sqlite {
namespace {

// Version 1: the case record. Times are seconds since the epoch (UTC), dates are days
// since the epoch. Columns ending in _sealed hold Sealer output. Timeline entries are
// append-only: the trigger refuses any UPDATE, so a correction can only be a new entry.
// (Resealing a case rewrites the sealed form of its entries, not their text: it alone
// lifts the trigger, inside its savepoint, and puts it back; see sqlite_reseal.cpp.)
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE communities (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  policy_source TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  term_start INTEGER NOT NULL,
  term_end INTEGER,
  status TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  UNIQUE (community_id, email)
);
CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  code_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  flagged INTEGER NOT NULL DEFAULT 0,
  banned_until INTEGER,
  banned_permanently INTEGER NOT NULL DEFAULT 0,
  UNIQUE (community_id, code_name)
);
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  code_name TEXT NOT NULL,
  state TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  occurred_on INTEGER,
  space_key TEXT NOT NULL DEFAULT '',
  location_sealed BLOB NOT NULL,
  ongoing INTEGER NOT NULL DEFAULT 0,
  physical_danger INTEGER NOT NULL DEFAULT 0,
  resolution_source TEXT,
  resolution_outcome TEXT,
  UNIQUE (community_id, code_name)
);
CREATE INDEX cases_by_state ON cases (community_id, state, opened_at);
CREATE TABLE case_categories (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  category TEXT NOT NULL,
  PRIMARY KEY (case_id, category)
);
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  number INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  recorded_by INTEGER REFERENCES members(id),
  entry_number INTEGER NOT NULL,
  UNIQUE (case_id, number)
);
CREATE TABLE parties (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  number INTEGER NOT NULL,
  role TEXT NOT NULL,
  person_id INTEGER REFERENCES persons(id),
  name_sealed BLOB NOT NULL,
  contact_sealed BLOB NOT NULL,
  UNIQUE (case_id, number)
);
CREATE INDEX parties_by_person ON parties (person_id);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  author_id INTEGER REFERENCES members(id),
  created_at INTEGER NOT NULL,
  body_sealed BLOB NOT NULL,
  corrects INTEGER,
  from_state TEXT,
  to_state TEXT,
  UNIQUE (case_id, number)
);
CREATE TRIGGER entries_are_append_only BEFORE UPDATE ON entries
BEGIN
  SELECT RAISE(ABORT, 'timeline entries are append-only');
END;
)sql";

// Version 2: conflicts of interest and access grants. Members gain handles (space-
// separated, for matching parties) and an employer; parties gain a sealed employer.
constexpr std::string_view kVersion2 = R"sql(
ALTER TABLE members ADD COLUMN handles TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN employer TEXT NOT NULL DEFAULT '';
ALTER TABLE parties ADD COLUMN employer_sealed BLOB NOT NULL DEFAULT X'';
CREATE TABLE exclusions (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  note_sealed BLOB NOT NULL,
  PRIMARY KEY (case_id, member_id)
);
CREATE TABLE possible_conflicts (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, member_id)
);
CREATE TABLE screenings (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  screened_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, member_id)
);
CREATE TABLE invitations (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  invited_by INTEGER NOT NULL REFERENCES members(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, member_id)
);
CREATE TABLE oversight_grants (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  reason_sealed BLOB NOT NULL,
  requested_at INTEGER NOT NULL,
  days INTEGER NOT NULL,
  approved_by INTEGER REFERENCES members(id),
  approved_at INTEGER
);
CREATE INDEX oversight_grants_by_case ON oversight_grants (case_id);
)sql";

// Version 3: signing in. Byte columns hold values derived and sealed by src/crypto;
// none of them opens anything without a password or a session token.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE credentials (
  member_id INTEGER PRIMARY KEY REFERENCES members(id),
  password_salt BLOB NOT NULL,
  password_verifier BLOB NOT NULL,
  ops_limit INTEGER NOT NULL,
  mem_limit INTEGER NOT NULL,
  box_public BLOB NOT NULL,
  sign_public BLOB NOT NULL,
  private_keys_sealed BLOB NOT NULL,
  totp_secret_sealed BLOB NOT NULL,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  enrolled_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  lookup_id TEXT PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  csrf_token TEXT NOT NULL,
  private_keys_sealed BLOB NOT NULL
);
CREATE INDEX sessions_by_member ON sessions (member_id);
CREATE TABLE enrolments (
  lookup_id TEXT PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  issued_by INTEGER NOT NULL REFERENCES members(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  root_secret_sealed BLOB NOT NULL DEFAULT X''
);
CREATE TABLE throttles (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure INTEGER NOT NULL
);
CREATE TABLE certificates (
  member_id INTEGER PRIMARY KEY REFERENCES members(id),
  issuer_sign_public BLOB NOT NULL,
  issued_at INTEGER NOT NULL,
  signature BLOB NOT NULL
);
CREATE TABLE root_keys (
  community_id INTEGER PRIMARY KEY REFERENCES communities(id),
  sign_public BLOB NOT NULL
);
CREATE TABLE root_key_wraps (
  community_id INTEGER NOT NULL REFERENCES communities(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  root_secret_sealed BLOB NOT NULL,
  PRIMARY KEY (community_id, member_id)
);
)sql";

// Version 4: a screening grants access only once a member who handles the case
// approves it. Screenings recorded before this version count as approved.
constexpr std::string_view kVersion4 = R"sql(
ALTER TABLE screenings ADD COLUMN approved_by INTEGER REFERENCES members(id);
ALTER TABLE screenings ADD COLUMN approved_at INTEGER;
UPDATE screenings SET approved_by = member_id, approved_at = screened_at;
)sql";

// Version 5: sealed records (docs/security.md "Per-case keys"). Each case has a key with
// versions; every version is wrapped (sealed) for each member who holds it and for the
// community's recovery key. A wrap's holder is spelt out as 'member:<id>' or
// 'recovery', because the primary key cannot use member_id: NULLs are distinct in
// keys, so two recovery wraps of one version would both be kept; the CHECK keeps the
// two columns in step. Cases record which version their new values are sealed with
// and whether a holder was removed since. Cases written before this version are
// plaintext and keep version 0 until they are sealed; new cases start at 1. Parties
// gain blind indexes of their contact, name and employer, so matching them against
// members needs no key; existing parties have none (empty) until their case is sealed.
constexpr std::string_view kVersion5 = R"sql(
ALTER TABLE cases ADD COLUMN key_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN rotation_due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE parties ADD COLUMN contact_index BLOB NOT NULL DEFAULT X'';
ALTER TABLE parties ADD COLUMN name_index BLOB NOT NULL DEFAULT X'';
ALTER TABLE parties ADD COLUMN employer_index BLOB NOT NULL DEFAULT X'';
CREATE TABLE case_key_wraps (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  key_version INTEGER NOT NULL,
  holder TEXT NOT NULL,
  member_id INTEGER REFERENCES members(id),
  recipient_public BLOB NOT NULL,
  wrapped_key BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, key_version, holder),
  CHECK (holder = CASE WHEN member_id IS NULL THEN 'recovery' ELSE 'member:' || member_id END)
);
CREATE INDEX case_key_wraps_by_member ON case_key_wraps (member_id);
CREATE TABLE recovery_keys (
  community_id INTEGER PRIMARY KEY REFERENCES communities(id),
  box_public BLOB NOT NULL,
  signature BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
)sql";

// Version 6: evidence files (docs/security.md "Per-case keys", §4 "src/store"). A file's row
// holds its plain columns and its sealed name, description and key (the key sealed
// under the case's key, like any confidential field); its content is stored as
// chunks, one row each, sealed under the file's own key before they arrive. Files and
// chunks are append-only, like timeline entries: the triggers refuse any UPDATE.
constexpr std::string_view kVersion6 = R"sql(
CREATE TABLE evidence_files (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  number INTEGER NOT NULL,
  size_bytes INTEGER NOT NULL,
  chunk_count INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  author_id INTEGER REFERENCES members(id),
  name_sealed BLOB NOT NULL,
  description_sealed BLOB NOT NULL,
  file_key_sealed BLOB NOT NULL,
  UNIQUE (case_id, number)
);
CREATE TABLE evidence_chunks (
  evidence_id INTEGER NOT NULL REFERENCES evidence_files(id),
  chunk_index INTEGER NOT NULL,
  sealed BLOB NOT NULL,
  PRIMARY KEY (evidence_id, chunk_index)
);
CREATE TRIGGER evidence_files_are_append_only BEFORE UPDATE ON evidence_files
BEGIN
  SELECT RAISE(ABORT, 'evidence files are append-only');
END;
CREATE TRIGGER evidence_chunks_are_append_only BEFORE UPDATE ON evidence_chunks
BEGIN
  SELECT RAISE(ABORT, 'evidence chunks are append-only');
END;
)sql";

// The tamper-evident audit log: one chain per database, append-only.
constexpr std::string_view kVersion7 = R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  community_id INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  case_code TEXT NOT NULL,
  digest BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE INDEX audit_log_by_case ON audit_log (community_id, case_code, seq);
CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_keeps_entries BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
)sql";

// Retention (docs/security.md "Crypto-shredding and backups"; domain/retention.h). A case
// records when it was resolved, where its retention clock starts; cases resolved
// before this version take their last update time. A legal hold, placed by a chair,
// keeps a case from being expunged (legal_hold_by holds the chair's member id). An
// expunged case leaves one row of anonymous statistics in case_statistics: plain columns only, nothing sealed, and
// nothing that names or points back to the case (categories and consequence levels are space-separated names;
// consequence levels stay empty until the ladder is recorded per case).
constexpr std::string_view kVersion8 = R"sql(
ALTER TABLE cases ADD COLUMN resolved_at INTEGER;
UPDATE cases SET resolved_at = updated_at WHERE resolution_source IS NOT NULL;
ALTER TABLE cases ADD COLUMN legal_hold_since INTEGER;
ALTER TABLE cases ADD COLUMN legal_hold_by INTEGER;
CREATE TABLE case_statistics (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  period TEXT NOT NULL,
  space_kind TEXT,
  categories TEXT NOT NULL,
  people_named INTEGER NOT NULL,
  resolution_source TEXT,
  consequence_levels TEXT NOT NULL DEFAULT '',
  flagged INTEGER NOT NULL,
  escalated INTEGER NOT NULL,
  days_to_acknowledge INTEGER,
  days_to_resolve INTEGER
);
CREATE INDEX case_statistics_by_community ON case_statistics (community_id, period);
)sql";

// Access decided by index (domain/visibility.h) and look-ups by key: the case list
// walks cases newest first within a community; each relation of a member to cases is
// found from the member; parties are found by their blind indexes.
constexpr std::string_view kVersion9 = R"sql(
CREATE INDEX cases_by_opening ON cases (community_id, opened_at);
CREATE INDEX exclusions_by_member ON exclusions (member_id);
CREATE INDEX possible_conflicts_by_member ON possible_conflicts (member_id);
CREATE INDEX screenings_by_member ON screenings (member_id);
CREATE INDEX invitations_by_member ON invitations (member_id);
CREATE INDEX oversight_grants_by_member ON oversight_grants (member_id);
CREATE INDEX parties_by_contact_index ON parties (contact_index, role);
CREATE INDEX parties_by_name_index ON parties (name_index);
CREATE INDEX parties_by_employer_index ON parties (employer_index);
)sql";

// Retention finds the cases that can come due — those with a resolution — by index, so
// a run never walks the open cases of a community.
constexpr std::string_view kVersion10 = R"sql(
CREATE INDEX cases_resolved ON cases (community_id) WHERE resolution_source IS NOT NULL;
)sql";

// Throttles keyed by a keyed hash of what was typed (never the text itself), forgotten
// by index once every failure is forgiven; warnings to the chairs about failed sign-ins
// against one account from many addresses. The old rows, which held typed text, go.
constexpr std::string_view kVersion11 = R"sql(
DROP TABLE throttles;
CREATE TABLE throttles (
  key BLOB PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure INTEGER NOT NULL,
  forgiven_at INTEGER NOT NULL
);
CREATE INDEX throttles_by_forgiveness ON throttles (forgiven_at);
CREATE TABLE sign_in_warnings (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  raised_at INTEGER NOT NULL,
  failures INTEGER NOT NULL
);
CREATE INDEX sign_in_warnings_by_community ON sign_in_warnings (community_id, raised_at);
)sql";

// Oversight requests that name no case the requester may ask about (no case at all, or
// one they are excluded from): kept for the chairs, so the requester is answered alike.
constexpr std::string_view kVersion12 = R"sql(
CREATE TABLE oversight_requests_unmatched (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  code_asked TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  days INTEGER NOT NULL
);
CREATE INDEX oversight_requests_unmatched_by_community ON oversight_requests_unmatched (community_id, requested_at);
)sql";

// A check value of the blind-index key (a keyed hash of a fixed text): a different key
// is refused instead of quietly matching nothing.
constexpr std::string_view kVersion13 = R"sql(
CREATE TABLE index_key_check (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  check_value BLOB NOT NULL
);
)sql";

// The answers of writes sent with an Idempotency-Key, sealed under a key only the
// session that sent them can derive, found by a keyed hash: a retry gets the first
// answer instead of writing twice. A row with status 0 is a write still in progress.
constexpr std::string_view kVersion14 = R"sql(
CREATE TABLE idempotent_answers (
  lookup BLOB PRIMARY KEY,
  request_digest BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  status INTEGER NOT NULL,
  answer_sealed BLOB NOT NULL
);
CREATE INDEX idempotent_answers_by_age ON idempotent_answers (created_at);
)sql";

// Reports from people without an account. A reporter's thread (their receipt's
// verifier, the thread's key sealed for the receipt and for the case's holders) and the
// messages exchanged on it, sealed under the thread's key; the reporter's portal
// sessions; and the outgoing mail queue, each message sealed under a key derived from
// the blind-index key (never in the database) and dropped once sent.
constexpr std::string_view kVersion15 = R"sql(
CREATE TABLE reporter_threads (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  receipt_id TEXT NOT NULL UNIQUE,
  receipt_salt BLOB NOT NULL,
  receipt_verifier BLOB NOT NULL,
  receipt_ops_limit INTEGER NOT NULL,
  receipt_mem_limit INTEGER NOT NULL,
  key_for_receipt BLOB NOT NULL,
  key_sealed BLOB NOT NULL,
  answer_by_email INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE thread_messages (
  case_id INTEGER NOT NULL REFERENCES reporter_threads(case_id),
  number INTEGER NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('to-reporter', 'from-reporter')),
  author_id INTEGER REFERENCES members(id),
  body_sealed BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, number)
);
CREATE TABLE portal_sessions (
  lookup_id TEXT PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES reporter_threads(case_id),
  key_sealed BLOB NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX portal_sessions_by_case ON portal_sessions (case_id);
CREATE INDEX portal_sessions_by_age ON portal_sessions (last_seen_at);
CREATE TABLE mail_queue (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  case_id INTEGER REFERENCES cases(id),
  kind TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  message_sealed BLOB,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at) WHERE status = 'queued';
CREATE INDEX mail_queue_by_case ON mail_queue (case_id);
)sql";

// Content notes on a report (plain, like categories): the kinds of content a member is
// warned of before its text opens, comma-separated keys.
constexpr std::string_view kVersion16 = R"sql(
ALTER TABLE reports ADD COLUMN content_notes TEXT NOT NULL DEFAULT '';
)sql";

// The mail that needs the chairs' attention (failed, or retrying), found by index.
constexpr std::string_view kVersion17 = R"sql(
CREATE INDEX mail_queue_trouble ON mail_queue (community_id, id)
  WHERE status = 'failed' OR (status = 'queued' AND attempts > 0);
)sql";

// Incoming mail: the blind indexes that thread replies to their case (message ids and
// subject tags), and the quarantine of messages no rule could place, each sealed under
// a key of its own wrapped for the community's chairs and its recovery key.
constexpr std::string_view kVersion18 = R"sql(
CREATE TABLE mail_threads (
  blind BLOB NOT NULL UNIQUE,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CHECK (kind IN ('message-id', 'subject-tag'))
);
CREATE INDEX mail_threads_by_case ON mail_threads (case_id);
CREATE TABLE mail_quarantine (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  reason TEXT NOT NULL,
  message_blind BLOB NOT NULL UNIQUE,
  size_bytes INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  message_sealed BLOB,
  status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'filed', 'discarded')),
  decided_by INTEGER REFERENCES members(id),
  decided_at INTEGER,
  case_id INTEGER REFERENCES cases(id)
);
CREATE INDEX mail_quarantine_waiting ON mail_quarantine (community_id, id) WHERE status = 'waiting';
CREATE INDEX mail_quarantine_by_case ON mail_quarantine (case_id) WHERE case_id IS NOT NULL;
CREATE TABLE mail_quarantine_wraps (
  quarantine_id INTEGER NOT NULL REFERENCES mail_quarantine(id),
  member_id INTEGER REFERENCES members(id),
  recipient_public BLOB NOT NULL,
  wrapped_key BLOB NOT NULL,
  PRIMARY KEY (quarantine_id, recipient_public)
);
)sql";

// A message being handed to a transport that cannot tell a repeat (SMTP) is marked
// first, so a hand-over a crash interrupted is never repeated (app/mail_queue.h).
// And the audit head mailed to the chairs is found by index (when it was last sent).
constexpr std::string_view kVersion19 = R"sql(
ALTER TABLE mail_queue ADD COLUMN handing_over_since INTEGER;
CREATE INDEX mail_queue_audit_heads ON mail_queue (created_at) WHERE kind = 'audit-head';
)sql";

// Drafts of messages to people outside the group, their content sealed under the case's
// key, and who decided them.
constexpr std::string_view kVersion20 = R"sql(
CREATE TABLE drafts (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  number INTEGER NOT NULL,
  recipient TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'sent', 'withdrawn')),
  author_id INTEGER NOT NULL REFERENCES members(id),
  decided_by INTEGER REFERENCES members(id),
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  content_sealed BLOB NOT NULL,
  PRIMARY KEY (case_id, number)
);
)sql";

// What local representatives sent: the kind is plain (a status sheet could show it),
// the content is the case's, sealed; a representative lists their own by index. And the
// drafts waiting for a second member, found by index for the members' intake queue.
constexpr std::string_view kVersion21 = R"sql(
CREATE TABLE local_submissions (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL CHECK (kind IN ('report', 'summary', 'escalation')),
  submitted_at INTEGER NOT NULL
);
CREATE INDEX local_submissions_by_member ON local_submissions (member_id, submitted_at DESC, case_id DESC);
CREATE INDEX drafts_by_status ON drafts (status, created_at);
)sql";

// A drop box per reporter's thread, so that mail intake, which holds no key, can add the
// reporter's mail replies to the thread: an X25519 key pair whose public half is plain
// (intake seals to it) and whose secret half is sealed under the thread's key (whoever
// opens the thread opens it). Threads made before have none until a writer opens them.
// A message says which key it is sealed to.
constexpr std::string_view kVersion22 = R"sql(
ALTER TABLE reporter_threads ADD COLUMN inbox_public BLOB;
ALTER TABLE reporter_threads ADD COLUMN inbox_secret_sealed BLOB;
ALTER TABLE thread_messages ADD COLUMN sealed_to TEXT NOT NULL DEFAULT 'thread-key'
  CHECK (sealed_to IN ('thread-key', 'inbox'));
)sql";

// Reports held in escrow until another report names the same person: a plain flag the
// access policy reads (domain/escrow.h). The listings filter on it; the release looks
// up the held cases through the parties' blind-index and person indexes (migration 9
// and 1), and first through the held cases' own partial index (migration 25).
constexpr std::string_view kVersion23 = R"sql(
ALTER TABLE cases ADD COLUMN escrowed INTEGER NOT NULL DEFAULT 0;
)sql";

// Cases linked into the case their incident is handled in (domain/case_links.h): a
// case is linked into at most one other, found by its id; the cases linked into a
// primary, by the second index. Plain: which cases belong together is status-sheet
// information, and the access policy does not read it.
constexpr std::string_view kVersion24 = R"sql(
CREATE TABLE case_links (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  primary_case_id INTEGER NOT NULL REFERENCES cases(id),
  linked_by INTEGER REFERENCES members(id),
  linked_at INTEGER NOT NULL,
  CHECK (case_id <> primary_case_id)
);
CREATE INDEX case_links_by_primary ON case_links (primary_case_id);
)sql";

// What every case written asks, by index. Whether its reported persons release a held
// case: the held cases by community (a partial index, as small as the number of held
// cases; a community rarely holds any). And the earliest reported party with the same
// contact (a repeat report): the contact index ordered by case and number, so the
// look-up reads one row instead of sorting every report naming that contact.
constexpr std::string_view kVersion25 = R"sql(
CREATE INDEX cases_held ON cases (community_id) WHERE escrowed = 1;
DROP INDEX parties_by_contact_index;
CREATE INDEX parties_by_contact_index ON parties (contact_index, role, case_id, number);
)sql";

// The group's decisions (domain/evaluation.h, response.h, proposal.h, vote.h). What a
// status sheet could show is plain (urgency, the resolution and its rung, dates,
// outcomes); an evaluation's answers and texts, a proposal's texts and every ballot are
// sealed under the case's key,
// so a vote is counted only in the session of a member who holds it. A case's urgency
// is its latest evaluation's, on the case for the list. Open votes by community and
// deadline, and each table by case, are found by key.
constexpr std::string_view kVersion26 = R"sql(
ALTER TABLE cases ADD COLUMN urgency TEXT NOT NULL DEFAULT 'normal'
  CHECK (urgency IN ('normal', 'raised', 'high'));
CREATE TABLE evaluations (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  entry_number INTEGER NOT NULL,
  evaluated_by INTEGER NOT NULL REFERENCES members(id),
  evaluated_at INTEGER NOT NULL,
  established_pattern INTEGER NOT NULL,
  urgency TEXT NOT NULL,
  content_sealed BLOB NOT NULL,
  PRIMARY KEY (case_id, entry_number)
);
CREATE TABLE response_steps (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  party_number INTEGER NOT NULL,
  step TEXT NOT NULL CHECK (step IN ('told', 'responded', 'waived-for-safety')),
  entry_number INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES members(id),
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, party_number, step)
);
CREATE TABLE proposals (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  number INTEGER NOT NULL,
  reported_party INTEGER NOT NULL,
  resolution TEXT NOT NULL,
  ladder_rank INTEGER,
  duration_days INTEGER,
  review_on INTEGER,
  proposed_by INTEGER NOT NULL REFERENCES members(id),
  proposed_at INTEGER NOT NULL,
  entry_number INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('voting', 'agreed', 'not-agreed', 'superseded', 'enacted')),
  content_sealed BLOB NOT NULL,
  PRIMARY KEY (case_id, number)
);
CREATE TABLE votes (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  matter TEXT NOT NULL CHECK (matter IN ('proposal')),
  case_id INTEGER REFERENCES cases(id),
  proposal_number INTEGER,
  ladder_rank INTEGER,
  proposer_id INTEGER NOT NULL REFERENCES members(id),
  opened_at INTEGER NOT NULL,
  closes_at INTEGER NOT NULL,
  closed_at INTEGER,
  outcome TEXT CHECK (outcome IN ('passed-by-consensus', 'passed-by-two-thirds', 'to-the-board')),
  arithmetic TEXT
);
CREATE INDEX votes_by_case ON votes (case_id, proposal_number);
CREATE INDEX votes_open ON votes (community_id, closes_at) WHERE closed_at IS NULL;
CREATE TABLE ballots (
  vote_id INTEGER NOT NULL REFERENCES votes(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  cast_at INTEGER NOT NULL,
  ballot_sealed BLOB NOT NULL,
  PRIMARY KEY (vote_id, member_id)
);
)sql";

// The feedback round of an agreed proposal (domain/feedback.h): who was asked, how and
// when, and when they answered, by case. The words shown and the answers are timeline
// entries, sealed like every entry.
constexpr std::string_view kVersion27 = R"sql(
CREATE TABLE feedback_requests (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  proposal_number INTEGER NOT NULL,
  party_number INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('portal', 'email', 'phone', 'in-person', 'other')),
  asked_at INTEGER NOT NULL,
  asked_by INTEGER NOT NULL REFERENCES members(id),
  answered_at INTEGER,
  answer_recorded_by INTEGER REFERENCES members(id),
  PRIMARY KEY (case_id, proposal_number, party_number)
);
)sql";

// Actions a member took at once (domain/unilateral.h): what a status sheet could show
// is plain (situation, status, times); what was done, why and whom it affects are
// sealed under the case's key. Their review is a vote of matter "action", so the votes
// table is made again to allow it and to name the action: ballots go first (they refer
// to votes), and both are copied as they were.
constexpr std::string_view kVersion28 = R"sql(
CREATE TABLE unilateral_actions (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  number INTEGER NOT NULL,
  revises INTEGER,
  situation TEXT NOT NULL CHECK (situation IN ('ongoing', 'physical-danger')),
  status TEXT NOT NULL CHECK (status IN ('awaiting-report', 'under-review', 'ratified', 'revising', 'revised',
                                         'to-the-board', 'superseded')),
  taken_by INTEGER NOT NULL REFERENCES members(id),
  taken_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  report_due INTEGER NOT NULL,
  reported_at INTEGER,
  entry_number INTEGER NOT NULL,
  content_sealed BLOB NOT NULL,
  PRIMARY KEY (case_id, number)
);
CREATE TABLE votes_with_actions (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  matter TEXT NOT NULL CHECK (matter IN ('proposal', 'action')),
  case_id INTEGER REFERENCES cases(id),
  proposal_number INTEGER,
  action_number INTEGER,
  ladder_rank INTEGER,
  proposer_id INTEGER NOT NULL REFERENCES members(id),
  opened_at INTEGER NOT NULL,
  closes_at INTEGER NOT NULL,
  closed_at INTEGER,
  outcome TEXT CHECK (outcome IN ('passed-by-consensus', 'passed-by-two-thirds', 'to-the-board')),
  arithmetic TEXT
);
INSERT INTO votes_with_actions (id, community_id, matter, case_id, proposal_number, ladder_rank, proposer_id,
                                opened_at, closes_at, closed_at, outcome, arithmetic)
  SELECT id, community_id, matter, case_id, proposal_number, ladder_rank, proposer_id, opened_at, closes_at,
         closed_at, outcome, arithmetic FROM votes;
CREATE TABLE ballots_kept AS SELECT * FROM ballots;
DROP TABLE ballots;
DROP TABLE votes;
ALTER TABLE votes_with_actions RENAME TO votes;
CREATE INDEX votes_by_case ON votes (case_id, proposal_number);
CREATE INDEX votes_open ON votes (community_id, closes_at) WHERE closed_at IS NULL;
CREATE TABLE ballots (
  vote_id INTEGER NOT NULL REFERENCES votes(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  cast_at INTEGER NOT NULL,
  ballot_sealed BLOB NOT NULL,
  PRIMARY KEY (vote_id, member_id)
);
INSERT INTO ballots SELECT vote_id, member_id, cast_at, ballot_sealed FROM ballots_kept;
DROP TABLE ballots_kept;
)sql";

// The group's meetings (domain/meeting.h): when, who attended and who wrote them up are
// plain, as a status sheet would show them; the general minutes are sealed under a key
// of the meeting's own, wrapped for the group's members of the day and the recovery key.
// What was said about a case, and decisions taken in chat, are that case's timeline
// entries; the meeting only lists them, so an expunged case takes them along.
constexpr std::string_view kVersion29 = R"sql(
CREATE TABLE meetings (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  number INTEGER NOT NULL,
  held_on INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES members(id),
  recorded_at INTEGER NOT NULL,
  minutes_sealed BLOB,
  UNIQUE (community_id, number)
);
CREATE TABLE meeting_attendees (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  PRIMARY KEY (meeting_id, member_id)
);
CREATE TABLE meeting_key_wraps (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  member_id INTEGER REFERENCES members(id),
  recipient_public BLOB NOT NULL,
  wrapped_key BLOB NOT NULL,
  PRIMARY KEY (meeting_id, recipient_public)
);
CREATE TABLE meeting_entries (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  entry_number INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, case_id, entry_number)
);
CREATE INDEX meeting_entries_by_case ON meeting_entries (case_id);
)sql";

// The group's own matters put to the vote (domain/group_matter.h): kind, status and the
// vote's times and outcome are plain; the text is sealed under a key of the matter's own,
// wrapped for the group's voting members of the day and the recovery key, and so is
// each ballot. Who stood aside is plain, as a conflict on a case is.
constexpr std::string_view kVersion30 = R"sql(
CREATE TABLE group_matters (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  number INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('admit-member', 'guideline', 'policy', 'other')),
  status TEXT NOT NULL CHECK (status IN ('voting', 'agreed', 'to-the-board')),
  proposed_by INTEGER NOT NULL REFERENCES members(id),
  opened_at INTEGER NOT NULL,
  closes_at INTEGER NOT NULL,
  closed_at INTEGER,
  outcome TEXT CHECK (outcome IN ('passed-by-consensus', 'passed-by-two-thirds', 'to-the-board')),
  arithmetic TEXT,
  text_sealed BLOB NOT NULL,
  UNIQUE (community_id, number)
);
CREATE TABLE group_matter_wraps (
  matter_id INTEGER NOT NULL REFERENCES group_matters(id),
  member_id INTEGER REFERENCES members(id),
  recipient_public BLOB NOT NULL,
  wrapped_key BLOB NOT NULL,
  PRIMARY KEY (matter_id, recipient_public)
);
CREATE TABLE group_matter_ballots (
  matter_id INTEGER NOT NULL REFERENCES group_matters(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  cast_at INTEGER NOT NULL,
  ballot_sealed BLOB NOT NULL,
  PRIMARY KEY (matter_id, member_id)
);
CREATE TABLE group_matter_recusals (
  matter_id INTEGER NOT NULL REFERENCES group_matters(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  recused_at INTEGER NOT NULL,
  PRIMARY KEY (matter_id, member_id)
);
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "the case record: communities, members, persons, cases, reports, parties, entries", kVersion1},
      {2, "conflicts of interest, screenings, adviser invitations and oversight grants", kVersion2},
      {3, "signing in: credentials, sessions, enrolment links, throttles, certificates, root keys", kVersion3},
      {4, "screenings wait for approval by a member who handles the case", kVersion4},
      {5, "sealed records: case key wraps and versions, the recovery key, blind indexes of parties", kVersion5},
      {6, "evidence files: sealed names, descriptions and file keys; content in sealed chunks", kVersion6},
      {7, "the audit log: entries chained by BLAKE2b, append-only", kVersion7},
      {8, "retention: resolution times, legal holds and the statistics rows of expunged cases", kVersion8},
      {9, "access decided by index: indexes on the case list, members' relations and blind indexes", kVersion9},
      {10, "retention: the resolved cases of a community by index", kVersion10},
      {11, "throttles keyed by keyed hashes and forgotten by index; sign-in warnings to the chairs", kVersion11},
      {12, "oversight requests that name no case the requester may ask about", kVersion12},
      {13, "a check value of the blind-index key", kVersion13},
      {14, "the answers of writes sent with an Idempotency-Key", kVersion14},
      {15, "reports from people without an account: reporter threads, portal sessions, the mail queue", kVersion15},
      {16, "content notes on reports", kVersion16},
      {17, "the mail that needs attention, by index", kVersion17},
      {18, "incoming mail: threads by blind index, and the quarantine sealed for the chairs", kVersion18},
      {19, "mail being handed to a transport that cannot tell a repeat; audit heads mailed, by index", kVersion19},
      {20, "drafts of messages to people outside the group, and their review", kVersion20},
      {21, "what local representatives sent, and the drafts waiting for review by index", kVersion21},
      {22, "a drop box per reporter's thread, for the reporter's replies by mail", kVersion22},
      {23, "reports held in escrow until another report names the same person", kVersion23},
      {24, "cases linked into the case their incident is handled in", kVersion24},
      {25, "the cases held in escrow, and reported parties by contact in case order, by index", kVersion25},
      {26, "the group's decisions: evaluations, the reported person's response, proposals, votes and ballots",
       kVersion26},
      {27, "the feedback round: who was asked about an agreed proposal, how, and when they answered", kVersion27},
      {28, "actions a member took at once, and votes that review them", kVersion28},
      {29, "the group's meetings: attendees, sealed minutes, and the case entries they wrote", kVersion29},
      {30, "the group's own matters put to the vote, their sealed ballots and who stood aside", kVersion30},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

Result<int> schema_version(Database& db) {
  TRY(
      db.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
  ASSIGN_OR_RETURN(Statement statement, db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  ASSIGN_OR_RETURN(const bool row, statement.step());
  return row ? static_cast<int>(statement.int64(0)) : 0;
}

Status migrate(Database& db, int target) {
  if (target < 0) target = latest_schema_version();
  ASSIGN_OR_RETURN(const int current, schema_version(db));
  if (current > latest_schema_version())
    return failed_precondition("the database is at schema version " + std::to_string(current) +
                               ", newer than this program (" + std::to_string(latest_schema_version()) +
                               "); use a newer conduct");
  for (const Migration& migration : migrations()) {
    if (migration.version <= current || migration.version > target) continue;
    TRY(db.execute("BEGIN IMMEDIATE"));
    Status applied = db.execute(migration.sql);
    if (applied.ok()) {
      auto record = db.prepare(
          "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, strftime('%s','now'))");
      if (!record.ok())
        applied = record.error();
      else
        applied = record->bind(1, migration.version).bind(2, migration.description).run();
    }
    if (!applied.ok()) {
      (void)db.execute("ROLLBACK");
      return internal_error("migration " + std::to_string(migration.version) + " failed: " + applied.error().message);
    }
    TRY(db.execute("COMMIT"));
  }
  return ok_status();
}

}  // namespace conduct::store::sqlite
