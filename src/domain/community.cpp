#include "domain/community.h"

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/slug.h"

namespace conduct::domain {

const Space* find_space(const Community& community, std::string_view key) {
  for (const Space& space : community.policy.spaces)
    if (space.key == key) return &space;
  return nullptr;
}

Result<Community> plan_new_community(const NewCommunityCommand& command, Policy policy, Timestamp now) {
  FieldErrors errors;
  const std::string name = trim(command.name);
  const std::string contact = to_lower_ascii(trim(command.contact_email));
  if (!is_slug(command.slug))
    errors.add("slug", "must be lower-case letters, digits and dashes, starting with a letter");
  if (name.empty())
    errors.add("name", "is required");
  else if (name.size() > 120 || !is_clean_utf8(name))
    errors.add("name", "must be at most 120 characters of printable text");
  if (!looks_like_email(contact)) errors.add("contact", "must be an email address such as conduct@example.org");
  TRY(errors.result("the community could not be created"));
  Community community;
  community.slug = command.slug;
  community.name = name;
  community.contact_email = contact;
  community.policy = std::move(policy);
  community.created_at = now;
  return community;
}

}  // namespace conduct::domain
