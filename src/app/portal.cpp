#include "app/portal.h"

#include "app/audit.h"
#include "app/case_keys.h"
#include "app/catalogue.h"
#include "app/communities.h"
#include "app/rate_limits.h"
#include "app/reporter_thread.h"
#include "core/text.h"
#include "crypto/secretbox.h"
#include "crypto/session_token.h"
#include "domain/public_report.h"
#include "domain/receipt.h"

namespace conduct::app {
namespace {

constexpr int kLongestPortalSessionMinutes = 24 * 60;

std::string session_data(const std::string& lookup_id) { return "conduct portal session\n" + lookup_id; }

Error wrong_receipt() { return permission_denied("this receipt does not open a report"); }

// The limits a portal attempt counts against: the strictest of every community's, so
// that the answer never depends on which community a receipt would name (a real id and
// a made-up one meet the same limits).
Result<domain::IntakePolicy> portal_limits(Context& context) {
  ASSIGN_OR_RETURN(const std::vector<store::CommunityRow> rows, context.store.list_communities());
  domain::IntakePolicy limits = domain::default_policy().intake;
  bool first = true;
  for (const store::CommunityRow& row : rows) {
    ASSIGN_OR_RETURN(const domain::Community community, load_community_by_id(context, row.community.id));
    const domain::IntakePolicy& own = community.policy.intake;
    const auto stricter = [](domain::RateLimit& kept, const domain::RateLimit& other) {
      const double kept_rate = static_cast<double>(kept.most) / kept.per_seconds;
      const double other_rate = static_cast<double>(other.most) / other.per_seconds;
      if (other_rate < kept_rate) kept = other;
    };
    if (first) {
      limits = own;
      first = false;
      continue;
    }
    stricter(limits.receipt_failures_per_address, own.receipt_failures_per_address);
    stricter(limits.receipt_failures_overall, own.receipt_failures_overall);
  }
  return limits;
}

struct OpenSession {
  store::PortalSessionRow row;
  crypto::SecretBytes thread_key;
};

// The live session `token` names, its thread key opened. Errors: Unauthenticated.
Result<OpenSession> live_session(Context& context, const std::string& token) {
  const Error ended = unauthenticated("the portal session has ended: type your receipt again");
  const Result<crypto::SessionSecrets> secrets = crypto::session_from_token(token);
  if (!secrets.ok()) return ended;
  ASSIGN_OR_RETURN(const std::optional<store::PortalSessionRow> row,
                   context.store.find_portal_session(secrets->lookup_id));
  if (!row) return ended;
  ASSIGN_OR_RETURN(const domain::Case summary, context.store.find_case_by_id(row->case_id));
  ASSIGN_OR_RETURN(const domain::Community community, load_community_by_id(context, summary.community_id));
  const std::int64_t idle_seconds = static_cast<std::int64_t>(community.policy.intake.portal_session_minutes) * 60;
  const Timestamp now = context.clock.now();
  if (now.seconds - row->last_seen_at.seconds > idle_seconds ||
      now.seconds - row->created_at.seconds > std::int64_t{kLongestPortalSessionMinutes} * 60) {
    TRY(transaction(context, [&] { return context.store.delete_portal_session(row->lookup_id); }));
    return ended;
  }
  Result<crypto::SecretBytes> key =
      crypto::open_with_key(secrets->session_key, row->key_sealed, session_data(row->lookup_id));
  if (!key.ok()) return ended;
  return OpenSession{*row, std::move(key).value()};
}

}  // namespace

Result<PortalSession> open_portal(Context& context, const std::string& typed_receipt,
                                  const std::string& client_address) {
  const domain::ParsedReceipt parsed = domain::parse_receipt(typed_receipt);
  if (!parsed.receipt) return field_error("receipt", std::string(domain::describe(parsed.problem)));
  ASSIGN_OR_RETURN(const std::optional<store::ReporterThreadRow> thread,
                   context.store.find_thread_by_receipt(parsed.receipt->id));
  ASSIGN_OR_RETURN(const domain::IntakePolicy limits, portal_limits(context));
  const RateKeys keys = rate_keys(context, "receipt", client_address);
  TRY(check_rates(context, keys, limits.receipt_failures_per_address, limits.receipt_failures_overall));

  // The same Argon2id work whether or not the id names a thread.
  std::optional<crypto::SecretBytes> thread_key;
  if (thread) {
    const crypto::ReceiptRecord record{
        thread->receipt_salt,
        thread->receipt_verifier,
        {thread->receipt_ops_limit, static_cast<std::size_t>(thread->receipt_mem_limit)}};
    const Result<crypto::SecretBytes> receipt_key = crypto::open_receipt(record, parsed.receipt->secret);
    if (receipt_key.ok()) {
      ASSIGN_OR_RETURN(thread_key, open_thread_key_with_receipt(*thread, *receipt_key));
    }
  } else {
    (void)crypto::dummy_open_receipt(context.receipt_cost);
  }
  if (!thread_key) {
    TRY(transaction(context, [&]() -> Status {
      TRY(count_rate_use(context, keys, limits.receipt_failures_per_address, limits.receipt_failures_overall));
      return record_action(context, kPublicActor, 0, audit_action::kRefusedPortal, {});
    }));
    return wrong_receipt();
  }

  const crypto::SessionSecrets secrets = crypto::new_session();
  PortalSession session{secrets.token_for_cookie, crypto::new_csrf_token(), thread->language};
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, context.store.find_case_by_id(thread->case_id));
    store::PortalSessionRow row;
    row.lookup_id = secrets.lookup_id;
    row.case_id = thread->case_id;
    row.key_sealed = crypto::seal_with_key(secrets.session_key, thread_key->view(), session_data(secrets.lookup_id));
    row.csrf_token = session.csrf_token;
    row.created_at = context.clock.now();
    row.last_seen_at = row.created_at;
    TRY(context.store.insert_portal_session(row));
    return record_action(context, kPublicActor, summary.community_id, audit_action::kOpenPortal, summary.code_name);
  }));
  return session;
}

Result<PortalView> portal_view(Context& context, const std::string& token) {
  ASSIGN_OR_RETURN(const OpenSession session, live_session(context, token));
  ASSIGN_OR_RETURN(const domain::Case summary, context.store.find_case_by_id(session.row.case_id));
  ASSIGN_OR_RETURN(const domain::Community community, load_community_by_id(context, summary.community_id));
  ASSIGN_OR_RETURN(const std::optional<store::ReporterThreadRow> thread, context.store.find_thread_by_case(summary.id));
  PortalView view;
  ASSIGN_OR_RETURN(const domain::CaseLinks links, context.store.load_case_links(summary.id));
  std::optional<domain::Case> handled_in;
  if (links.primary) {
    ASSIGN_OR_RETURN(handled_in, context.store.find_case_by_id(*links.primary));
  }
  view.status_key = std::string(domain::reporter_status_key(summary, handled_in));
  view.language = thread ? thread->language : std::string(kDefaultLanguage);
  view.csrf_token = session.row.csrf_token;
  view.community_name = community.name;
  view.files_most = community.policy.intake.reporter_files_most;
  view.files_max_bytes = community.policy.intake.reporter_files_max_bytes;
  view.file_max_bytes = community.policy.evidence_max_bytes;
  ASSIGN_OR_RETURN(view.messages, open_thread_messages(context, summary.id, session.thread_key));
  for (ThreadMessage& message : view.messages) message.author_id.reset();  // no member is named to the reporter
  TRY(transaction(context, [&]() -> Status {
    TRY(context.store.touch_portal_session(session.row.lookup_id, context.clock.now()));
    return record_action(context, kPublicActor, summary.community_id, audit_action::kReadPortal, summary.code_name);
  }));
  return view;
}

Status portal_reply(Context& context, const std::string& token, const std::string& csrf_token, const std::string& text,
                    const std::vector<ReporterUpload>& files) {
  ASSIGN_OR_RETURN(const OpenSession session, live_session(context, token));
  if (!crypto::same_token(csrf_token, session.row.csrf_token))
    return permission_denied("the form has expired: open the portal again");
  ASSIGN_OR_RETURN(const domain::Case found, context.store.find_case_by_id(session.row.case_id));
  ASSIGN_OR_RETURN(const domain::Community community, load_community_by_id(context, found.community_id));
  const std::vector<domain::ReporterFile> sent = reporter_files(files);
  FieldErrors errors;
  domain::check_reporter_files(errors, sent, community.policy);
  if (files.empty() || !trim(text).empty()) check_message_text(errors, text, "text");
  TRY(errors.result("the message was not sent"));

  // The message names the files, in the reporter's language, so both sides of the
  // thread see what came with it.
  std::string message = trim(text);
  if (!sent.empty()) {
    std::vector<std::string> names;
    for (const domain::ReporterFile& file : sent) names.push_back(file.name);
    ASSIGN_OR_RETURN(const std::optional<store::ReporterThreadRow> thread, context.store.find_thread_by_case(found.id));
    const std::string language = thread ? thread->language : std::string(kDefaultLanguage);
    message += (message.empty() ? "" : "\n\n") +
               shipped_catalogue().text(language, "portal.files_sent", {{"names", join(names, ", ")}});
  }
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case summary, context.store.find_case_by_id(session.row.case_id));
    if (!files.empty()) {
      TRY(prepare_case_write(context, summary));
      TRY(store_reporter_files(context, summary, community.policy, files, "Sent by the reporter on the portal."));
    }
    TRY(append_to_thread(context, summary.id, session.thread_key, false, std::nullopt, message));
    TRY(context.store.touch_portal_session(session.row.lookup_id, context.clock.now()));
    return record_action(context, kPublicActor, summary.community_id, audit_action::kReporterMessage,
                         summary.code_name);
  });
}

Status close_portal(Context& context, const std::string& token, const std::string& csrf_token) {
  const Result<crypto::SessionSecrets> secrets = crypto::session_from_token(token);
  if (!secrets.ok()) return ok_status();
  ASSIGN_OR_RETURN(const std::optional<store::PortalSessionRow> row,
                   context.store.find_portal_session(secrets->lookup_id));
  if (!row) return ok_status();
  if (!crypto::same_token(csrf_token, row->csrf_token))
    return permission_denied("the form has expired: open the portal again");
  return transaction(context, [&] { return context.store.delete_portal_session(secrets->lookup_id); });
}

Result<std::int64_t> prune_portal_sessions(Context& context) {
  std::int64_t pruned = 0;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(pruned, context.store.prune_portal_sessions(Timestamp{
                                 context.clock.now().seconds - std::int64_t{kLongestPortalSessionMinutes} * 60}));
    return ok_status();
  }));
  return pruned;
}

}  // namespace conduct::app
