#include "app/mail_intake.h"

#include <algorithm>

#include "app/audit.h"
#include "app/case_keys.h"
#include "app/catalogue.h"
#include "app/communities.h"
#include "app/conflicts.h"
#include "app/evidence.h"
#include "app/intake.h"
#include "app/mail_threads.h"
#include "app/quarantine.h"
#include "app/reporter_thread.h"
#include "core/text.h"
#include "domain/evidence.h"

namespace conduct::app {
namespace {

constexpr std::size_t kMostCodeNamesChecked = 20;

// The original message is kept as a file when the case's text cannot hold all of it:
// the text was cut, HTML was turned into text, or reading it needed work-arounds.
bool keeps_whole_message(const mail::IncomingMessage& message) {
  const domain::MailText text = domain::mail_text_for_case(mail_placing::mail_for_case(message, {}, false));
  return text.text_cut || message.text_from_html || !message.problems.empty();
}

domain::MachineMail machine_kind(mail::Automatic automatic) {
  switch (automatic) {
    case mail::Automatic::No:
      return domain::MachineMail::No;
    case mail::Automatic::AutoReply:
      return domain::MachineMail::AutoReply;
    case mail::Automatic::Bounce:
      return domain::MachineMail::Bounce;
    case mail::Automatic::Bulk:
      return domain::MachineMail::Bulk;
  }
  return domain::MachineMail::No;
}

std::vector<domain::DkimResult> dkim_results(const mail::IncomingMessage& message) {
  std::vector<domain::DkimResult> results;
  for (const mail::AuthenticationResult& result : message.authentication)
    results.push_back({result.authserv_id, result.method, result.result, result.domain});
  return results;
}

// The community a message is for: the one named, else the one whose contact address
// is among its recipients, else the only one there is.
Result<domain::Community> community_for(Context& context, const mail::IncomingMessage* message,
                                        const std::optional<std::string>& slug) {
  if (slug) return load_community(context, *slug);
  ASSIGN_OR_RETURN(const std::vector<domain::Community> communities, list_communities(context));
  if (message) {
    std::vector<std::string> recipients;
    for (const mail::MailAddress& address : message->to) recipients.push_back(to_lower_ascii(address.address));
    for (const mail::MailAddress& address : message->cc) recipients.push_back(to_lower_ascii(address.address));
    for (const std::string& address : message->delivered_to) recipients.push_back(to_lower_ascii(address));
    for (const domain::Community& community : communities)
      if (std::find(recipients.begin(), recipients.end(), to_lower_ascii(community.contact_email)) != recipients.end())
        return community;
  }
  if (communities.size() == 1) return communities.front();
  return not_found("no community receives mail at the message's recipient addresses (name one with --community)");
}

// A case found by a thread must be of the message's community.
Result<std::optional<std::int64_t>> of_community(Context& context, std::optional<std::int64_t> case_id,
                                                 std::int64_t community_id) {
  if (!case_id) return case_id;
  ASSIGN_OR_RETURN(const domain::Case found, context.store.find_case_by_id(*case_id));
  if (found.community_id != community_id) return std::optional<std::int64_t>();
  return case_id;
}

Result<bool> subject_names_a_case(Context& context, std::int64_t community_id, std::string_view subject) {
  std::vector<std::string> names = domain::code_names_in(subject);
  if (names.size() > kMostCodeNamesChecked) names.resize(kMostCodeNamesChecked);
  for (const std::string& name : names) {
    ASSIGN_OR_RETURN(const bool taken, context.store.case_code_name_taken(community_id, name));
    if (taken) return true;
  }
  return false;
}

// The id a message is known by: its Message-ID, or a digest of its bytes when it has none.
std::string message_index_of(const Context& context, const mail::IncomingMessage* message, std::string_view raw) {
  if (message && !message->message_id.empty()) return message_id_index(context, message->message_id);
  return context.indexer.index("message-bytes", raw);
}

}  // namespace

std::string_view to_string(MailOutcome outcome) {
  switch (outcome) {
    case MailOutcome::OpenedCase:
      return "opened a case";
    case MailOutcome::JoinedCase:
      return "joined its case";
    case MailOutcome::Quarantined:
      return "quarantined";
    case MailOutcome::AlreadyReceived:
      return "already received";
  }
  return "quarantined";
}

namespace mail_placing {

domain::MailForCase mail_for_case(const mail::IncomingMessage& message, const domain::SenderStanding& standing,
                                  bool whole_message_kept) {
  domain::MailForCase mail;
  if (message.from) {
    mail.sender_name = message.from->name;
    mail.sender_address = message.from->address;
  }
  // Answers go where the sender asks them to go.
  if (!message.reply_to.empty()) mail.sender_address = message.reply_to.front().address;
  mail.subject = message.subject;
  mail.sent_at = message.date;
  mail.text = message.text;
  mail.text_from_html = message.text_from_html;
  for (const mail::MailAttachment& file : message.attachments) mail.file_names.push_back(file.filename);
  if (whole_message_kept) mail.file_names.push_back("message.eml");
  mail.problems = message.problems;
  mail.standing = standing;
  return mail;
}

namespace {

// A file over the evidence limit is not kept (only a chair filing a quarantined message
// gets this far with one); the text says which.
mail::IncomingMessage within_limits(const mail::IncomingMessage& message, const domain::Policy& policy) {
  mail::IncomingMessage kept = message;
  kept.attachments.clear();
  for (const mail::MailAttachment& file : message.attachments) {
    if (static_cast<std::int64_t>(file.content.size()) <= policy.evidence_max_bytes) {
      kept.attachments.push_back(file);
      continue;
    }
    kept.text += "\n[A file, " + file.filename + " (" + domain::describe_size(file.content.size()) +
                 "), was larger than the evidence limit and is not kept.]\n";
  }
  return kept;
}

// Returns the names the message's own files are stored under (not the whole message's).
Result<std::vector<std::string>> add_files(Context& context, const domain::Case& current, const domain::Policy& policy,
                                           const mail::IncomingMessage& message, std::string_view raw,
                                           bool whole_message_kept) {
  std::vector<std::string> names;
  for (const mail::MailAttachment& file : message.attachments) {
    const std::string description = file.forwarded_message ? "A forwarded message, kept whole." : "Came by mail.";
    ASSIGN_OR_RETURN(const domain::EvidenceFile stored, store_evidence(context, current, policy, std::nullopt,
                                                                       {file.filename, description, file.content}));
    names.push_back(stored.name);
  }
  if (whole_message_kept)
    TRY(store_evidence(context, current, policy, std::nullopt,
                       {"message.eml", "The whole message as it arrived.", raw}));
  return names;
}

bool names_message(const mail::IncomingMessage& message, const std::string& message_id) {
  const auto named = [&](const std::vector<std::string>& ids) {
    return std::find(ids.begin(), ids.end(), message_id) != ids.end();
  };
  return !message_id.empty() && (named(message.in_reply_to) || named(message.references));
}

// What decides whether a reply joins the reporter's thread (domain/mail_intake.h), found
// without a key: the ids of the mail the group queued are plain, and the sender's
// address is compared with the reporter's by the blind index the parties already have.
Result<domain::ReporterReplyFacts> reporter_reply_facts(Context& context, const domain::Case& current,
                                                        const store::ReporterThreadRow& thread,
                                                        const mail::IncomingMessage& message) {
  domain::ReporterReplyFacts facts;
  facts.machine = machine_kind(message.automatic);
  facts.thread_has_drop_box = !thread.inbox_public.empty();
  ASSIGN_OR_RETURN(const std::vector<store::QueuedMailRow> sent, context.store.mail_of_case(current.id));
  facts.answers_mail_to_reporter = std::any_of(sent.begin(), sent.end(), [&](const store::QueuedMailRow& row) {
    return (row.kind == "acknowledgement" || row.kind == "to-reporter") && names_message(message, row.message_id);
  });
  if (!message.from) return facts;
  domain::Party sender;
  sender.contact = message.from->address;
  const std::string contact_index = party_indexes(context, sender).contact;
  if (contact_index.empty()) return facts;
  ASSIGN_OR_RETURN(const std::vector<store::PartyIndexRow> parties,
                   context.store.parties_matching(current.community_id, {contact_index}));
  facts.from_reporter = std::any_of(parties.begin(), parties.end(), [&](const store::PartyIndexRow& party) {
    return party.case_id == current.id && party.role == domain::PartyRole::Reporter &&
           party.indexes.contact == contact_index;
  });
  return facts;
}

// The reporter's reply on their thread too, sealed to its drop box, naming its files
// in the reporter's language.
Status add_to_reporter_thread(Context& context, const domain::Case& current, const mail::IncomingMessage& message,
                              const std::vector<std::string>& file_names) {
  ASSIGN_OR_RETURN(const std::optional<store::ReporterThreadRow> thread, context.store.find_thread_by_case(current.id));
  if (!thread) return ok_status();  // a case a member or a representative opened has none
  ASSIGN_OR_RETURN(const domain::ReporterReplyFacts facts, reporter_reply_facts(context, current, *thread, message));
  if (!domain::joins_reporter_thread(facts)) return ok_status();
  const std::string files_line = file_names.empty() ? std::string()
                                                    : shipped_catalogue().text(thread->language, "portal.files_sent",
                                                                               {{"names", join(file_names, ", ")}});
  TRY(drop_in_thread(context, *thread, domain::thread_message_of_reply(mail_for_case(message, {}, false), files_line)));
  return ok_status();
}

}  // namespace

Status add_to_case(Context& context, const domain::Case& current, const domain::Policy& policy,
                   const mail::IncomingMessage& arrived, std::string_view raw, const std::string& message_index) {
  const mail::IncomingMessage message = within_limits(arrived, policy);
  const bool whole = keeps_whole_message(message) && raw.size() <= static_cast<std::size_t>(policy.evidence_max_bytes);
  TRY(prepare_case_write(context, current));
  ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(current));
  const domain::TimelineEntry entry =
      domain::plan_mail_entry(mail_for_case(message, {}, whole), next_number, context.clock.now());
  TRY(context.store.append_entry(current, entry));
  ASSIGN_OR_RETURN(const std::vector<std::string> file_names, add_files(context, current, policy, message, raw, whole));
  TRY(add_to_reporter_thread(context, current, message, file_names));
  TRY(context.store.record_mail_thread(message_index, current.id, "message-id"));
  return record_action(context, kPublicActor, current.community_id, audit_action::kReceiveMail, current.code_name);
}

Result<std::int64_t> open_case(Context& context, const domain::Community& community,
                               const mail::IncomingMessage& arrived, std::string_view raw,
                               const std::string& message_index, const domain::SenderStanding& standing,
                               const std::function<Status(const domain::Case&)>& within) {
  const mail::IncomingMessage message = within_limits(arrived, community.policy);
  const bool whole =
      keeps_whole_message(message) && raw.size() <= static_cast<std::size_t>(community.policy.evidence_max_bytes);
  ASSIGN_OR_RETURN(const domain::PublicReportPlan plan,
                   domain::plan_mail_report(mail_for_case(message, standing, whole), community));
  ReportOpening opening;
  opening.language = std::string(kDefaultLanguage);
  opening.receipt_in_acknowledgement = true;
  opening.within = [&](const domain::Case& summary) -> Status {
    TRY(add_files(context, summary, community.policy, message, raw, whole));
    TRY(context.store.record_mail_thread(message_index, summary.id, "message-id"));
    return within ? within(summary) : ok_status();
  };
  ASSIGN_OR_RETURN(const SubmittedReport submitted, open_reported_case(context, community, plan, opening));
  return submitted.case_id;
}

}  // namespace mail_placing

Result<IngestedMail> ingest_mail(Context& context, std::string_view raw,
                                 const std::optional<std::string>& community_slug, const MailIntakeSettings& settings) {
  if (raw.size() > settings.max_message_bytes)
    return invalid_argument("the message is larger than this server accepts (" +
                            std::to_string(settings.max_message_bytes / (1024 * 1024)) + " MiB)");
  const Result<mail::IncomingMessage> parsed = mail::parse_incoming(raw);
  const mail::IncomingMessage* message = parsed.ok() ? &*parsed : nullptr;
  ASSIGN_OR_RETURN(const domain::Community community, community_for(context, message, community_slug));
  const std::string message_index = message_index_of(context, message, raw);

  IngestedMail ingested;
  ASSIGN_OR_RETURN(const std::optional<std::int64_t> known, context.store.find_mail_thread(message_index));
  ASSIGN_OR_RETURN(const bool waiting, context.store.quarantine_holds(message_index));
  if (known || waiting) {
    ingested.outcome = MailOutcome::AlreadyReceived;
    return ingested;
  }

  domain::IncomingMailFacts facts;
  facts.readable = message != nullptr;
  domain::SenderStanding standing;
  if (message) {
    facts.has_sender = message->from.has_value();
    facts.machine = machine_kind(message->automatic);
    std::vector<std::string> ids = message->in_reply_to;
    ids.insert(ids.end(), message->references.rbegin(), message->references.rend());
    ASSIGN_OR_RETURN(const ThreadMatch thread, find_thread(context, ids, message->subject));
    ASSIGN_OR_RETURN(facts.replied_case, of_community(context, thread.replied_case, community.id));
    ASSIGN_OR_RETURN(facts.tagged_case, of_community(context, thread.tagged_case, community.id));
    ASSIGN_OR_RETURN(facts.subject_names_a_case, subject_names_a_case(context, community.id, message->subject));
    for (const mail::MailAttachment& file : message->attachments)
      facts.largest_file_bytes = std::max<std::int64_t>(facts.largest_file_bytes, file.content.size());
    if (message->from) {
      ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(community.id));
      standing = domain::standing_of_sender(message->from->address, dkim_results(*message),
                                            settings.trusted_authserv_id, members, context.clock.now());
    }
  }

  const domain::MailPlacement placement = domain::place_incoming_mail(facts, community.policy);
  switch (placement.kind) {
    case domain::MailPlacement::Kind::OpenCase: {
      ASSIGN_OR_RETURN(ingested.case_id,
                       mail_placing::open_case(context, community, *message, raw, message_index, standing, nullptr));
      ingested.outcome = MailOutcome::OpenedCase;
      break;
    }
    case domain::MailPlacement::Kind::JoinCase:
      TRY(transaction(context, [&]() -> Status {
        ASSIGN_OR_RETURN(const domain::Case current, context.store.find_case_by_id(placement.case_id));
        return mail_placing::add_to_case(context, current, community.policy, *message, raw, message_index);
      }));
      ingested.outcome = MailOutcome::JoinedCase;
      ingested.case_id = placement.case_id;
      break;
    case domain::MailPlacement::Kind::Quarantine:
      ingested.quarantine_reason = std::string(domain::to_string(placement.reason));
      TRY(transaction(context, [&]() -> Status {
        ASSIGN_OR_RETURN(const std::int64_t id,
                         quarantine_mail(context, community, raw, message_index, ingested.quarantine_reason));
        (void)id;
        return ok_status();
      }));
      ingested.outcome = MailOutcome::Quarantined;
      break;
  }
  return ingested;
}

Result<PollReport> poll_mailbox(Context& context, mail::ImapMailbox& mailbox,
                                const std::optional<std::string>& community_slug, const MailIntakeSettings& settings) {
  PollReport report;
  // What a poll stopped between marking a message deleted and expunging it left behind.
  TRY(mailbox.expunge());
  ASSIGN_OR_RETURN(const std::vector<std::uint64_t> waiting, mailbox.waiting());
  for (const std::uint64_t uid : waiting) {
    ASSIGN_OR_RETURN(const std::string raw, mailbox.fetch(uid, settings.max_message_bytes));
    const Result<IngestedMail> ingested = ingest_mail(context, raw, community_slug, settings);
    if (!ingested.ok()) {
      const ErrorCode code = ingested.error().code;
      if (code != ErrorCode::InvalidArgument && code != ErrorCode::NotFound) return ingested.error();
      TRY(mailbox.set_aside(uid));
      ++report.set_aside;
      continue;
    }
    TRY(mailbox.remove(uid));
    ++report.received;
  }
  return report;
}

}  // namespace conduct::app
