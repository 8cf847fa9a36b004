#include "app/evidence.h"

#include <algorithm>

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/policy_file.h"
#include "crypto/evidence_stream.h"

namespace conduct::app {
namespace {

using domain::Action;

crypto::EvidencePlace place_of(const domain::Case& owner, int file_number) {
  return crypto::EvidencePlace{owner.community_id, owner.code_name, file_number};
}

// Seals the content chunk by chunk under the file's key, storing each chunk as soon as
// it is sealed.
Status store_chunks(Context& context, const domain::Case& owner, int file_number, const crypto::SecretBytes& key,
                    std::string_view content) {
  crypto::EvidenceStreamWriter writer(key, place_of(owner, file_number));
  for (std::size_t offset = 0; offset < content.size(); offset += crypto::kEvidenceChunkBytes) {
    const std::string_view chunk = content.substr(offset, crypto::kEvidenceChunkBytes);
    const crypto::ChunkPosition position =
        offset + chunk.size() == content.size() ? crypto::ChunkPosition::Last : crypto::ChunkPosition::Middle;
    const int index = static_cast<int>(writer.chunks_sealed());
    TRY(context.store.insert_evidence_chunk(owner, file_number, index, writer.push(chunk, position)));
  }
  return ok_status();
}

// A stored file that does not verify is a broken record, never the reader's fault; the
// message names the file's number only.
Error does_not_verify(int file_number, const std::string& why) {
  return internal_error("evidence file " + std::to_string(file_number) + " does not verify: " + why);
}

}  // namespace

Result<domain::EvidenceFile> store_evidence(Context& context, const domain::Case& current, const domain::Policy& policy,
                                            std::optional<std::int64_t> author_id, const EvidenceUpload& upload) {
  ASSIGN_OR_RETURN(const int file_number, context.store.next_evidence_number(current));
  ASSIGN_OR_RETURN(const int entry_number, context.store.next_entry_number(current));
  const domain::EvidenceCommand command{upload.name, upload.description,
                                        static_cast<std::int64_t>(upload.content.size())};
  ASSIGN_OR_RETURN(domain::EvidencePlan plan,
                   domain::plan_evidence(policy, file_number, entry_number, command, author_id, context.clock.now()));
  plan.file.chunk_count = static_cast<int>(crypto::evidence_chunk_count(upload.content.size()));
  // A rotation that is due happens before anything is sealed under the old key.
  TRY(prepare_case_write(context, current));
  const crypto::SecretBytes key = crypto::new_evidence_key();
  TRY(context.store.insert_evidence(current, store::EvidenceRow{plan.file, std::string(key.view())}));
  TRY(context.store.append_entry(current, plan.entry));
  TRY(store_chunks(context, current, plan.file.number, key, upload.content));
  return plan.file;
}

Result<domain::EvidenceFile> attach_evidence(Context& context, const Actor& actor, const std::string& code_name,
                                             const EvidenceUpload& upload) {
  domain::EvidenceFile attached;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case current, find_held_case_for(context, actor, Action::WriteCase, code_name));
    ASSIGN_OR_RETURN(attached, store_evidence(context, current, actor.community.policy, actor.member.id, upload));
    return record_action(context, actor, audit_action::kAddEvidence, current.code_name);
  }));
  return attached;
}

Result<std::vector<domain::EvidenceFile>> list_evidence(Context& context, const Actor& actor,
                                                        const std::string& code_name) {
  ASSIGN_OR_RETURN(const domain::Case current, find_held_case_for(context, actor, Action::ReadCase, code_name));
  ASSIGN_OR_RETURN(std::vector<domain::EvidenceFile> files, context.store.list_evidence(current));
  TRY(record_read(context, actor, audit_action::kListEvidence, current));
  return files;
}

Result<EvidenceContent> read_evidence(Context& context, const Actor& actor, const std::string& code_name,
                                      int file_number) {
  ASSIGN_OR_RETURN(const domain::Case current, find_held_case_for(context, actor, Action::ReadCase, code_name));
  ASSIGN_OR_RETURN(const store::EvidenceRow row, context.store.find_evidence(current, file_number));
  ASSIGN_OR_RETURN(const std::vector<std::string> chunks, context.store.evidence_chunks(current, file_number));
  // The read is logged once the ciphertext is read, whether or not it verifies.
  TRY(record_read(context, actor, audit_action::kReadEvidence, current));
  if (static_cast<std::int64_t>(chunks.size()) != row.file.chunk_count)
    return does_not_verify(file_number, "it has a different number of chunks than recorded");
  if (row.file_key.size() != crypto::kEvidenceKeyBytes) return does_not_verify(file_number, "its key is malformed");
  const crypto::SecretBytes key = crypto::SecretBytes::copy_of(row.file_key);
  Result<std::string> content = crypto::open_evidence(key, place_of(current, file_number), chunks);
  if (!content.ok()) return does_not_verify(file_number, content.error().message);
  if (static_cast<std::int64_t>(content->size()) != row.file.size_bytes)
    return does_not_verify(file_number, "its content differs in size from the recorded size");
  return EvidenceContent{row.file, std::move(content).value()};
}

Result<std::int64_t> largest_in_policies(Context& context,
                                         const std::function<std::int64_t(const domain::Policy&)>& value) {
  ASSIGN_OR_RETURN(const std::vector<store::CommunityRow> rows, context.store.list_communities());
  if (rows.empty()) return value(domain::default_policy());
  std::int64_t largest = 0;
  for (const store::CommunityRow& row : rows) {
    ASSIGN_OR_RETURN(const domain::Policy policy, parse_stored_policy(row.policy_source));
    largest = std::max(largest, value(policy));
  }
  return largest;
}

Result<std::size_t> largest_evidence_limit(Context& context) {
  ASSIGN_OR_RETURN(const std::int64_t largest, largest_in_policies(context, [](const domain::Policy& policy) {
                     return policy.evidence_max_bytes;
                   }));
  return static_cast<std::size_t>(largest);
}

}  // namespace conduct::app
