// Use cases on evidence files (docs/security.md "Per-case keys"): attach a file to a case, list
// a case's files, read one back. A file is sealed in chunks under its own key as it is
// stored (crypto/evidence_stream.h); the file key, name and description are sealed
// under the case's key through the store, so whoever holds the case's key (any
// version, after rotation too) holds its files, and nobody else does.
//
// Each use case decides access through find_case_for, like every case use case: a
// case the actor may not see answers exactly like a missing one. Reading or writing
// needs the case's key itself (find_held_case_for: a member the policy lets in before
// anyone granted them the key gets FailedPrecondition).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/evidence.h"

namespace conduct::app {

// A file as uploaded: its name, an optional description, and its bytes (not copied;
// they must stay valid for the call).
struct EvidenceUpload {
  std::string name;
  std::string description;
  std::string_view content;
};

// Attaches a file to the case and appends an `evidence` entry to its timeline, all in
// one transaction; bad input changes nothing.
// Errors: NotFound for a missing or hidden case; FailedPrecondition when the actor does
// not hold the case's key; InvalidArgument naming "name", "description" and "file"
// (empty, or larger than the community policy's evidence_max_bytes), all at once.
Result<domain::EvidenceFile> attach_evidence(Context& context, const Actor& actor, const std::string& code_name,
                                             const EvidenceUpload& upload);

// The same inside the caller's transaction, for a case already found (and its key held,
// or a side version made by prepare_case_write): mail's files arrive with no member.
Result<domain::EvidenceFile> store_evidence(Context& context, const domain::Case& current, const domain::Policy& policy,
                                            std::optional<std::int64_t> author_id, const EvidenceUpload& upload);

// The case's files by number, names and descriptions opened.
// Errors: NotFound; FailedPrecondition when the actor does not hold the case's key.
Result<std::vector<domain::EvidenceFile>> list_evidence(Context& context, const Actor& actor,
                                                        const std::string& code_name);

struct EvidenceContent {
  domain::EvidenceFile file;
  std::string bytes;
};

// One file with its content, every chunk verified (order, position, the end of the
// stream) and the size checked against the plain columns.
// Errors: NotFound for a missing or hidden case and for a number the case has no file
// under; FailedPrecondition as above; Internal when the stored file does not verify
// (altered, reordered or truncated chunks): the message names no content.
Result<EvidenceContent> read_evidence(Context& context, const Actor& actor, const std::string& code_name,
                                      int file_number);

// The largest of a value over the communities' policies (the default policy's when
// there is no community yet).
Result<std::int64_t> largest_in_policies(Context& context,
                                         const std::function<std::int64_t(const domain::Policy&)>& value);

// The largest evidence_max_bytes among the communities' policies: the server reads
// request bodies up to it.
Result<std::size_t> largest_evidence_limit(Context& context);

}  // namespace conduct::app
