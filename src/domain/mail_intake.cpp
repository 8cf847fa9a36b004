// The rules of incoming mail are in mail_intake.h, in words; this file follows them in
// the order they are written there.
#include "domain/mail_intake.h"

#include <algorithm>
#include <array>

#include "core/text.h"
#include "domain/code_name.h"
#include "domain/receipt.h"

namespace conduct::domain {
namespace {

constexpr std::array<std::pair<QuarantineReason, std::string_view>, 6> kReasons{{
    {QuarantineReason::Unreadable, "unreadable"},
    {QuarantineReason::FileTooLarge, "file-too-large"},
    {QuarantineReason::MachineMail, "machine-mail"},
    {QuarantineReason::NoSender, "no-sender"},
    {QuarantineReason::CodeNameOnly, "code-name-only"},
    {QuarantineReason::AwaitingTriage, "awaiting-triage"},
}};

constexpr std::size_t kTagSecretLength = 10;

std::string domain_of(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? "" : to_lower_ascii(address.substr(at + 1));
}

// Control characters other than tab and line feed become spaces; CR LF becomes LF.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out.push_back('\n');
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out.push_back(' ');
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return is_clean_utf8(out) ? out : std::string();  // the mail layer hands UTF-8; anything else reads as nothing
}

// `text` cut to at most `limit` bytes, at the last line break before it when there is
// one in the last quarter, else at a character boundary.
std::string cut_at(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  const std::size_t line = text.rfind('\n', end);
  if (line != std::string::npos && line > limit - limit / 4) end = line + 1;
  return text.substr(0, end);
}

std::string one_line(std::string_view text, std::size_t limit) {
  std::string line = printable(text);
  std::replace(line.begin(), line.end(), '\n', ' ');
  std::replace(line.begin(), line.end(), '\t', ' ');
  return trim(cut_at(line, limit));
}

}  // namespace

NameTable<QuarantineReason> quarantine_reason_names() { return kReasons; }
std::string_view to_string(QuarantineReason reason) { return name_in<QuarantineReason>(kReasons, reason); }
std::optional<QuarantineReason> parse_quarantine_reason(std::string_view name) {
  return parse_in<QuarantineReason>(kReasons, name);
}

std::string_view describe(QuarantineReason reason) {
  switch (reason) {
    case QuarantineReason::Unreadable:
      return "The message could not be read as mail.";
    case QuarantineReason::FileTooLarge:
      return "A file in it is larger than the policy's limit for evidence files.";
    case QuarantineReason::MachineMail:
      return "An automatic message (auto-reply, bounce or list mail) that answers no message of a case.";
    case QuarantineReason::NoSender:
      return "The message names no sender.";
    case QuarantineReason::CodeNameOnly:
      return "The subject names a case by its code name but carries no valid case tag; code names can be guessed.";
    case QuarantineReason::AwaitingTriage:
      return "A new report, held for a chair's triage as the policy asks: file it to open its case (its sender is "
             "acknowledged then), or discard it.";
  }
  return "";
}

MailPlacement place_incoming_mail(const IncomingMailFacts& facts, const Policy& policy) {
  MailPlacement placement;
  const auto quarantine = [&](QuarantineReason reason) {
    placement.kind = MailPlacement::Kind::Quarantine;
    placement.reason = reason;
    return placement;
  };
  if (!facts.readable) return quarantine(QuarantineReason::Unreadable);
  if (facts.largest_file_bytes > policy.evidence_max_bytes) return quarantine(QuarantineReason::FileTooLarge);
  if (const std::optional<std::int64_t> joined = facts.replied_case ? facts.replied_case : facts.tagged_case) {
    placement.kind = MailPlacement::Kind::JoinCase;
    placement.case_id = *joined;
    return placement;
  }
  if (facts.machine != MachineMail::No) return quarantine(QuarantineReason::MachineMail);
  if (!facts.has_sender) return quarantine(QuarantineReason::NoSender);
  if (facts.subject_names_a_case) return quarantine(QuarantineReason::CodeNameOnly);
  if (policy.mail.new_reports == NewMailReports::AwaitTriage) return quarantine(QuarantineReason::AwaitingTriage);
  placement.kind = MailPlacement::Kind::OpenCase;
  placement.acknowledge = true;
  return placement;
}

SenderStanding standing_of_sender(std::string_view from_address, const std::vector<DkimResult>& results,
                                  std::string_view trusted_host, const std::vector<Member>& members, Timestamp now) {
  SenderStanding standing;
  const std::string address = to_lower_ascii(trim(from_address));
  if (address.empty()) return standing;
  const auto representative = std::find_if(members.begin(), members.end(), [&](const Member& member) {
    return member.role == Role::LocalRepresentative && is_active_on(member, date_of(now)) &&
           to_lower_ascii(member.email) == address;
  });
  if (representative == members.end()) return standing;
  const std::string sender_domain = domain_of(address);
  const bool verified =
      !trusted_host.empty() && std::any_of(results.begin(), results.end(), [&](const DkimResult& result) {
        return result.authserv_id == to_lower_ascii(trusted_host) && result.method == "dkim" &&
               result.result == "pass" && !sender_domain.empty() && result.domain == sender_domain;
      });
  (verified ? standing.representative_id : standing.claimed_representative_id) = representative->id;
  return standing;
}

MailText mail_text_for_case(const MailForCase& mail) {
  std::string head;
  const std::string name = one_line(mail.sender_name, 200), address = one_line(mail.sender_address, 300);
  if (!address.empty()) head += "From: " + (name.empty() ? address : name + " <" + address + ">") + "\n";
  if (mail.sent_at) head += "Date: " + format_timestamp(*mail.sent_at) + "\n";
  const std::string subject = one_line(mail.subject, 500);
  if (!subject.empty()) head += "Subject: " + subject + "\n";
  if (!mail.file_names.empty()) {
    constexpr std::size_t kMostNamed = 20;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < mail.file_names.size() && i < kMostNamed; ++i)
      names.push_back(one_line(mail.file_names[i], 200));
    if (mail.file_names.size() > kMostNamed)
      names.push_back("and " + std::to_string(mail.file_names.size() - kMostNamed) + " more");
    head += "Files: " + join(names, ", ") + "\n";
  }
  if (mail.standing.representative_id)
    head += "Sender: a local representative (verified by DKIM at the trusted host)\n";
  else if (mail.standing.claimed_representative_id)
    head += "Sender: claims to be a local representative; NOT verified (no passing DKIM from the trusted host)\n";
  if (mail.text_from_html) head += "(The message came as HTML only; this is its text.)\n";

  MailText out;
  std::string text = trim(printable(mail.text));
  if (text.empty())
    text = mail.file_names.empty() ? "(The message has no text.)" : "(The message has no text: see its files.)";
  const std::size_t room = kMailTextLimit - std::min(kMailTextLimit - 1000, head.size() + 200);
  if (text.size() > room) {
    text = cut_at(text, room);
    out.text_cut = true;
    text += "\n[The text is cut here; the whole message is kept as a file of the case.]";
  }
  out.text = head + "\n" + text;
  return out;
}

Result<PublicReportPlan> plan_mail_report(const MailForCase& mail, const Community& community) {
  PublicReportPlan plan;
  NewCaseCommand& command = plan.command;
  const bool verified = mail.standing.representative_id.has_value();
  command.report.channel = std::string(to_string(verified ? ReportChannel::LocalRepresentative : ReportChannel::Email));
  command.report.report_text = mail_text_for_case(mail).text;
  const std::string address = to_lower_ascii(one_line(mail.sender_address, 300));
  PartyInput reporter;
  reporter.role = std::string(to_string(PartyRole::Reporter));
  reporter.name = one_line(mail.sender_name, 300);
  reporter.contact = address;
  command.report.parties.push_back(reporter);
  (void)community;
  if (looks_like_email(address)) plan.acknowledge_to = address;
  plan.reporter_name = reporter.name;
  plan.answer_by_email = true;
  plan.wording = AcknowledgementWording::LookingIntoIt;
  return plan;
}

TimelineEntry plan_mail_entry(const MailForCase& mail, int next_entry_number, Timestamp now) {
  TimelineEntry entry;
  entry.number = next_entry_number;
  entry.kind = EntryKind::CommunicationIn;
  entry.created_at = now;
  entry.body = mail_text_for_case(mail).text;
  return entry;
}

bool joins_reporter_thread(const ReporterReplyFacts& facts) {
  return facts.machine == MachineMail::No && facts.answers_mail_to_reporter && facts.from_reporter &&
         facts.thread_has_drop_box;
}

std::string thread_message_of_reply(const MailForCase& mail, std::string_view files_line) {
  // The reporter reads their own words back: the note says the group has them all.
  constexpr std::string_view kCutNote = "\n[The message is cut here; the working group has all of it.]";
  const std::string files = trim(cut_at(printable(files_line), kThreadMessageLimit / 4));  // however many names
  std::string text = trim(printable(mail.text));
  if (text.empty() && files.empty()) text = "(The message has no text.)";
  const std::string separator = text.empty() || files.empty() ? "" : "\n\n";
  const std::size_t room = kThreadMessageLimit - files.size() - separator.size();
  if (text.size() > room) text = trim(cut_at(text, room - kCutNote.size())) + std::string(kCutNote);
  return text + separator + files;
}

std::string subject_tag(std::string_view secret) { return "[ref " + std::string(secret) + "]"; }

std::vector<std::string> subject_tags_in(std::string_view subject) {
  std::vector<std::string> secrets;
  const std::string lower = to_lower_ascii(subject);
  std::size_t at = 0;
  while ((at = lower.find("[ref ", at)) != std::string::npos) {
    at += 5;
    const std::size_t close = lower.find(']', at);
    if (close == std::string::npos) break;
    std::string secret = trim(subject.substr(at, close - at));
    std::transform(secret.begin(), secret.end(), secret.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const bool of_alphabet =
        secret.size() == kTagSecretLength && secret.find_first_not_of(kReceiptAlphabet) == std::string::npos;
    if (of_alphabet) secrets.push_back(secret);
  }
  return secrets;
}

std::vector<std::string> code_names_in(std::string_view subject) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) words.push_back(to_lower_ascii(word));
    word.clear();
  };
  for (const char c : subject) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      word.push_back(c);
    else
      flush();
    if (c != ' ' && c != '-' && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) words.push_back("");
  }
  flush();
  // Two words side by side (joined by a space or a dash in the subject) may be a code name.
  std::vector<std::string> names;
  for (std::size_t i = 0; i + 1 < words.size(); ++i)
    if (!words[i].empty() && !words[i + 1].empty()) {
      const std::optional<std::string> name = normalise_case_code_name(words[i] + " " + words[i + 1]);
      if (name && std::find(names.begin(), names.end(), *name) == names.end()) names.push_back(*name);
    }
  return names;
}

}  // namespace conduct::domain
