#include "app/audit_head_mail.h"

#include "app/audit.h"
#include "app/communities.h"
#include "app/mail_queue.h"
#include "crypto/audit_chain.h"

namespace conduct::app {

Result<int> mail_audit_head_when_due(Context& context, int every_hours) {
  if (every_hours <= 0) return 0;
  const Timestamp now = context.clock.now();
  ASSIGN_OR_RETURN(const std::optional<Timestamp> last, context.store.last_audit_head_mail());
  if (last && now.seconds - last->seconds < static_cast<std::int64_t>(every_hours) * 3600) return 0;
  ASSIGN_OR_RETURN(const std::optional<crypto::AuditHead> head, audit_log_head(context));
  if (!head) return 0;
  const std::string written = crypto::format_audit_head(*head);
  ASSIGN_OR_RETURN(const std::vector<domain::Community> communities, list_communities(context));
  int queued = 0;
  TRY(transaction(context, [&]() -> Status {
    for (const domain::Community& community : communities) {
      ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(community.id));
      for (const domain::Member& member : members) {
        if (!domain::is_chair_role(member.role) || !domain::is_active_on(member, date_of(now))) continue;
        TRY(queue_notice(context, community, member, "audit-head", "mail.audit_head_subject", "mail.audit_head_body",
                         std::nullopt, {{"head", written}, {"time", format_timestamp(now)}}));
        ++queued;
      }
    }
    return ok_status();
  }));
  return queued;
}

}  // namespace conduct::app
