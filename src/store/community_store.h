// Communities and their members (part of the Store interface, store/store.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/community.h"
#include "domain/member.h"

namespace conduct::store {

// A community as stored: its policy is kept as the TOML text it was created from, so
// the record stays readable by people; src/app parses it.
struct CommunityRow {
  domain::Community community;  // policy left default; see policy_source
  std::string policy_source;
};

class CommunityStore {
 public:
  virtual ~CommunityStore() = default;

  // Communities.
  virtual Result<std::int64_t> insert_community(const CommunityRow& row) = 0;
  virtual Result<CommunityRow> find_community(std::string_view slug) = 0;
  virtual Result<CommunityRow> find_community_by_id(std::int64_t community_id) = 0;
  virtual Result<std::vector<CommunityRow>> list_communities() = 0;
  // How many communities are stored: one indexed count, for a health check.
  virtual Result<std::int64_t> count_communities() = 0;

  // Members.
  virtual Result<std::int64_t> insert_member(const domain::Member& member) = 0;
  virtual Result<domain::Member> find_member(std::int64_t community_id, std::string_view email) = 0;
  virtual Result<domain::Member> find_member_by_id(std::int64_t member_id) = 0;
  virtual Result<std::vector<domain::Member>> list_members(std::int64_t community_id) = 0;
  // Writes the member's role, term, status, handles, employer and joined time.
  // Errors: NotFound.
  virtual Status update_member(const domain::Member& member) = 0;
};

}  // namespace conduct::store
