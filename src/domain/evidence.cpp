#include "domain/evidence.h"

#include "core/field_errors.h"
#include "core/text.h"

namespace conduct::domain {
namespace {

// A file name is shown in lists and offered as the name of a download: beyond clean
// UTF-8 it must stay on one line and name no directory.
bool fits_on_one_line_without_directories(std::string_view name) {
  for (const char c : name)
    if (c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '\\') return false;
  return true;
}

void check_name(FieldErrors& errors, const std::string& name) {
  if (name.empty())
    errors.add("name", "is required: the file's name");
  else if (name.size() > kMaxEvidenceNameBytes)
    errors.add("name", "must be at most " + std::to_string(kMaxEvidenceNameBytes) + " bytes");
  else if (!is_clean_utf8(name))
    errors.add("name", "must be printable UTF-8 text");
  else if (!fits_on_one_line_without_directories(name) || name == "." || name == "..")
    errors.add("name", "must be a file name on one line, without '/' or '\\'");
}

void check_description(FieldErrors& errors, const std::string& description) {
  if (description.size() > kMaxEvidenceDescriptionBytes)
    errors.add("description", "must be at most " + std::to_string(kMaxEvidenceDescriptionBytes) + " bytes");
  else if (!is_clean_utf8(description))
    errors.add("description", "must be printable UTF-8 text");
}

void check_size(FieldErrors& errors, std::int64_t size_bytes, std::int64_t limit) {
  if (size_bytes <= 0)
    errors.add("file", "is empty: attach a file with content");
  else if (size_bytes > limit) {
    const std::string in_bytes = std::to_string(limit) + " bytes";
    const std::string described = describe_size(limit);
    errors.add("file", "is larger than this community's limit of " + described +
                           (described == in_bytes || limit == 1 ? "" : " (" + in_bytes + ")"));
  }
}

}  // namespace

std::string describe_size(std::int64_t bytes) {
  constexpr std::int64_t kKiB = 1024;
  constexpr std::int64_t kMiB = 1024 * kKiB;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

Result<EvidencePlan> plan_evidence(const Policy& policy, int next_file_number, int next_entry_number,
                                   const EvidenceCommand& command, const Member& actor, Timestamp now) {
  return plan_evidence(policy, next_file_number, next_entry_number, command, actor.id, now);
}

Result<EvidencePlan> plan_evidence(const Policy& policy, int next_file_number, int next_entry_number,
                                   const EvidenceCommand& command, std::optional<std::int64_t> author_id,
                                   Timestamp now) {
  FieldErrors errors;
  const std::string name = trim(command.name);
  const std::string description = trim(command.description);
  check_name(errors, name);
  check_description(errors, description);
  check_size(errors, command.size_bytes, policy.evidence_max_bytes);
  TRY(errors.result("the evidence file could not be attached"));

  EvidencePlan plan;
  plan.file.number = next_file_number;
  plan.file.size_bytes = command.size_bytes;
  plan.file.created_at = now;
  plan.file.author_id = author_id;
  plan.file.name = name;
  plan.file.description = description;
  plan.entry.number = next_entry_number;
  plan.entry.kind = EntryKind::Evidence;
  plan.entry.author_id = author_id;
  plan.entry.created_at = now;
  plan.entry.body =
      description.empty() ? "Evidence file " + std::to_string(next_file_number) + " attached" : description;
  return plan;
}

}  // namespace conduct::domain
