// Evidence files (docs/domain.md "timeline": evidence files): screenshots, logs, photos a
// member attaches to a case. A file is numbered within its case, its name and the
// member's description are sealed like every confidential field, and attaching it
// appends an `evidence` entry to the timeline. Only the size, the chunk count, the
// time and the author are plain: what an anonymised status sheet could show. The
// content itself is sealed in chunks under the file's own key (crypto/evidence_stream.h);
// the domain sees only its size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/member.h"
#include "domain/policy.h"

namespace conduct::domain {

struct EvidenceFile {
  std::int64_t id = 0;
  int number = 0;  // 1, 2, … within the case
  std::int64_t size_bytes = 0;
  int chunk_count = 0;  // how many sealed chunks hold the content
  Timestamp created_at;
  std::optional<std::int64_t> author_id;  // the member who attached it
  std::string name;                       // sealed: the file's name, as uploaded
  std::string description;                // sealed: what it shows; may be empty
};

// A file as a member attaches it: its name, an optional description, and its size
// (the content stays with the shell).
struct EvidenceCommand {
  std::string name;
  std::string description;
  std::int64_t size_bytes = 0;
};

// The file to store and the timeline entry that records it.
struct EvidencePlan {
  EvidenceFile file;
  TimelineEntry entry;
};

inline constexpr std::size_t kMaxEvidenceNameBytes = 255;
inline constexpr std::size_t kMaxEvidenceDescriptionBytes = 2000;

// Checks every field at once and numbers the file and its entry. The name is required,
// at most 255 bytes of printable UTF-8 without line breaks, tabs or path separators
// ('/', '\'), and not "." or ".."; surrounding spaces are trimmed. The description is
// optional printable UTF-8 of at most 2,000 bytes. The size must be positive and at
// most the policy's evidence_max_bytes; a problem with the content is reported on the
// field "file". The entry's body is the description, or "Evidence file N attached".
// Errors: InvalidArgument naming each field ("name", "description", "file").
Result<EvidencePlan> plan_evidence(const Policy& policy, int next_file_number, int next_entry_number,
                                   const EvidenceCommand& command, const Member& actor, Timestamp now);
// The same for a file nobody of the group attached (one that came with a report by mail).
Result<EvidencePlan> plan_evidence(const Policy& policy, int next_file_number, int next_entry_number,
                                   const EvidenceCommand& command, std::optional<std::int64_t> author_id,
                                   Timestamp now);

// "10 MiB", "512 KiB", "700 bytes": a size for messages.
std::string describe_size(std::int64_t bytes);

}  // namespace conduct::domain
