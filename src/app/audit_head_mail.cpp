#include "app/audit_head_mail.h"

#include "app/audit.h"
#include "app/catalogue.h"
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
  const Catalogue& words = shipped_catalogue();
  int queued = 0;
  TRY(transaction(context, [&]() -> Status {
    for (const domain::Community& community : communities) {
      ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(community.id));
      const std::vector<std::pair<std::string, std::string>> values = {
          {"community", community.name}, {"head", written}, {"time", format_timestamp(now)}};
      for (const domain::Member& member : members) {
        if (!domain::is_chair_role(member.role) || !domain::is_active_on(member, date_of(now))) continue;
        MailToQueue mail;
        mail.community_id = community.id;
        mail.kind = "audit-head";
        mail.message.from = community.contact_email;
        mail.message.to = {member.email};
        mail.message.subject = words.text(kDefaultLanguage, "mail.audit_head_subject", values);
        mail.message.body = words.text(kDefaultLanguage, "mail.audit_head_body", values);
        mail.message.auto_submitted = "auto-generated";
        TRY(queue_mail(context, std::move(mail)));
        ++queued;
      }
    }
    return ok_status();
  }));
  return queued;
}

}  // namespace conduct::app
