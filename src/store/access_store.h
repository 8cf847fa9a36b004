// The relations that decide access -- conflicts, screenings, invitations, oversight
// grants -- and the indexed queries of access decided by index (domain/visibility.h)
// (part of the Store interface, store/store.h).
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "domain/case.h"
#include "domain/case_criteria.h"
#include "domain/conflicts.h"
#include "domain/visibility.h"
#include "store/case_store.h"

namespace conduct::store {

struct UnmatchedOversightRequest {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t member_id = 0;
  std::string code_asked;  // as normalised, or as typed when it is no code name at all
  Timestamp requested_at;
  int days = 0;
};

class AccessStore {
 public:
  virtual ~AccessStore() = default;

  // Conflicts, screenings, invitations and oversight grants. Each (case, member) pair
  // has at most one exclusion, possible conflict, screening and invitation: a second
  // insert fails with AlreadyExists. Sealed fields (an exclusion's note, a grant's
  // reason) are sealed with the case's context.
  virtual Status insert_exclusion(const domain::Case& owner, const domain::Exclusion& exclusion) = 0;
  virtual Status insert_possible_conflict(const domain::PossibleConflict& possible) = 0;
  virtual Status delete_possible_conflict(std::int64_t case_id, std::int64_t member_id) = 0;
  virtual Status insert_screening(const domain::Screening& screening) = 0;
  // Records who approved a screening. Errors: NotFound when there is none.
  virtual Status approve_screening(std::int64_t case_id, std::int64_t member_id, std::int64_t approved_by,
                                   Timestamp approved_at) = 0;
  virtual Status insert_invitation(const domain::Invitation& invitation) = 0;
  virtual Result<std::int64_t> insert_oversight_grant(const domain::Case& owner,
                                                      const domain::OversightGrant& grant) = 0;
  // Errors: NotFound for an unknown grant.
  virtual Status approve_oversight_grant(std::int64_t grant_id, std::int64_t approved_by, Timestamp approved_at) = 0;
  // A board member's oversight request that names no case they may ask about: the code
  // as asked, never a reason (there is no case to seal it for).
  virtual Status insert_unmatched_oversight_request(const UnmatchedOversightRequest& request) = 0;
  // The community's unmatched requests made at or after `since`, newest first.
  virtual Result<std::vector<UnmatchedOversightRequest>> unmatched_oversight_requests(std::int64_t community_id,
                                                                                      Timestamp since,
                                                                                      std::size_t limit) = 0;
  // The grants of one case, reasons opened, oldest first.
  virtual Result<std::vector<domain::OversightGrant>> oversight_grants_of_case(const domain::Case& owner) = 0;
  // Every relation of the community's members to its cases. Sealed fields are left
  // empty: deciding access never needs them. It reads the whole community: for tests
  // and maintenance only; requests use load_case_access_facts and list_visible_cases.
  virtual Result<domain::AccessFacts> load_access_facts(std::int64_t community_id) = 0;
  // Every relation of any member to one case (empty facts for a case that is not
  // stored): what domain::relation_of needs to judge that case. Sealed fields left empty.
  virtual Result<domain::AccessFacts> load_case_access_facts(std::int64_t case_id) = 0;

  // Access decided by index (domain/visibility.h). The cases `listing` reaches, newest
  // first (opened_at, then id, descending), filtered on plain columns by `filter` and
  // `criteria` and paged by `filter` in the query itself: only the page is read.
  virtual Result<std::vector<domain::Case>> list_visible_cases(std::int64_t community_id,
                                                               const domain::CaseListing& listing,
                                                               const CaseFilter& filter,
                                                               const domain::CaseCriteria& criteria) = 0;
  // The candidates for a member's screening list, newest first, at most `limit`: the
  // cases of the community with a possible conflict of the member, and those opened
  // before `joined_at` that the member has not screened; never those the member is
  // excluded from. The caller asks the policy about each (domain::Action::ScreenCase).
  virtual Result<std::vector<domain::Case>> list_cases_to_screen(std::int64_t community_id, std::int64_t member_id,
                                                                 Timestamp joined_at, std::size_t limit) = 0;
  // The cases of the community on which `member_id` screened and waits for the approval
  // of a member who handles the case, and whose current key version is wrapped for
  // `held_by` (who could grant it): the longest wait first (screening time, then the
  // newest case), at most `limit`.
  virtual Result<std::vector<domain::Case>> list_cases_awaiting_screening_approval(std::int64_t community_id,
                                                                                   std::int64_t member_id,
                                                                                   const KeyHolder& held_by,
                                                                                   std::size_t limit) = 0;
  // The person records of the community that are a reported party in at least one case
  // `listing` reaches, by code name and paged; case_count counts only those cases.
  virtual Result<std::vector<PersonRow>> list_visible_people(std::int64_t community_id,
                                                             const domain::CaseListing& listing, std::size_t limit,
                                                             std::size_t offset) = 0;
};

}  // namespace conduct::store
