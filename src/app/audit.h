// The audit log as the use cases write and read it (docs/security.md "Tamper-evident audit
// log"; the chain itself is crypto/audit_chain.h).
//
// Every write records one entry in the same transaction as the write, so the two
// commit together; every read of sealed content records one entry after the read,
// with the digest of the ciphertext opened; every refusal records one entry that
// survives the refused command's rollback. Entries name the action attempted, never its
// outcome or any content: "case.note", not what the note says; "refused read-case"
// whether the case is missing or withheld, so the log cannot tell the two apart either.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "crypto/audit_chain.h"
#include "domain/access.h"
#include "domain/case.h"

namespace conduct::app {

// The actions the log names.
namespace audit_action {
inline constexpr std::string_view kInitCommunity = "community.init";
inline constexpr std::string_view kOpenCase = "case.open";
inline constexpr std::string_view kAddReport = "case.report";
inline constexpr std::string_view kLinkCase = "case.link";
inline constexpr std::string_view kSplitCase = "case.split";
inline constexpr std::string_view kEvaluate = "case.evaluate";
inline constexpr std::string_view kRecordResponse = "case.response";
inline constexpr std::string_view kPropose = "case.propose";
inline constexpr std::string_view kCastBallot = "case.vote";
inline constexpr std::string_view kCloseVote = "case.vote-closed";  // by whoever's count closed it
inline constexpr std::string_view kRecordFeedback = "case.feedback";
inline constexpr std::string_view kEnact = "case.enact";
inline constexpr std::string_view kTakeAction = "case.act";
inline constexpr std::string_view kReportAction = "case.act-report";
inline constexpr std::string_view kReviseAction = "case.act-revise";
inline constexpr std::string_view kReadCase = "case.read";
inline constexpr std::string_view kSearchCase = "case.search";
inline constexpr std::string_view kAddNote = "case.note";
inline constexpr std::string_view kTransition = "case.transition";
inline constexpr std::string_view kChangeFlags = "case.flags";
inline constexpr std::string_view kRecordMinutes = "case.minutes";  // a meeting wrote on the case
inline constexpr std::string_view kRecordMeeting = "meeting.record";
inline constexpr std::string_view kReadMeeting = "meeting.read";
inline constexpr std::string_view kProposeMatter = "matter.propose";
inline constexpr std::string_view kReadMatter = "matter.read";
inline constexpr std::string_view kCastMatterBallot = "matter.vote";
inline constexpr std::string_view kStandAsideFromMatter = "matter.stand-aside";
inline constexpr std::string_view kCloseMatterVote = "matter.vote-closed";
inline constexpr std::string_view kDeclareConflict = "conflict.declare";
inline constexpr std::string_view kRecordConflicts = "conflict.record";
inline constexpr std::string_view kScreenCase = "case.screen";
inline constexpr std::string_view kGrantAccess = "access.grant";
inline constexpr std::string_view kInviteAdviser = "adviser.invite";
inline constexpr std::string_view kRequestOversight = "oversight.request";
inline constexpr std::string_view kApproveOversight = "oversight.approve";
inline constexpr std::string_view kListOversight = "oversight.list";
inline constexpr std::string_view kAddEvidence = "evidence.add";
inline constexpr std::string_view kListEvidence = "evidence.list";
inline constexpr std::string_view kReadEvidence = "evidence.read";
inline constexpr std::string_view kRotateKey = "keys.rotate";
inline constexpr std::string_view kRecoverKey = "keys.recover";
inline constexpr std::string_view kRevokeKeys = "keys.revoke";
inline constexpr std::string_view kSealPlaintext = "keys.seal";
inline constexpr std::string_view kAddMember = "member.add";
inline constexpr std::string_view kChangeMember = "member.change";
inline constexpr std::string_view kIssueEnrolment = "member.enrolment";
inline constexpr std::string_view kCompleteEnrolment = "member.enrol";
inline constexpr std::string_view kCertifyMember = "member.certify";
inline constexpr std::string_view kSignIn = "session.open";
inline constexpr std::string_view kRefusedSignIn = "refused session.open";
inline constexpr std::string_view kSignOut = "session.close";
inline constexpr std::string_view kChangePassword = "account.password";
inline constexpr std::string_view kRefusedPasswordChange = "refused account.password";
inline constexpr std::string_view kWarnSignInFailures = "session.failures-warning";
inline constexpr std::string_view kReadAuditTrail = "audit.read";
inline constexpr std::string_view kTakeBackup = "backup.take";
inline constexpr std::string_view kDestroyBackupKeys = "backup.destroy-keys";
inline constexpr std::string_view kExpungeCase = "case.expunge";
inline constexpr std::string_view kPlaceLegalHold = "case.hold";
inline constexpr std::string_view kLiftLegalHold = "case.release";
inline constexpr std::string_view kReceiveReport = "report.receive";  // the public form or the API
inline constexpr std::string_view kReleaseReport = "report.release";  // a report held in escrow was released
inline constexpr std::string_view kOpenPortal = "portal.open";        // a right receipt
inline constexpr std::string_view kRefusedPortal = "refused portal.open";
inline constexpr std::string_view kReadPortal = "portal.read";
inline constexpr std::string_view kReporterMessage = "portal.message";  // the reporter wrote
inline constexpr std::string_view kReadThread = "thread.read";          // a member read the thread
inline constexpr std::string_view kWriteToReporter = "thread.message";  // a member wrote to the reporter
inline constexpr std::string_view kSendMail = "mail.send";
inline constexpr std::string_view kWriteDraft = "draft.write";
inline constexpr std::string_view kSendDraft = "draft.send";
inline constexpr std::string_view kWithdrawDraft = "draft.withdraw";
inline constexpr std::string_view kReceiveMail = "mail.receive";        // a message joined its case
inline constexpr std::string_view kQuarantineMail = "mail.quarantine";  // a message waits for a chair
inline constexpr std::string_view kReadQuarantine = "quarantine.read";
inline constexpr std::string_view kFileQuarantine = "quarantine.file";
inline constexpr std::string_view kDiscardQuarantine = "quarantine.discard";
inline constexpr std::string_view kSubmitLocally = "local.submit";  // a local representative's submission
}  // namespace audit_action

// Who the log names: "member:<id>", or "public" for intake without an account.
std::string audit_actor(const Actor& actor);
std::string member_actor(std::int64_t member_id);
inline constexpr std::string_view kPublicActor = "public";
inline constexpr std::string_view kSystemActor = "system";      // jobs the server runs itself
inline constexpr std::string_view kOperatorActor = "operator";  // host commands run without a member's session

// An entry to append, stamped with the clock's time; the store gives it its sequence
// number, digest and hash. For writers without a use-case context (the backup).
crypto::AuditEntry audit_entry(const Clock& clock, std::string_view actor, std::int64_t community_id,
                               std::string_view action, std::string_view case_code = {});

// Runs `work` as one store transaction (all or nothing), then writes the refusals
// recorded during it in a transaction of their own, so a refusal stands even though
// the refused command rolled back. Use cases use this instead of the store's.
Status transaction(Context& context, const std::function<Status()>& work);

// Records `action` inside the current transaction, with the digest of the ciphertext
// the store handled since the previous entry.
Status record_action(Context& context, std::string_view actor, std::int64_t community_id, std::string_view action,
                     std::string_view case_code, store::AuditDigest digest = store::AuditDigest::CiphertextHandled);
Status record_action(Context& context, const Actor& actor, std::string_view action, std::string_view case_code = {});
// Records a read of sealed content (already done) in a transaction of its own, or by
// group commit in the server: of a case, or (an empty code name) of sealed content that
// belongs to none, such as a meeting's minutes.
Status record_read(Context& context, const Actor& actor, std::string_view action, std::string_view case_code);
Status record_read(Context& context, const Actor& actor, std::string_view action, const domain::Case& summary);

// Records a refused attempt at `attempted` on `case_code` ("" when the attempt named
// no valid case, or concerned none): "refused <action>", digest of nothing. Written at
// once outside a transaction, or when the current one ends.
Status record_refusal(Context& context, const Actor& actor, domain::Action attempted, std::string_view case_code);

// The chain checked from the first entry, and against `saved` when given.
Result<crypto::AuditVerification> verify_audit_log(Context& context,
                                                   const std::optional<crypto::AuditHead>& saved = std::nullopt);
// The last entry's position and hash, for safekeeping outside the server.
Result<std::optional<crypto::AuditHead>> audit_log_head(Context& context);

// A page of the community's audit trail the actor may read (chairs, vice-chairs and
// board members; entries of cases they are excluded from are left out, but for their
// own refusals, which show only what they asked for), newest first,
// optionally of one case (NotFound as for any case they may not see). Records the
// reading itself.
struct AuditTrailQuery {
  std::optional<std::string> case_code;  // URL or spaced form
  std::optional<std::int64_t> before_seq;
  std::size_t limit = 100;
};
struct AuditTrail {
  std::vector<crypto::AuditEntry> entries;
  std::map<std::string, std::string> actor_names;  // "member:7" → display name
};
Result<AuditTrail> audit_trail(Context& context, const Actor& actor, const AuditTrailQuery& query);

}  // namespace conduct::app
