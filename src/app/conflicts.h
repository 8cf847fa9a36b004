// Conflicts of interest and the grants that let someone outside the group see a case:
// declaring a conflict, screening cases (new members, possible conflicts), inviting an
// adviser, and board oversight.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/context.h"
#include "core/result.h"
#include "domain/conflicts.h"

namespace conduct::app {

// Records the conflicts that `parties` of `owner` make known for `members` (exclusions
// of parties and reported persons, possible conflicts for a shared employer), skipping
// what is already recorded. Used inside the transaction that records the parties, or
// that adds a member. No access check: the caller's use case made it.
// Parties are compared by their blind indexes (domain::match_keys_of with
// blind_match_keys), so no case key is needed.
Status record_known_conflicts(Context& context, const domain::Case& owner,
                              const std::vector<domain::PartyMatchKeys>& parties,
                              const std::vector<domain::Member>& members);

// The blind index (crypto/blind_index.h) as the domain's match-key function.
domain::MatchKeyFunction blind_match_keys(const Context& context);
// A party's blind indexes as the store keeps them.
store::PartyIndexes party_indexes(const Context& context, const domain::Party& party);

// Recuses the actor from the case. From the next request on the case does not exist
// for them: not in lists, counts or search. `note` is optional, sealed and shown to
// nobody. A pending possible conflict (shared employer) is confirmed by this.
// Errors: NotFound when the actor cannot see the case (already excluded included).
Status declare_conflict(Context& context, const Actor& actor, const std::string& code_name, const std::string& note);

// What a member still has to screen: cases opened before they joined, and cases with a
// possible conflict for them to confirm or dismiss. Only code names are shown.
struct ScreeningItem {
  domain::Case summary;
  bool possible_conflict = false;  // false: a case from before the member joined
};
// The newest kScreeningPageSize of them: a member works through the list from the top.
inline constexpr std::size_t kScreeningPageSize = 200;
Result<std::vector<ScreeningItem>> cases_to_screen(Context& context, const Actor& actor);

// The actor declares they have no conflict with the case. For a case from before they
// joined, access follows once a member who handles the case approves it
// (approve_access); a dismissed possible conflict gives access at once.
// Errors: NotFound when there is nothing to screen on that case for them.
Status clear_case(Context& context, const Actor& actor, const std::string& code_name);

// The queue of pending grants on the cases the actor holds: screened newcomers waiting
// for approval, and members the policy lets read a case who hold no key to it yet —
// an invited adviser, a board member with approved oversight, a member certified
// after the case was opened. (A password reset makes the member screen again.)
struct AccessRequest {
  domain::Case summary;
  domain::Member member;
  std::string kind;  // "screening", "adviser", "oversight", "member"
  Timestamp waiting_since;
};
// The first `limit` of the queue, longest wait first (then newest case); `more` says
// whether others wait beyond them. Candidates are found by index (the member's
// screenings awaiting approval on cases whose current key is wrapped for the actor; the
// cases the member's listing reaches whose current key is wrapped for the actor but not
// for the member), and the policy judges each,
// so the queue costs the same in a community of 100 cases and of 100,000.
struct AccessQueue {
  std::vector<AccessRequest> requests;
  bool more = false;
};
constexpr std::size_t kAccessQueueDefaultLimit = 50;
constexpr std::size_t kAccessQueueMaxLimit = 200;
Result<AccessQueue> access_requests(Context& context, const Actor& actor, std::size_t limit = kAccessQueueDefaultLimit);

// What `member` waits for on `summary`, if anything a holder (or the recovery kit) can
// grant now; `certified` says whether the member's keys are certified.
Result<std::optional<AccessRequest>> pending_grant(Context& context, const AccessView& view,
                                                   const domain::Case& summary, const domain::Member& member,
                                                   bool certified);

// Approves one pending grant: records the approval of a screening, and wraps the
// versions of the case key the actor holds for the member's certified keys (a member
// whose keys are not certified yet stays in the queue for the key).
// Errors: NotFound for the case (also when the actor may not handle it) or when
// `email` has nothing pending on it; FailedPrecondition when the actor does not hold
// the case's key.
Status approve_access(Context& context, const Actor& actor, const std::string& code_name, const std::string& email);

// A chair lets an adviser see one case. Errors: NotFound for the case; InvalidArgument
// (field "adviser") when the email is not an active adviser; AlreadyExists.
Status invite_adviser(Context& context, const Actor& actor, const std::string& code_name, const std::string& email);

// A board member asks to see one case, with a reason, for `days` days (1–90). The
// request is recorded and answered alike whatever the code names — a case the board
// member may ask about (a grant waiting for a chair), a case they are excluded from, or
// no case (both kept as unmatched requests, without the reason): the returned grant's
// id and case are set only in the first case, and shells must show neither (they show
// when it was requested and for how many days). Errors: InvalidArgument for the fields
// (checked first); NotFound, alike for every code, for anyone who is not a board member.
Result<domain::OversightGrant> request_oversight(Context& context, const Actor& actor, const std::string& code_name,
                                                 const std::string& reason, int days);

// An oversight request that named no case its board member may ask about.
struct UnmatchedOversightRequest {
  domain::Member member;   // who asked
  std::string code_asked;  // what they named
  Timestamp requested_at;
  int days = 0;
  bool names_a_case = false;  // a real case (the reader may see it) the requester is excluded from
};
inline constexpr std::size_t kLongestCodeAsked = 64;
inline constexpr int kUnmatchedOversightDays = 90;  // how far back the chairs are shown them
inline constexpr std::size_t kMostUnmatchedOversight = 100;

// The unmatched requests of the last kUnmatchedOversightDays days, newest first, for a
// chair: those naming no case, and those naming a case the chair may know exists.
// Errors: PermissionDenied for anyone who does not manage members.
Result<std::vector<UnmatchedOversightRequest>> unmatched_oversight_requests(Context& context, const Actor& actor);

// The oversight requests of a case, for a chair deciding on them.
Result<std::vector<domain::OversightGrant>> oversight_requests(Context& context, const Actor& actor,
                                                               const std::string& code_name);

// A chair approves request `grant_id` of the case; the grant runs from now.
// Errors: NotFound for the case or the request; FailedPrecondition when already approved.
Status approve_oversight(Context& context, const Actor& actor, const std::string& code_name, std::int64_t grant_id);

}  // namespace conduct::app
