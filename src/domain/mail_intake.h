// What becomes of one incoming mail message (docs/domain.md "Mail in"): it opens a case,
// joins the case it answers, or waits in quarantine for a chair, with its reason.
// Nothing is dropped. The rules, in words:
//
// - A message that cannot be read as mail, or whose file is larger than the policy's
//   evidence limit, is quarantined as it came.
// - A reply joins its case when its In-Reply-To or References name a message of that
//   case (found by blind index), or when its subject carries the case's tag, which
//   holds a secret only the group's own mail contains. A code name alone never places
//   a message: code names can be guessed, so a subject that names a case by its code
//   name and carries no valid tag is quarantined.
// - A reply that joins its case joins the reporter's thread as well (the portal and the
//   members' view of the thread show it) when all of these hold: its In-Reply-To or
//   References name mail that went to the reporter (the acknowledgement, or a member's
//   message to them); its From address is the contact of the case's reporter (compared
//   by blind index); no machine sent it; and the thread has a drop box (a thread made
//   before drop boxes gets one when a member or the reporter next writes on it). On the
//   thread it is the text the case records, cut at the thread's limit with a note rather
//   than refused, and names its files, which stay the case's files. Any other reply is
//   on the timeline only.
// - A message a machine sent on its own (an auto-reply, a bounce, mailing-list mail)
//   joins the case it answers but is never answered, never joins the reporter's thread,
//   and never opens a case: it is quarantined.
// - A message without a sender is quarantined (there would be no one to answer).
// - Any other message is a new report: it opens a case, like the public form, and its
//   sender is acknowledged at once — unless the policy holds new reports for triage
//   ([mail] new_reports = "triage"): then it waits in the quarantine, unanswered, until a
//   chair files it into a case (which acknowledges it) or discards it.
// - Mail that claims to come from a local representative (a member with that role, by
//   address) counts as from them only when the configured trusted host's
//   Authentication-Results say DKIM passed for the address's domain; otherwise the case
//   records the claim as unverified.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/case.h"
#include "domain/community.h"
#include "domain/member.h"
#include "domain/public_report.h"

namespace conduct::domain {

enum class MachineMail { No, AutoReply, Bounce, Bulk };

enum class QuarantineReason {
  Unreadable,      // not mail at all, or broken beyond reading
  FileTooLarge,    // a file over the policy's evidence limit
  MachineMail,     // an auto-reply, bounce or list message that answers nothing of ours
  NoSender,        // no From address
  CodeNameOnly,    // names a case by code name without the case's tag
  AwaitingTriage,  // a new report, held for a chair's triage as the policy asks ([mail] new_reports)
};
NameTable<QuarantineReason> quarantine_reason_names();
std::string_view to_string(QuarantineReason reason);
std::optional<QuarantineReason> parse_quarantine_reason(std::string_view name);
// A sentence a chair reads.
std::string_view describe(QuarantineReason reason);

struct IncomingMailFacts {
  bool readable = true;
  bool has_sender = false;
  MachineMail machine = MachineMail::No;
  std::optional<std::int64_t> replied_case;  // by In-Reply-To / References
  std::optional<std::int64_t> tagged_case;   // by a subject tag that checks
  bool subject_names_a_case = false;         // a code name of the community's cases in the subject
  std::int64_t largest_file_bytes = 0;
};

struct MailPlacement {
  enum class Kind { OpenCase, JoinCase, Quarantine };
  Kind kind = Kind::Quarantine;
  std::int64_t case_id = 0;                                // JoinCase
  QuarantineReason reason = QuarantineReason::Unreadable;  // Quarantine
  bool acknowledge = false;                                // OpenCase: the sender is sent the acknowledgement
};

MailPlacement place_incoming_mail(const IncomingMailFacts& facts, const Policy& policy);

// Who a message is from, as far as the group can tell.
struct SenderStanding {
  std::optional<std::int64_t> representative_id;          // a local representative, verified
  std::optional<std::int64_t> claimed_representative_id;  // claimed, not verified
};
// One Authentication-Results result (mail/incoming.h reads them).
struct DkimResult {
  std::string authserv_id;
  std::string method;
  std::string result;
  std::string domain;
};
// `trusted_host` is the authserv-id of the host whose results count (empty: none do).
SenderStanding standing_of_sender(std::string_view from_address, const std::vector<DkimResult>& results,
                                  std::string_view trusted_host, const std::vector<Member>& members, Timestamp now);

// A message as the case records it.
struct MailForCase {
  std::string sender_name;
  std::string sender_address;
  std::string subject;
  std::optional<Timestamp> sent_at;  // its Date header
  std::string text;                  // readable UTF-8
  bool text_from_html = false;
  std::vector<std::string> file_names;  // the files kept with it, in order
  std::vector<std::string> problems;    // what reading it had to work around
  SenderStanding standing;
};

// The largest text kept on a case's timeline; beyond it, the text is cut at a line
// and the whole message is kept as a file (`text_cut` says so).
inline constexpr std::size_t kMailTextLimit = 60000;

struct MailText {
  std::string text;
  bool text_cut = false;
};
// What the timeline shows: a few lines of headers (from, date, subject, files, the
// sender's standing), then the text, made printable (control characters become
// spaces) and cut at kMailTextLimit on a character boundary.
MailText mail_text_for_case(const MailForCase& mail);

// The case a new message opens: channel email (or local-representative when verified),
// the sender as reporter, the text as the report. The acknowledgement goes to the
// sender's address when it looks like one.
Result<PublicReportPlan> plan_mail_report(const MailForCase& mail, const Community& community);

// A message joining a case: a communication-in entry, written by nobody of the group.
TimelineEntry plan_mail_entry(const MailForCase& mail, int next_entry_number, Timestamp now);

// What decides whether a reply that joins its case joins the reporter's thread too.
struct ReporterReplyFacts {
  MachineMail machine = MachineMail::No;
  bool answers_mail_to_reporter = false;  // In-Reply-To / References name the acknowledgement or a message to them
  bool from_reporter = false;             // its From is the contact of the case's reporter, by blind index
  bool thread_has_drop_box = false;       // false too when the case has no reporter's thread
};
bool joins_reporter_thread(const ReporterReplyFacts& facts);

// The reporter's thread's limit on one message (app/reporter_thread.h holds what a
// person types to it).
inline constexpr std::size_t kThreadMessageLimit = 20000;

// The thread message a reply makes: its text as the case records it (printable, without
// the header lines the timeline shows), then `files_line` (its files named in the
// reporter's language) when there is one, within kThreadMessageLimit bytes: a longer text
// is cut at a line or a character boundary with a note.
std::string thread_message_of_reply(const MailForCase& mail, std::string_view files_line);

// The subject tag that threads replies to a case: "[ref K7Q2M9XA3T]". `secret` is ten
// characters of the receipt alphabet, derived by the caller from a server key.
std::string subject_tag(std::string_view secret);
// The tag secrets a subject carries, upper-cased (a person may retype one in lower case).
std::vector<std::string> subject_tags_in(std::string_view subject);
// Words of a subject that could be code names ("home-shelf"), lower case.
std::vector<std::string> code_names_in(std::string_view subject);

}  // namespace conduct::domain
