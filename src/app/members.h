// Managing the members of a community: adding (with conflict matching against the
// parties already on record), offboarding and renewing terms.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/accounts.h"
#include "app/context.h"
#include "core/result.h"

namespace conduct::app {

// Adds a member. Only chairs may. A new member who is a party to an existing case, or
// is named in one as a reported person, is excluded from it at once; a shared employer
// with a party is flagged for them to confirm. Errors: PermissionDenied;
// InvalidArgument for bad fields; AlreadyExists when the email is taken.
Result<domain::Member> add_member(Context& context, const Actor& actor, const domain::NewMemberCommand& command);

// Adds a member and issues their first enrolment link, in one transaction: the chair
// passes the link on and the member sets their password and second factor with it.
struct AddedMember {
  domain::Member member;
  EnrolmentLink link;
};
Result<AddedMember> add_member_with_enrolment(Context& context, const Actor& actor,
                                              const domain::NewMemberCommand& command);

Result<std::vector<domain::Member>> list_members(Context& context, const Actor& actor);

// Where a member's keys stand: only certified keys receive case keys.
enum class KeyStatus { NotEnrolled, Uncertified, Certified };
std::string_view to_string(KeyStatus status);  // "not-enrolled", "uncertified", "certified"
struct MemberListing {
  domain::Member member;
  KeyStatus keys = KeyStatus::NotEnrolled;
};
// The members with the state of their keys, for chairs to see whom to certify.
Result<std::vector<MemberListing>> list_members_with_keys(Context& context, const Actor& actor);

// Ends a membership now and every session of the member: from the next request on
// they can do nothing.
// Errors: PermissionDenied; NotFound; FailedPrecondition when offboarding oneself
// would leave the community without an active chair.
Result<domain::Member> offboard_member(Context& context, const Actor& actor, const std::string& email);

// Renews a term: to `term_end` ("YYYY-MM-DD"), or by the policy's term from today.
// Errors: PermissionDenied; NotFound; InvalidArgument for a bad or past date;
// FailedPrecondition for a former member.
Result<domain::Member> renew_member(Context& context, const Actor& actor, const std::string& email,
                                    const std::string& term_end);

// A warning to the chairs: many failed sign-ins against one member's account, from any
// addresses (app/attempt_throttle.h). No one was locked out; the member may want to
// know that someone is guessing their password.
struct SignInWarning {
  domain::Member member;
  Timestamp raised_at;
  int failures = 0;
};
inline constexpr int kSignInWarningDays = 30;  // how far back the chairs are shown them
inline constexpr std::size_t kMostSignInWarnings = 100;

// The community's warnings of the last kSignInWarningDays days, newest first.
// Errors: PermissionDenied for anyone who does not manage members (chairs do).
Result<std::vector<SignInWarning>> sign_in_warnings(Context& context, const Actor& actor);

}  // namespace conduct::app
