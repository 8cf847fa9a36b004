#include "cli/print.h"

#include <iomanip>

#include "domain/code_name.h"

namespace conduct::cli {
namespace {

std::string categories_text(const domain::Case& summary) {
  std::string text;
  for (domain::ViolationCategory category : summary.categories) {
    if (!text.empty()) text += ", ";
    text += domain::to_string(category);
  }
  return text.empty() ? "-" : text;
}

std::string or_unknown(const std::string& text) { return text.empty() ? "(unknown)" : text; }

}  // namespace

void print_indented(std::ostream& out, const std::string& text, const std::string& indent) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    out << indent << text.substr(start, end == std::string::npos ? std::string::npos : end - start) << "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

void print_member_table(std::ostream& out, const std::vector<domain::Member>& members) {
  out << std::left << std::setw(32) << "EMAIL" << std::setw(26) << "NAME" << std::setw(22) << "ROLE" << std::setw(12)
      << "TERM END"
      << "STATUS\n";
  for (const domain::Member& member : members)
    out << std::setw(32) << member.email << std::setw(26) << member.display_name << std::setw(22)
        << domain::to_string(member.role) << std::setw(12)
        << (member.term_end ? format_date(*member.term_end) : std::string("-"))
        << (member.status == domain::MemberStatus::Active ? "active" : "former") << "\n";
}

void print_case_table(std::ostream& out, const std::vector<domain::Case>& cases) {
  if (cases.empty()) {
    out << "No cases.\n";
    return;
  }
  out << std::left << std::setw(24) << "CASE" << std::setw(20) << "STATE" << std::setw(12) << "OPENED" << std::setw(22)
      << "SPACE"
      << "CATEGORIES\n";
  for (const domain::Case& summary : cases)
    out << std::setw(24) << domain::url_form(summary.code_name) << std::setw(20) << domain::to_string(summary.state)
        << std::setw(12) << format_date(date_of(summary.opened_at)) << std::setw(22)
        << (summary.space_key.empty() ? "-" : summary.space_key) << categories_text(summary)
        << (summary.linked ? "  (linked: see case links)" : "")
        << (summary.urgency == domain::Urgency::Normal ? ""
                                                       : "  urgency " + std::string(domain::to_string(summary.urgency)))
        << "\n";
}

void print_case_record(std::ostream& out, const domain::CaseRecord& record,
                       const std::map<std::int64_t, std::string>& authors) {
  const domain::Case& summary = record.summary;
  out << "Case " << summary.code_name << " (" << domain::url_form(summary.code_name) << ")\n"
      << "  State:      " << domain::to_string(summary.state);
  if (summary.resolution)
    out << " (" << domain::to_string(summary.resolution->outcome) << ", by "
        << domain::to_string(summary.resolution->source) << ")";
  out << "\n  Opened:     " << format_timestamp(summary.opened_at) << "\n"
      << "  Occurred:   " << (summary.occurred_on ? format_date(*summary.occurred_on) : std::string("unknown")) << "\n"
      << "  Space:      " << (summary.space_key.empty() ? "unknown" : summary.space_key) << "\n"
      << "  Location:   " << or_unknown(summary.location) << "\n"
      << "  Ongoing:    " << (summary.ongoing ? "yes" : "no") << "\n"
      << "  Danger:     " << (summary.physical_danger ? "yes, someone may be in physical danger" : "no") << "\n"
      << "  Categories: " << categories_text(summary) << "\n";
  out << "Parties:\n";
  if (record.parties.empty()) out << "  none recorded\n";
  for (const domain::Party& party : record.parties) {
    out << "  " << party.number << ". " << domain::to_string(party.role) << ": " << or_unknown(party.name);
    if (!party.contact.empty()) out << " <" << party.contact << ">";
    if (!party.person_code_name.empty()) out << "  [person " << party.person_code_name << "]";
    out << "\n";
  }
  out << "Timeline:\n";
  for (const domain::TimelineEntry& entry : record.timeline) {
    const auto author = entry.author_id ? authors.find(*entry.author_id) : authors.end();
    out << "  #" << entry.number << "  " << format_timestamp(entry.created_at) << "  " << domain::to_string(entry.kind);
    if (entry.from_state && entry.to_state)
      out << " " << domain::to_string(*entry.from_state) << " -> " << domain::to_string(*entry.to_state);
    if (entry.corrects) out << " (corrects #" << *entry.corrects << ")";
    out << "  by " << (author != authors.end() ? author->second : std::string("the system")) << "\n";
    print_indented(out, entry.body, "      ");
  }
}

void print_person_table(std::ostream& out, const std::vector<store::PersonRow>& people) {
  if (people.empty()) {
    out << "No person records.\n";
    return;
  }
  out << std::left << std::setw(26) << "PERSON" << std::setw(8) << "CASES"
      << "STATUS\n";
  for (const store::PersonRow& row : people) {
    std::string status = row.person.banned_permanently ? "banned" : row.person.banned_until ? "suspended" : "";
    if (row.person.flagged) status += status.empty() ? "flagged" : ", flagged";
    out << std::setw(26) << row.person.code_name << std::setw(8) << row.case_count << (status.empty() ? "-" : status)
        << "\n";
  }
}

void print_person(std::ostream& out, const app::PersonView& view) {
  out << "Person " << view.row.person.code_name << "\n"
      << "  Reported in " << view.row.case_count << (view.row.case_count == 1 ? " case" : " cases") << "\n"
      << "  Flagged: " << (view.row.person.flagged ? "yes" : "no") << "\n";
  if (view.row.person.banned_permanently)
    out << "  Banned permanently\n";
  else if (view.row.person.banned_until)
    out << "  Suspended until " << format_date(*view.row.person.banned_until) << "\n";
  out << "Cases:\n";
  for (const domain::Case& summary : view.cases)
    out << "  " << std::left << std::setw(24) << domain::url_form(summary.code_name) << std::setw(20)
        << domain::to_string(summary.state) << format_date(date_of(summary.opened_at)) << "\n";
}

}  // namespace conduct::cli
