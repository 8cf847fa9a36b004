#include "app/audit.h"

#include <map>

#include "app/access.h"
#include "app/audit_batch.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

crypto::AuditEntry entry_of(const Context& context, std::string_view actor, std::int64_t community_id,
                            std::string_view action, std::string_view case_code) {
  return audit_entry(context.clock, actor, community_id, action, case_code);
}

Status write_pending_refusals(Context& context) {
  if (context.pending_refusals.empty()) return ok_status();
  std::vector<crypto::AuditEntry> refusals = std::move(context.pending_refusals);
  context.pending_refusals.clear();
  return context.store.in_transaction([&]() -> Status {
    for (crypto::AuditEntry& refusal : refusals)
      TRY(context.store.append_audit(std::move(refusal), store::AuditDigest::NothingHandled));
    return ok_status();
  });
}

}  // namespace

crypto::AuditEntry audit_entry(const Clock& clock, std::string_view actor, std::int64_t community_id,
                               std::string_view action, std::string_view case_code) {
  crypto::AuditEntry entry;
  entry.time = clock.now();
  entry.community_id = community_id;
  entry.actor = std::string(actor);
  entry.action = std::string(action);
  entry.case_code = std::string(case_code);
  return entry;
}

std::string member_actor(std::int64_t member_id) { return "member:" + std::to_string(member_id); }

std::string audit_actor(const Actor& actor) {
  if (actor.member.id == 0) return std::string(kPublicActor);
  return member_actor(actor.member.id);
}

Status transaction(Context& context, const std::function<Status()>& work) {
  ++context.transaction_depth;
  Status result;
  if (context.transaction_depth == 1 && !context.deferred_reads.empty()) {
    // Reads of this request come first in the log, in the same transaction.
    std::vector<crypto::AuditEntry> earlier = std::move(context.deferred_reads);
    context.deferred_reads.clear();
    result = context.store.in_transaction([&]() -> Status {
      for (const crypto::AuditEntry& entry : earlier) {
        auto appended = context.store.append_audit(entry, store::AuditDigest::Given);
        if (!appended.ok()) return appended.error();
      }
      return work();
    });
    if (!result.ok()) context.deferred_reads = std::move(earlier);  // still owed before any answer
  } else {
    result = context.store.in_transaction(work);
  }
  --context.transaction_depth;
  if (context.transaction_depth == 0) {
    const Status refusals = write_pending_refusals(context);
    if (!refusals.ok()) return refusals;  // a refusal that cannot be logged fails the command
  }
  return result;
}

Status record_action(Context& context, std::string_view actor, std::int64_t community_id, std::string_view action,
                     std::string_view case_code, store::AuditDigest digest) {
  auto appended = context.store.append_audit(entry_of(context, actor, community_id, action, case_code), digest);
  if (!appended.ok()) return appended.error();
  return ok_status();
}

Status record_action(Context& context, const Actor& actor, std::string_view action, std::string_view case_code) {
  return record_action(context, audit_actor(actor), actor.community.id, action, case_code);
}

Status record_read(Context& context, const Actor& actor, std::string_view action, const domain::Case& summary) {
  return record_read(context, actor, action, std::string_view(summary.code_name));
}

Status record_read(Context& context, const Actor& actor, std::string_view action, std::string_view case_code) {
  if (context.audit_batcher && context.transaction_depth == 0) {
    crypto::AuditEntry entry = entry_of(context, audit_actor(actor), actor.community.id, action, case_code);
    entry.digest = context.store.take_ciphertext_digest();  // what this read opened
    if (context.defer_read_entries) {
      context.deferred_reads.push_back(std::move(entry));  // committed before the answer goes out
      return ok_status();
    }
    return context.audit_batcher->commit(context.store, std::move(entry));
  }
  return transaction(context, [&] { return record_action(context, actor, action, case_code); });
}

Status record_refusal(Context& context, const Actor& actor, domain::Action attempted, std::string_view case_code) {
  context.pending_refusals.push_back(entry_of(context, audit_actor(actor), actor.community.id,
                                              "refused " + std::string(domain::to_string(attempted)), case_code));
  if (context.transaction_depth > 0) return ok_status();
  return write_pending_refusals(context);
}

Result<crypto::AuditVerification> verify_audit_log(Context& context, const std::optional<crypto::AuditHead>& saved) {
  ASSIGN_OR_RETURN(const std::vector<crypto::AuditEntry> entries, context.store.audit_log());
  return crypto::verify_audit_chain(entries, saved);
}

Result<std::optional<crypto::AuditHead>> audit_log_head(Context& context) {
  ASSIGN_OR_RETURN(const std::optional<crypto::AuditEntry> last, context.store.audit_head());
  if (!last) return std::optional<crypto::AuditHead>();
  return std::optional<crypto::AuditHead>(crypto::AuditHead{last->seq, last->hash});
}

Result<AuditTrail> audit_trail(Context& context, const Actor& actor, const AuditTrailQuery& query) {
  TRY(authorize(context, actor, domain::Action::ReadAuditTrail));
  store::AuditFilter filter;
  filter.community_id = actor.community.id;
  filter.before_seq = query.before_seq;
  filter.limit = std::clamp<std::size_t>(query.limit, 1, 500);
  if (query.case_code) {
    ASSIGN_OR_RETURN(const domain::Case summary,
                     find_case_for(context, actor, domain::Action::ReadAuditTrail, *query.case_code));
    filter.case_code = summary.code_name;
  }
  ASSIGN_OR_RETURN(AccessView view, load_access_view(context, actor.community.id, 0));
  // Entries of a case the actor may not see are left out; a case no longer stored
  // (expunged) has no one left to keep out. Each case named is judged once per page.
  std::map<std::string, bool> readable;
  const auto may_read = [&](const std::string& code) -> Result<bool> {
    if (code.empty()) return true;
    if (const auto known = readable.find(code); known != readable.end()) return known->second;
    auto found = context.store.find_case(actor.community.id, code);
    bool allowed = true;
    if (found.ok()) {
      ASSIGN_OR_RETURN(view.facts, context.store.load_case_access_facts(found->id));
      allowed = may(context, view, actor, domain::Action::ReadAuditTrail, *found);
    } else if (found.error().code != ErrorCode::NotFound)
      return found.error();
    readable.emplace(code, allowed);
    return allowed;
  };
  // The reader's own entries name only what they asked for (a refusal, an oversight
  // request), and an entry of a missing case is shown: leaving out a withheld case's
  // would tell the two apart.
  const std::string reader = audit_actor(actor);
  const auto own_entry = [&](const crypto::AuditEntry& entry) { return entry.actor == reader; };
  AuditTrail trail;
  std::vector<crypto::AuditEntry>& page = trail.entries;
  while (page.size() < filter.limit) {
    ASSIGN_OR_RETURN(const std::vector<crypto::AuditEntry> batch, context.store.audit_entries(filter));
    for (const crypto::AuditEntry& entry : batch) {
      ASSIGN_OR_RETURN(const bool readable_case, may_read(entry.case_code));
      const bool shown = readable_case || own_entry(entry);
      if (shown && page.size() < filter.limit) page.push_back(entry);
    }
    if (batch.size() < filter.limit) break;
    filter.before_seq = batch.back().seq;
  }
  TRY(transaction(context, [&] {
    return record_action(context, actor, audit_action::kReadAuditTrail, query.case_code ? *filter.case_code : "");
  }));
  for (const domain::Member& member : view.members) trail.actor_names[member_actor(member.id)] = member.display_name;
  return trail;
}

}  // namespace conduct::app
