#include "app/communities.h"

#include "crypto/recovery_key.h"

#include "app/accounts.h"
#include "app/audit.h"
#include "app/policy_file.h"
#include "core/text.h"
#include "crypto/key_certificate.h"

namespace conduct::app {

Result<InitResult> init_community(Context& context, const InitCommand& command) {
  const Timestamp now = context.clock.now();
  ASSIGN_OR_RETURN(domain::Policy policy, parse_policy(command.policy_source));
  ASSIGN_OR_RETURN(domain::Community community, domain::plan_new_community(command.community, std::move(policy), now));
  ASSIGN_OR_RETURN(domain::Member chair, domain::plan_new_member({command.chair_email, command.chair_name, "chair", ""},
                                                                 0, community.policy.membership, now));
  EnrolmentLink first_chair_link;
  std::string recovery_kit;
  TRY(transaction(context, [&]() -> Status {
    auto existing = context.store.find_community(community.slug);
    if (existing.ok()) return already_exists("a community with the slug '" + community.slug + "' already exists");
    ASSIGN_OR_RETURN(community.id, context.store.insert_community({community, command.policy_source}));
    chair.community_id = community.id;
    ASSIGN_OR_RETURN(chair.id, context.store.insert_member(chair));
    // The community root key: its public half is stored; its secret travels sealed with
    // the first chair's enrolment link until the chair enrols (app/accounts.cpp).
    const crypto::RootKey root = crypto::generate_root_key();
    TRY(context.store.save_root_public_key(community.id, root.sign_public));
    const crypto::RecoveryKey recovery = crypto::generate_recovery_key();
    TRY(context.store.save_recovery_key(
        {community.id, recovery.box_public, crypto::sign_recovery_key(root, community.id, recovery.box_public), now}));
    recovery_kit = crypto::recovery_kit_text(recovery);
    ASSIGN_OR_RETURN(first_chair_link, write_enrolment_link(context, community, chair.id, chair, &root));
    return record_action(context, kSystemActor, community.id, audit_action::kInitCommunity, "");
  }));
  return InitResult{std::move(community), std::move(chair), std::move(first_chair_link), std::move(recovery_kit)};
}

namespace {

Result<domain::Community> with_policy(store::CommunityRow row) {
  auto policy = parse_stored_policy(row.policy_source);
  if (!policy.ok())
    return internal_error("the stored policy of '" + row.community.slug +
                          "' no longer parses: " + policy.error().message);
  row.community.policy = std::move(policy).value();
  return row.community;
}

}  // namespace

Result<domain::Community> load_community(Context& context, const std::string& slug) {
  ASSIGN_OR_RETURN(store::CommunityRow row, context.store.find_community(slug));
  return with_policy(std::move(row));
}

Result<domain::Community> load_community_by_id(Context& context, std::int64_t community_id) {
  ASSIGN_OR_RETURN(store::CommunityRow row, context.store.find_community_by_id(community_id));
  return with_policy(std::move(row));
}

Result<domain::Community> choose_community(Context& context, const std::optional<std::string>& slug) {
  if (slug) return load_community(context, *slug);
  ASSIGN_OR_RETURN(const std::vector<store::CommunityRow> rows, context.store.list_communities());
  if (rows.empty()) return not_found("there is no community yet: run 'conduct init' first");
  if (rows.size() > 1) {
    std::vector<std::string> slugs;
    for (const store::CommunityRow& row : rows) slugs.push_back(row.community.slug);
    return field_error("community", "must be named, as there are several: " + join(slugs, ", "));
  }
  return load_community(context, rows.front().community.slug);
}

Result<std::vector<domain::Community>> list_communities(Context& context) {
  ASSIGN_OR_RETURN(const std::vector<store::CommunityRow> rows, context.store.list_communities());
  // Each with its stored policy: mail intake places a message by its community's rules.
  std::vector<domain::Community> communities;
  for (const store::CommunityRow& row : rows) {
    ASSIGN_OR_RETURN(domain::Community community, with_policy(row));
    communities.push_back(std::move(community));
  }
  return communities;
}

DatabaseHealth database_health(Context& context) {
  if (!context.store.count_communities().ok()) return {false, false, "the database does not answer"};
  const store::StorageHealth storage = context.store.storage_health();
  return {true, storage.writable, storage.problem};
}

}  // namespace conduct::app
