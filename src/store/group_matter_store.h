// The group's own matters put to the vote (part of the Store interface, store/store.h;
// domain/group_matter.h). The text and the ballots are sealed by the app under the
// matter's own key, like a meeting's minutes: the Sealer seals only what belongs to a
// case. The store keeps them as given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/group_matter.h"
#include "domain/vote_count.h"
#include "store/key_rows.h"

namespace conduct::store {

struct GroupMatterRow {
  std::int64_t community_id = 0;
  domain::GroupMatter matter;  // its text empty: the sealed text is below
  std::string text_sealed;
};

struct MatterBallotRow {
  std::int64_t member_id = 0;
  Timestamp cast_at;
  std::string ballot_sealed;
};

class GroupMatterStore {
 public:
  virtual ~GroupMatterStore() = default;

  // The number the community's next matter takes (the first is 1).
  virtual Result<int> next_matter_number(std::int64_t community_id) = 0;
  // Inserts the matter with its key's wraps; returns its id.
  virtual Result<std::int64_t> insert_matter(const GroupMatterRow& row, const std::vector<KeyWrapRow>& wraps) = 0;
  // A page of the community's matters, newest first, without their sealed text.
  virtual Result<std::vector<GroupMatterRow>> list_matters(std::int64_t community_id, std::size_t limit,
                                                           std::size_t offset) = 0;
  // Matter `number` of the community with its sealed text; nullopt when there is none.
  virtual Result<std::optional<GroupMatterRow>> find_matter(std::int64_t community_id, int number) = 0;
  virtual Result<std::vector<KeyWrapRow>> matter_wraps(std::int64_t matter_id) = 0;
  // A member's ballot, cast or changed.
  virtual Status put_matter_ballot(std::int64_t matter_id, const MatterBallotRow& ballot) = 0;
  virtual Result<std::vector<MatterBallotRow>> matter_ballots(std::int64_t matter_id) = 0;
  // A member stands aside (AlreadyExists when they did already).
  virtual Status insert_matter_recusal(std::int64_t matter_id, std::int64_t member_id, Timestamp at) = 0;
  virtual Result<std::vector<std::int64_t>> matter_recusals(std::int64_t matter_id) = 0;
  // Closes the matter's vote with its outcome. FailedPrecondition when it is closed already.
  virtual Status close_matter(std::int64_t matter_id, domain::MatterStatus status, const domain::VoteCount& count,
                              Timestamp closed_at) = 0;
};

}  // namespace conduct::store
