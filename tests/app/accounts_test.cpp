// Accounts as scenarios over the use cases: enrolment, certifying members' keys,
// signing in with password and TOTP code, the back-off after failures, sessions and
// password changes, and what the stored rows hold (docs/security.md "Member keys", "Secrets
// and what is derived from them", "Web"; src/app/accounts.cpp states the derivations,
// src/domain/sign_in.h the back-off and session lifetime).
//
// The clock is the fixture's FixedClock: every wait is a clock step, never a sleep. TOTP
// codes are single use, so each sign-in first moves the clock to a later 30-second step.
#include "app/accounts.h"

#include <gmock/gmock.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/attempt_throttle.h"
#include "app/audit.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "app/members.h"
#include "app_fixture.h"
#include "crypto/key_certificate.h"
#include "crypto/member_keys.h"
#include "crypto/password.h"
#include "crypto/secretbox.h"
#include "crypto/session_token.h"
#include "crypto/totp.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using testing::AppTest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

const char* const kPassword = "tidewater correct horse";
const char* const kNewPassword = "a different long passphrase";
const char* const kWrongCredentials = "the email, password or code is not right";
const char* const kInvalidLink = "this enrolment link is not valid: it may have been used or have expired";
const char* const kNotSignedIn = "not signed in, or the session has ended";
const char* const kAddress = "192.0.2.10";

// Whether `result` failed with `code`; the message, when given, must match exactly.
template <typename T>
::testing::AssertionResult FailsWith(const Result<T>& result, ErrorCode code,
                                     std::optional<std::string> message = std::nullopt) {
  if (result.ok()) return ::testing::AssertionFailure() << "succeeded; expected " << error_code_name(code);
  if (result.error().code != code || (message && result.error().message != *message))
    return ::testing::AssertionFailure() << "failed with " << error_code_name(result.error().code) << " ("
                                         << result.error().message << "); expected " << error_code_name(code)
                                         << (message ? " (" + *message + ")" : "");
  return ::testing::AssertionSuccess();
}

// Whether any `window` consecutive bytes of `needle` appear in `haystack`: a secret
// stored in part is stored.
bool contains_part_of(std::string_view haystack, std::string_view needle, std::size_t window = 8) {
  if (needle.size() < window) return haystack.find(needle) != std::string_view::npos;
  for (std::size_t at = 0; at + window <= needle.size(); ++at)
    if (haystack.find(needle.substr(at, window)) != std::string_view::npos) return true;
  return false;
}

class AccountsTest : public AppTest {
 protected:
  AccountsTest() { members_hold_keys_ = false; }  // these tests enrol members themselves

  void SetUp() override {
    AppTest::SetUp();
    context_.password_cost = crypto::kTestCost;  // the same code path; Argon2id is just cheap
  }

  const domain::SignInPolicy& policy() const { return chair_.community.policy.sign_in; }

  // Completes an enrolment link with a fresh TOTP secret and the current code; returns
  // the raw secret, as the member's authenticator would hold it.
  std::string complete(const std::string& token, const std::string& password = kPassword) {
    const std::string secret = crypto::new_totp_secret();
    auto done = complete_enrolment(context_, {token, password, crypto::totp_secret_base32(secret),
                                              crypto::totp_code(secret, clock_.now().seconds)});
    EXPECT_TRUE(done.ok()) << done.error().message;
    return secret;
  }

  // Enrols the first chair through the link `conduct init` makes with the root key.
  std::string enrol_first_chair() { return enrol_first_chair_secret_ = complete(first_chair_link_.token); }
  std::string enrol_first_chair_secret_;

  // Enrols (or re-enrols: a password reset) a member through a link the chair issues.
  std::string enrol(const Actor& who, const std::string& password = kPassword) {
    auto link = issue_enrolment(context_, chair_, who.member.email);
    EXPECT_TRUE(link.ok()) << link.error().message;
    return link.ok() ? complete(link->token, password) : std::string();
  }

  std::string code(const std::string& secret, int steps_from_now = 0) const {
    return crypto::totp_code(secret, clock_.now().seconds + steps_from_now * crypto::kTotpStepSeconds);
  }

  // A six-digit code the authenticator shows at no step near now.
  std::string wrong_code(const std::string& secret) const {
    const std::vector<std::string> near = {code(secret, -1), code(secret), code(secret, 1)};
    for (int guess = 0;; ++guess) {
      std::string candidate = std::to_string(guess);
      candidate.insert(0, 6 - candidate.size(), '0');
      if (std::find(near.begin(), near.end(), candidate) == near.end()) return candidate;
    }
  }

  void next_step() { clock_.advance_seconds(crypto::kTotpStepSeconds); }

  Result<SignedIn> attempt(const std::string& email, const std::string& password, const std::string& totp_code,
                           const std::string& address = kAddress) {
    return sign_in(context_, {std::nullopt, email, password, totp_code, address});
  }

  // Signs in at the next code step, which must succeed.
  SignedIn signed_in(const Actor& who, const std::string& secret, const std::string& password = kPassword,
                     const std::string& address = kAddress) {
    next_step();
    auto done = attempt(who.member.email, password, code(secret), address);
    EXPECT_TRUE(done.ok()) << done.error().message;
    return done.ok() ? *done : SignedIn{};
  }

  Authenticated authenticated(const std::string& token) {
    auto done = authenticate(context_, token);
    EXPECT_TRUE(done.ok()) << done.error().message;
    return done.ok() ? *done : Authenticated{};
  }

  bool certified(const Actor& who, const std::string& pinned = "") {
    auto member = store_->find_member_by_id(who.member.id);
    EXPECT_TRUE(member.ok());
    auto answer = is_certified(context_, *member, pinned);
    EXPECT_TRUE(answer.ok()) << answer.error().message;
    return answer.ok() && *answer;
  }

  std::string lookup_id_of(const std::string& token) {
    auto secrets = crypto::session_from_token(token);
    EXPECT_TRUE(secrets.ok());
    return secrets.ok() ? secrets->lookup_id : std::string();
  }

  AttemptKeys keys_of(const std::string& email, const std::string& address = kAddress) const {
    return attempt_keys(context_, email, address);
  }

  int failures_of(const std::string& key) {
    auto row = store_->find_throttle(key);
    EXPECT_TRUE(row.ok());
    return row.ok() ? row->failures : -1;
  }
};

// ---- Enrolment -------------------------------------------------------------------------------

TEST_F(AccountsTest, EnrolmentReportsEveryBadFieldAtOnce) {
  auto link = issue_enrolment(context_, chair_, member_.member.email);
  ASSERT_TRUE(link.ok()) << link.error().message;
  const std::string secret = crypto::new_totp_secret();

  // A weak password, a secret that is not base32 and a code that is not six digits.
  auto all_three = complete_enrolment(context_, {link->token, "short", "not base32!", "12ab"});
  ASSERT_TRUE(FailsWith(all_three, ErrorCode::InvalidArgument));
  EXPECT_THAT(all_three.error().fields,
              ElementsAre(Pair("code", "must be the 6 digits the authenticator shows"),
                          Pair("password", "must be at least 12 characters long"),
                          Pair("totp_secret", "is not a base32 TOTP secret of at least 80 bits")));
  EXPECT_THAT(all_three.error().message, HasSubstr("the enrolment could not be completed"));

  // A weak password and a well-formed code that the authenticator did not show.
  auto two = complete_enrolment(
      context_, {link->token, "aaaaaaaaaaaaaaaa", crypto::totp_secret_base32(secret), wrong_code(secret)});
  ASSERT_TRUE(FailsWith(two, ErrorCode::InvalidArgument));
  EXPECT_THAT(two.error().fields,
              ElementsAre(Pair("code", "does not match the authenticator: check the app's clock and try again"),
                          Pair("password", "must not be one character repeated")));

  // A secret of fewer than 80 bits is refused like one that is not base32.
  auto short_secret = complete_enrolment(context_, {link->token, kPassword, "JBSWY3DP", code(secret)});
  ASSERT_TRUE(FailsWith(short_secret, ErrorCode::InvalidArgument));
  EXPECT_THAT(short_secret.error().fields,
              ElementsAre(Pair("totp_secret", "is not a base32 TOTP secret of at least 80 bits")));

  // Nothing was stored and the link still works.
  EXPECT_TRUE(FailsWith(store_->find_credentials(member_.member.id), ErrorCode::NotFound));
  auto done = complete_enrolment(context_, {link->token, kPassword, crypto::totp_secret_base32(secret), code(secret)});
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->id, member_.member.id);
  EXPECT_TRUE(store_->find_credentials(member_.member.id).ok());
}

TEST_F(AccountsTest, CheckEnrolmentShowsTheMemberAndTheCommunity) {
  auto link = issue_enrolment(context_, chair_, "  Priya@Tidewater.example ");
  ASSERT_TRUE(link.ok()) << link.error().message;
  EXPECT_EQ(link->expires_at.seconds, clock_.now().seconds + policy().enrolment_link_hours * kSecondsPerHour);

  auto info = check_enrolment(context_, link->token);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->member.id, member_.member.id);
  EXPECT_EQ(info->member.email, "priya@tidewater.example");
  EXPECT_EQ(info->member.display_name, "Priya Raman");
  EXPECT_EQ(info->community_name, "Tidewater Open Source Community");
  // Checking does not use the link up.
  EXPECT_TRUE(check_enrolment(context_, link->token).ok());
}

TEST_F(AccountsTest, UsedExpiredAndUnknownLinksAnswerAlike) {
  auto used = issue_enrolment(context_, chair_, member_.member.email);
  auto expiring = issue_enrolment(context_, chair_, adviser_.member.email);
  ASSERT_TRUE(used.ok() && expiring.ok());
  complete(used->token);

  const std::string secret = crypto::new_totp_secret();
  const auto try_link = [&](const std::string& token) {
    SCOPED_TRACE(token);
    EXPECT_TRUE(FailsWith(check_enrolment(context_, token), ErrorCode::NotFound, kInvalidLink));
    EXPECT_TRUE(
        FailsWith(complete_enrolment(context_, {token, kPassword, crypto::totp_secret_base32(secret), code(secret)}),
                  ErrorCode::NotFound, kInvalidLink));
  };
  try_link(used->token);
  try_link("not-a-token");
  try_link("");
  try_link(crypto::new_session().token_for_cookie);  // well formed, never issued

  // The adviser's link works until the policy's hours have passed, not a second longer.
  clock_.set(Timestamp{expiring->expires_at.seconds - 1});
  EXPECT_TRUE(check_enrolment(context_, expiring->token).ok());
  clock_.set(expiring->expires_at);
  try_link(expiring->token);
  EXPECT_TRUE(FailsWith(store_->find_credentials(adviser_.member.id), ErrorCode::NotFound));
}

TEST_F(AccountsTest, LinkTokensNeverStartWithADash) {
  // A token is base64url, so one in 64 would start with '-' and read as an option on
  // the command line (`conduct enrol TOKEN`).
  for (int i = 0; i < 300; ++i) {
    auto link = issue_enrolment(context_, chair_, member_.member.email);
    ASSERT_TRUE(link.ok()) << link.error().message;
    EXPECT_EQ(link->token.size(), crypto::kSessionTokenLength);
    ASSERT_NE(link->token.front(), '-') << link->token;
    ASSERT_TRUE(check_enrolment(context_, link->token).ok());
  }
}

TEST_F(AccountsTest, OnlyChairsIssueLinksAndNeverToFormerMembers) {
  EXPECT_TRUE(FailsWith(issue_enrolment(context_, member_, adviser_.member.email), ErrorCode::PermissionDenied));
  EXPECT_TRUE(FailsWith(issue_enrolment(context_, chair_, "nobody@tidewater.example"), ErrorCode::NotFound));
  ASSERT_TRUE(offboard_member(context_, chair_, member_.member.email).ok());
  EXPECT_TRUE(FailsWith(issue_enrolment(context_, chair_, member_.member.email), ErrorCode::FailedPrecondition,
                        "priya@tidewater.example is a former member"));
}

// ---- Certifying keys -------------------------------------------------------------------------

TEST_F(AccountsTest, FirstChairIsCertifiedByTheRootKey) {
  EXPECT_FALSE(certified(chair_));
  enrol_first_chair();
  auto fingerprint = root_fingerprint(context_, chair_.community.id);
  ASSERT_TRUE(fingerprint.ok()) << fingerprint.error().message;
  ASSERT_EQ(fingerprint->size(), 39u);

  EXPECT_TRUE(certified(chair_));
  EXPECT_TRUE(certified(chair_, *fingerprint));
  std::string upper = *fingerprint;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(certified(chair_, upper));  // compared ignoring case
  // Another root key's fingerprint: the database's root key is not the pinned one.
  EXPECT_FALSE(certified(chair_, "0123 4567 89ab cdef 0123 4567 89ab cdef"));
  EXPECT_FALSE(certified(chair_, crypto::fingerprint(crypto::generate_root_key().sign_public)));

  // The root secret travelled sealed with the link and now is sealed to the chair only.
  auto wrap = store_->find_root_key_wrap(chair_.community.id, chair_.member.id);
  ASSERT_TRUE(wrap.ok()) << wrap.error().message;
  auto certificate = store_->find_certificate(chair_.member.id);
  ASSERT_TRUE(certificate.ok());
  EXPECT_EQ(certificate->issuer_sign_public, *store_->find_root_public_key(chair_.community.id));
}

TEST_F(AccountsTest, MemberIsCertifiedOnlyWhenTheSignedInChairCertifies) {
  const std::string chair_secret = enrol_first_chair();
  enrol(member_);
  EXPECT_FALSE(certified(member_));  // enrolled, waiting for a chair

  const SignedIn chair = signed_in(chair_, chair_secret);
  const Authenticated session = authenticated(chair.token);
  ASSERT_TRUE(certify_member(context_, session, chair.token, " PRIYA@tidewater.example").ok());
  EXPECT_TRUE(certified(member_));
  EXPECT_TRUE(certified(member_, *root_fingerprint(context_, chair_.community.id)));
  EXPECT_FALSE(certified(member_, "0123 4567 89ab cdef 0123 4567 89ab cdef"));
  auto certificate = store_->find_certificate(member_.member.id);
  ASSERT_TRUE(certificate.ok());
  EXPECT_EQ(certificate->issuer_sign_public, store_->find_credentials(chair_.member.id)->sign_public);
  EXPECT_EQ(certificate->issued_at, clock_.now().seconds);
}

TEST_F(AccountsTest, CertifyingNeedsAChairTheirOwnSessionAndAnEnrolledMember) {
  const std::string chair_secret = enrol_first_chair();
  const std::string member_secret = enrol(member_);
  const SignedIn chair = signed_in(chair_, chair_secret);
  const Authenticated chair_session = authenticated(chair.token);

  const SignedIn member = signed_in(member_, member_secret);
  const Authenticated member_session = authenticated(member.token);
  EXPECT_TRUE(FailsWith(certify_member(context_, member_session, member.token, adviser_.member.email),
                        ErrorCode::PermissionDenied));

  EXPECT_TRUE(FailsWith(certify_member(context_, chair_session, chair.token, adviser_.member.email),
                        ErrorCode::FailedPrecondition, "ada@tidewater.example has not enrolled yet"));
  EXPECT_TRUE(
      FailsWith(certify_member(context_, chair_session, chair.token, "nobody@tidewater.example"), ErrorCode::NotFound));
  // The private keys open only with this session's own token.
  EXPECT_TRUE(FailsWith(certify_member(context_, chair_session, member.token, member_.member.email),
                        ErrorCode::Unauthenticated));
  EXPECT_FALSE(certified(member_));
  EXPECT_FALSE(certified(adviser_));
}

TEST_F(AccountsTest, ASecondChairIsCertifiedWithTheRootKeyAndThenCertifiesOthers) {
  const Actor second = add("kai@tidewater.example", "Kai Nakamura", "chair");
  const std::string chair_secret = enrol_first_chair();
  const std::string second_secret = enrol(second);
  enrol(member_);

  // Not yet certified, the second chair cannot vouch for anyone.
  const SignedIn kai = signed_in(second, second_secret);
  EXPECT_TRUE(FailsWith(certify_member(context_, authenticated(kai.token), kai.token, member_.member.email),
                        ErrorCode::FailedPrecondition, "your own keys are not certified yet"));

  const SignedIn robin = signed_in(chair_, chair_secret);
  ASSERT_TRUE(certify_member(context_, authenticated(robin.token), robin.token, second.member.email).ok());
  EXPECT_TRUE(certified(second, *root_fingerprint(context_, chair_.community.id)));
  auto certificate = store_->find_certificate(second.member.id);
  ASSERT_TRUE(certificate.ok());
  EXPECT_EQ(certificate->issuer_sign_public, *store_->find_root_public_key(chair_.community.id));
  EXPECT_TRUE(store_->find_root_key_wrap(chair_.community.id, second.member.id).ok());

  ASSERT_TRUE(certify_member(context_, authenticated(kai.token), kai.token, member_.member.email).ok());
  EXPECT_TRUE(certified(member_, *root_fingerprint(context_, chair_.community.id)));
  EXPECT_EQ(store_->find_certificate(member_.member.id)->issuer_sign_public,
            store_->find_credentials(second.member.id)->sign_public);

  // The second chair holds the root key too: they can certify a third chair.
  const Actor third = add("lee@tidewater.example", "Lee Okafor", "vice-chair");
  enrol(third);
  ASSERT_TRUE(certify_member(context_, authenticated(kai.token), kai.token, third.member.email).ok());
  EXPECT_TRUE(certified(third));
}

TEST_F(AccountsTest, APasswordResetLeavesTheOldCertificateBehind) {
  const std::string chair_secret = enrol_first_chair();
  const std::string old_secret = enrol(member_);
  const SignedIn chair = signed_in(chair_, chair_secret);
  ASSERT_TRUE(certify_member(context_, authenticated(chair.token), chair.token, member_.member.email).ok());
  ASSERT_TRUE(certified(member_));
  const std::string old_box_public = store_->find_credentials(member_.member.id)->box_public;
  const SignedIn before_reset = signed_in(member_, old_secret);

  const std::string new_secret = enrol(member_, kNewPassword);                         // the reset link, used
  EXPECT_NE(store_->find_credentials(member_.member.id)->box_public, old_box_public);  // new keys
  EXPECT_FALSE(certified(member_));  // the certificate covers the old keys
  EXPECT_TRUE(FailsWith(authenticate(context_, before_reset.token), ErrorCode::Unauthenticated, kNotSignedIn));
  next_step();
  EXPECT_TRUE(FailsWith(attempt(member_.member.email, kPassword, code(new_secret)), ErrorCode::Unauthenticated,
                        kWrongCredentials));
  signed_in(member_, new_secret, kNewPassword);

  // A chair certifies the new keys again.
  ASSERT_TRUE(certify_member(context_, authenticated(chair.token), chair.token, member_.member.email).ok());
  EXPECT_TRUE(certified(member_));
}

// ---- Signing in ----------------------------------------------------------------------------

TEST_F(AccountsTest, AfterAResetTheMemberScreensTheOldCasesAndWaitsToBeLetIn) {
  const SignedIn chair = signed_in(chair_, enrol_first_chair());
  const std::string secret = enrol(member_);
  ASSERT_TRUE(certify_member(context_, authenticated(chair.token), chair.token, member_.member.email).ok());
  domain::NewCaseCommand command;
  command.report.report_text = "A report from before the reset.";
  auto record = open_case(context_, chair.actor, command);
  ASSERT_TRUE(record.ok()) << record.error().message;
  const std::string code = domain::url_form(record->summary.code_name);
  EXPECT_TRUE(show_case(context_, signed_in(member_, secret).actor, code).ok());

  // Whoever holds the reset link gains nothing from it: the member starts over, and
  // the wraps made for the old keys are gone.
  clock_.advance_seconds(kSecondsPerHour);
  auto link = issue_enrolment(context_, chair.actor, member_.member.email);
  ASSERT_TRUE(link.ok()) << link.error().message;
  const std::string new_secret = complete(link->token, kNewPassword);
  const std::vector<store::CaseKeyWrapRow> wraps = *store_->case_key_wraps(record->summary.id);
  for (const store::CaseKeyWrapRow& wrap : wraps) EXPECT_NE(wrap.member_id, member_.member.id);
  const Actor after_reset = signed_in(member_, new_secret, kNewPassword).actor;
  EXPECT_TRUE(FailsWith(show_case(context_, after_reset, code), ErrorCode::NotFound));
  ASSERT_TRUE(clear_case(context_, after_reset, code).ok());
  EXPECT_TRUE(FailsWith(show_case(context_, after_reset, code), ErrorCode::NotFound));

  // The chair lets them in; the key follows once their new keys are certified.
  const SignedIn chair_again = signed_in(chair_, enrol_first_chair_secret_);
  ASSERT_TRUE(approve_access(context_, chair_again.actor, code, member_.member.email).ok());
  EXPECT_TRUE(FailsWith(show_case(context_, after_reset, code), ErrorCode::FailedPrecondition));
  ASSERT_TRUE(certify_member(context_, authenticated(chair_again.token), chair_again.token, member_.member.email).ok());
  const auto queue = access_requests(context_, chair_again.actor);
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  ASSERT_EQ(queue->requests.size(), 1u);
  EXPECT_EQ(queue->requests[0].member.id, member_.member.id);
  EXPECT_EQ(queue->requests[0].kind, "member");
  ASSERT_TRUE(approve_access(context_, chair_again.actor, code, member_.member.email).ok());
  EXPECT_TRUE(show_case(context_, after_reset, code).ok());
  EXPECT_TRUE(access_requests(context_, chair_again.actor)->requests.empty());
}

TEST_F(AccountsTest, SignInStartsASessionThatAuthenticates) {
  const std::string secret = enrol(member_);
  next_step();
  auto done = attempt("  PRIYA@Tidewater.Example ", kPassword, " " + code(secret) + " ");
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->token.size(), crypto::kSessionTokenLength);
  EXPECT_EQ(done->csrf_token.size(), crypto::kSessionTokenLength);
  EXPECT_NE(done->token, done->csrf_token);
  EXPECT_EQ(done->actor.member.id, member_.member.id);
  EXPECT_EQ(done->actor.community.id, chair_.community.id);
  EXPECT_EQ(done->actor.community.slug, "tidewater");

  const Timestamp signed_in_at = clock_.now();
  auto row = store_->find_session(lookup_id_of(done->token));
  ASSERT_TRUE(row.ok()) << row.error().message;
  EXPECT_EQ(row->member_id, member_.member.id);
  EXPECT_EQ(row->created_at, signed_in_at);
  EXPECT_EQ(row->csrf_token, done->csrf_token);

  clock_.advance_seconds(5 * 60);
  const Authenticated session = authenticated(done->token);
  EXPECT_EQ(session.actor.member.id, member_.member.id);
  EXPECT_EQ(session.actor.community.name, "Tidewater Open Source Community");
  EXPECT_EQ(session.session.created_at, signed_in_at);
  EXPECT_EQ(session.session.last_seen_at, clock_.now());
  EXPECT_EQ(store_->find_session(lookup_id_of(done->token))->last_seen_at, clock_.now());  // refreshed

  // Seen again within the minute, the session is not written: it was seen recently
  // enough. A minute after, it is.
  const Timestamp refreshed_at = clock_.now();
  clock_.advance_seconds(domain::kSessionTouchSeconds - 1);
  EXPECT_EQ(authenticated(done->token).session.last_seen_at, refreshed_at);
  EXPECT_EQ(store_->find_session(lookup_id_of(done->token))->last_seen_at, refreshed_at);
  clock_.advance_seconds(1);
  EXPECT_EQ(authenticated(done->token).session.last_seen_at, clock_.now());
  EXPECT_EQ(store_->find_session(lookup_id_of(done->token))->last_seen_at, clock_.now());

  EXPECT_TRUE(FailsWith(authenticate(context_, "garbage"), ErrorCode::Unauthenticated, kNotSignedIn));
  EXPECT_TRUE(FailsWith(authenticate(context_, crypto::new_session().token_for_cookie), ErrorCode::Unauthenticated,
                        kNotSignedIn));
}

TEST_F(AccountsTest, EveryRefusedSignInAnswersAlike) {
  const std::string member_secret = enrol(member_);
  const Actor former = add("sol@tidewater.example", "Sol Duarte", "member");
  const std::string former_secret = enrol(former);
  ASSERT_TRUE(offboard_member(context_, chair_, former.member.email).ok());

  struct Row {
    std::string name;
    std::string email;
    std::string password;
    std::string secret;
    bool right_code = true;
  };
  const std::vector<Row> rows = {
      {"wrong password", member_.member.email, "not the password at all", member_secret},
      {"wrong code", member_.member.email, kPassword, member_secret, false},
      {"unknown email", "nobody@tidewater.example", kPassword, member_secret},
      {"never enrolled", adviser_.member.email, kPassword, member_secret},
      {"former member", former.member.email, kPassword, former_secret},
  };
  int row_number = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    next_step();
    // Each from its own address, so the back-off of one row never answers for another.
    const std::string address = "198.51.100." + std::to_string(++row_number);
    const std::string totp_code = row.right_code ? code(row.secret) : wrong_code(row.secret);
    EXPECT_TRUE(
        FailsWith(attempt(row.email, row.password, totp_code, address), ErrorCode::Unauthenticated, kWrongCredentials));
    EXPECT_EQ(failures_of(keys_of(row.email, address).address), 1);
  }
  // The member's own credentials still work.
  signed_in(member_, member_secret);
}

TEST_F(AccountsTest, TotpCodesWorkOnceAndOnlyNearNow) {
  const std::string secret = enrol(member_);  // accepted the code of step E
  // Each refused attempt from an address of its own: the back-off is not under test.
  int addresses = 0;
  const auto elsewhere = [&] { return "198.51.100." + std::to_string(++addresses); };
  // The enrolment code itself does not sign in: its step is not later than the last.
  EXPECT_TRUE(FailsWith(attempt(member_.member.email, kPassword, code(secret), elsewhere()), ErrorCode::Unauthenticated,
                        kWrongCredentials));

  clock_.advance_seconds(3 * crypto::kTotpStepSeconds);  // now at step E+3
  // Step E+1 is two steps ago: outside the window of one step, though later than E.
  EXPECT_TRUE(FailsWith(attempt(member_.member.email, kPassword, code(secret, -2), elsewhere()),
                        ErrorCode::Unauthenticated, kWrongCredentials));
  EXPECT_TRUE(FailsWith(attempt(member_.member.email, kPassword, code(secret, 2), elsewhere()),
                        ErrorCode::Unauthenticated, kWrongCredentials));
  // Step E+2, one step ago, is within the window.
  auto first = attempt(member_.member.email, kPassword, code(secret, -1));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(store_->find_credentials(member_.member.id)->totp_last_step, clock_.now().seconds / 30 - 1);
  // The same code again is refused, even with a valid session elsewhere.
  EXPECT_TRUE(FailsWith(attempt(member_.member.email, kPassword, code(secret, -1), elsewhere()),
                        ErrorCode::Unauthenticated, kWrongCredentials));
  // The current step's code works once, and then a code of an earlier step does not.
  auto second = attempt(member_.member.email, kPassword, code(secret));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_NE(second->token, first->token);
  EXPECT_TRUE(FailsWith(attempt(member_.member.email, kPassword, code(secret), elsewhere()), ErrorCode::Unauthenticated,
                        kWrongCredentials));
  EXPECT_TRUE(FailsWith(attempt(member_.member.email, kPassword, code(secret, -1), elsewhere()),
                        ErrorCode::Unauthenticated, kWrongCredentials));
  // A code of the next step (a fast authenticator) is accepted.
  EXPECT_TRUE(attempt(member_.member.email, kPassword, code(secret, 1)).ok());
}

// ---- Back-off ----------------------------------------------------------------------------------

TEST_F(AccountsTest, BackOffFollowsThePolicyScheduleAttemptAfterAttempt) {
  const std::vector<int>& backoff = policy().backoff_seconds;
  ASSERT_EQ(backoff, (std::vector<int>{0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 120, 300}));  // policies/default.toml
  const std::string secret = enrol(member_);
  const AttemptKeys keys = keys_of(member_.member.email);

  for (int failures = 1; failures <= 20; ++failures) {
    SCOPED_TRACE("after " + std::to_string(failures) + " failures");
    // Attempted as soon as allowed: evaluated, and refused for the wrong password.
    ASSERT_TRUE(FailsWith(attempt(member_.member.email, "not the password at all", ""), ErrorCode::Unauthenticated,
                          kWrongCredentials));
    EXPECT_EQ(failures_of(keys.account_at_address), failures);
    EXPECT_EQ(failures_of(keys.address), failures);
    EXPECT_EQ(failures_of(keys.account), failures);

    const int wait = backoff[std::min<std::size_t>(failures, backoff.size()) - 1];
    if (wait == 0) continue;  // the next attempt may follow at once
    // Even the right password and code wait: nothing is evaluated during the back-off.
    auto refused = attempt(member_.member.email, kPassword, code(secret, 1));
    ASSERT_TRUE(FailsWith(refused, ErrorCode::ResourceExhausted,
                          "too many failed attempts: try again in " + std::to_string(wait) + " seconds"));
    EXPECT_THAT(refused.error().fields, ElementsAre(Pair("retry_after", std::to_string(wait))));
    if (wait > 1) {
      clock_.advance_seconds(wait - 1);
      auto still = attempt(member_.member.email, "not the password at all", "");
      ASSERT_TRUE(FailsWith(still, ErrorCode::ResourceExhausted));
      EXPECT_THAT(still.error().fields, ElementsAre(Pair("retry_after", "1")));
      clock_.advance_seconds(1);
    } else {
      clock_.advance_seconds(wait);
    }
    EXPECT_EQ(failures_of(keys.account_at_address), failures);  // a refused attempt counts nothing
  }

  // After the last wait, the right password and code sign in. The account starts again
  // at this address; the address's count only fades with time.
  signed_in(member_, secret);
  EXPECT_EQ(failures_of(keys.account_at_address), 0);
  EXPECT_EQ(failures_of(keys.address), 20);
}

TEST_F(AccountsTest, ASuccessDoesNotResetTheAddress) {
  const std::string chair_secret = enrol_first_chair();
  const std::string secret = enrol(member_);
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(FailsWith(attempt(member_.member.email, "not the password at all", ""), ErrorCode::Unauthenticated));
  // The next step's code is within the window; the back-off refuses it unseen.
  EXPECT_TRUE(FailsWith(attempt(member_.member.email, kPassword, code(secret, 1)), ErrorCode::ResourceExhausted));
  clock_.advance_seconds(policy().backoff_seconds[3]);
  ASSERT_TRUE(attempt(member_.member.email, kPassword, code(secret, 1)).ok());
  EXPECT_EQ(failures_of(keys_of(member_.member.email).account_at_address), 0);

  // An insider who signed in cannot go on guessing other accounts from the same address
  // with a fresh allowance: the fifth failure from it waits as the fifth.
  ASSERT_TRUE(FailsWith(attempt(chair_.member.email, "not the password at all", ""), ErrorCode::Unauthenticated));
  auto refused = attempt(chair_.member.email, "not the password at all", "");
  ASSERT_TRUE(FailsWith(refused, ErrorCode::ResourceExhausted));
  EXPECT_EQ(refused.error().fields.at("retry_after"), std::to_string(policy().backoff_seconds[4]));
  EXPECT_EQ(failures_of(keys_of(chair_.member.email).address), 5);
}

TEST_F(AccountsTest, AnAddressCountFadesOneFailurePerQuietPeriod) {
  enrol(member_);
  const AttemptKeys keys = keys_of(member_.member.email);
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(FailsWith(attempt(member_.member.email, "not the password at all", ""), ErrorCode::Unauthenticated));
  const std::int64_t decay = policy().failure_decay_seconds;
  ASSERT_EQ(decay, 900);                          // policies/default.toml
  clock_.advance_seconds(2 * decay + decay / 2);  // two periods forgive two failures
  ASSERT_TRUE(FailsWith(attempt(member_.member.email, "not the password at all", ""), ErrorCode::Unauthenticated));
  EXPECT_EQ(failures_of(keys.address), 2);  // one still counted, and this one
  EXPECT_EQ(failures_of(keys.account_at_address), 2);

  // Once every failure is forgiven, pruning forgets the rows.
  clock_.advance_seconds(2 * decay - 1);
  ASSERT_EQ(*prune_throttles(context_), 0);
  clock_.advance_seconds(1);
  ASSERT_EQ(*prune_throttles(context_), 3);  // the address, the account there, the account
  EXPECT_EQ(failures_of(keys.address), 0);
}

// A stranger who knows a member's email guesses from their own address: they slow down
// themselves, never the member. Before, nine failures locked the account everywhere.
TEST_F(AccountsTest, AStrangersGuessesNeverLockAMemberOut) {
  const std::string chair_secret = enrol_first_chair();
  enrol(member_);
  const std::string stranger = "203.0.113.5";
  const std::string chairs_laptop = "198.51.100.7";
  for (int i = 0; i < 9; ++i) {
    if (i > 0) clock_.advance_seconds(policy().backoff_seconds[i - 1]);  // as soon as allowed
    ASSERT_TRUE(
        FailsWith(attempt(chair_.member.email, "not the password at all", "", stranger), ErrorCode::Unauthenticated));
  }
  // The stranger's address waits, for the chair's account and every other ...
  auto again = attempt(chair_.member.email, "not the password at all", "", stranger);
  ASSERT_TRUE(FailsWith(again, ErrorCode::ResourceExhausted));
  EXPECT_TRUE(FailsWith(attempt(member_.member.email, kPassword, "", stranger), ErrorCode::ResourceExhausted));
  // ... while the chair, from an address that has not failed, signs in at once.
  auto chair = attempt(chair_.member.email, kPassword, code(chair_secret, 1), chairs_laptop);
  ASSERT_TRUE(chair.ok()) << chair.error().message;
  EXPECT_EQ(failures_of(keys_of(chair_.member.email, stranger).account_at_address), 9);
}

TEST_F(AccountsTest, FailuresFromManyAddressesWarnTheChairsOnce) {
  const std::string secret = enrol(member_);
  const int mark = policy().warn_chairs_after_failures;
  ASSERT_EQ(mark, 10);  // policies/default.toml
  for (int i = 0; i < mark + 3; ++i) {
    const std::string address = "203.0.113." + std::to_string(i + 1);
    ASSERT_TRUE(
        FailsWith(attempt(member_.member.email, "not the password at all", "", address), ErrorCode::Unauthenticated));
    auto warnings = store_->sign_in_warnings(chair_.community.id, Timestamp{0}, 10);
    ASSERT_TRUE(warnings.ok());
    ASSERT_EQ(warnings->size(), i + 1 < mark ? 0u : 1u) << "after " << i + 1 << " failures";
  }
  auto warnings = store_->sign_in_warnings(chair_.community.id, Timestamp{0}, 10);
  EXPECT_EQ(warnings->front().member_id, member_.member.id);
  EXPECT_EQ(warnings->front().failures, mark);
  // No lock: the member signs in from home, which has not failed.
  EXPECT_TRUE(signed_in(member_, secret).token.size() > 0);
  // An unknown email is counted per address but warns no one.
  for (int i = 0; i < mark + 1; ++i)
    ASSERT_TRUE(FailsWith(attempt("nobody@tidewater.example", "guess", "", "198.51.100." + std::to_string(i + 1)),
                          ErrorCode::Unauthenticated));
  EXPECT_EQ(store_->sign_in_warnings(chair_.community.id, Timestamp{0}, 10)->size(), 1u);
  EXPECT_EQ(failures_of(keys_of("nobody@tidewater.example").account), 0);
}

// The throttles table keeps keyed hashes: neither a 900,000-byte "email" nor a password
// typed into the email field is stored, and what is hashed is cut short first.
TEST_F(AccountsTest, ThrottleKeysHoldNoTypedText) {
  enrol(member_);
  const std::string huge(900'000, 'x');
  const std::string typed_password = "Password-Typed-Into-Email-Field";
  ASSERT_TRUE(FailsWith(attempt(huge, "guess", ""), ErrorCode::Unauthenticated));
  ASSERT_TRUE(FailsWith(attempt(typed_password, "guess", ""), ErrorCode::Unauthenticated));
  sqlite3* db = store_.sqlite().database().handle();
  sqlite3_stmt* rows = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT key FROM throttles", -1, &rows, nullptr), SQLITE_OK);
  int count = 0;
  while (sqlite3_step(rows) == SQLITE_ROW) {
    const std::string key(static_cast<const char*>(sqlite3_column_blob(rows, 0)), sqlite3_column_bytes(rows, 0));
    EXPECT_EQ(key.size(), crypto::kBlindIndexBytes);
    EXPECT_FALSE(contains_part_of(key, typed_password, 6));
    EXPECT_EQ(key.find("xxxxxx"), std::string::npos);
    ++count;
  }
  sqlite3_finalize(rows);
  EXPECT_EQ(count, 3);  // the address, and each typed "account" at it
  // Only the first 320 bytes count: a longer text is the same key.
  EXPECT_EQ(keys_of(huge).account_at_address, keys_of(huge.substr(0, kLongestCountedIdentifier)).account_at_address);
}

TEST_F(AccountsTest, ADeviceTokenIsValidOnlyAsIssued) {
  const std::string token = issue_device_token(context_, member_.member.id);
  EXPECT_TRUE(device_token_valid(context_.indexer, token));
  std::string altered = token;
  altered[0] = altered[0] == '9' ? '8' : '9';  // another member's id
  EXPECT_FALSE(device_token_valid(context_.indexer, altered));
  EXPECT_FALSE(device_token_valid(context_.indexer, token.substr(0, token.size() - 1)));
  EXPECT_FALSE(device_token_valid(context_.indexer, ""));
  EXPECT_FALSE(device_token_valid(context_.indexer, "1.2"));
  const crypto::BlindIndexer other_key(crypto::new_index_key());
  EXPECT_FALSE(device_token_valid(other_key, token)) << "made under another index key";
  EXPECT_NE(issue_device_token(context_, member_.member.id), token) << "each is new";
}

// ---- Sessions ----------------------------------------------------------------------------------

TEST_F(AccountsTest, AnIdleSessionEnds) {
  const std::string secret = enrol(member_);
  const SignedIn done = signed_in(member_, secret);
  const std::int64_t idle = std::int64_t{policy().session_idle_minutes} * 60;

  clock_.advance_seconds(idle - 1);
  authenticated(done.token);  // just in time: the idle clock starts again
  clock_.advance_seconds(idle - 1);
  authenticated(done.token);
  clock_.advance_seconds(idle);
  EXPECT_TRUE(FailsWith(authenticate(context_, done.token), ErrorCode::Unauthenticated, kNotSignedIn));
  EXPECT_TRUE(FailsWith(store_->find_session(lookup_id_of(done.token)), ErrorCode::NotFound));
  clock_.set(Timestamp{clock_.now().seconds - idle});  // even if the clock went back
  EXPECT_TRUE(FailsWith(authenticate(context_, done.token), ErrorCode::Unauthenticated, kNotSignedIn));
}

TEST_F(AccountsTest, NoSessionOutlivesTheAbsoluteTimeout) {
  const std::string secret = enrol(member_);
  const SignedIn done = signed_in(member_, secret);
  const Timestamp signed_in_at = clock_.now();
  const std::int64_t absolute = std::int64_t{policy().session_absolute_hours} * kSecondsPerHour;

  int touches = 0;
  while (clock_.now().seconds + 10 * 60 - signed_in_at.seconds < absolute) {
    clock_.advance_seconds(10 * 60);
    ASSERT_TRUE(authenticate(context_, done.token).ok()) << "after " << touches << " touches";
    ++touches;
  }
  EXPECT_EQ(touches, policy().session_absolute_hours * 6 - 1);
  clock_.advance_seconds(10 * 60);  // exactly the absolute lifetime since sign-in
  EXPECT_TRUE(FailsWith(authenticate(context_, done.token), ErrorCode::Unauthenticated, kNotSignedIn));
  EXPECT_TRUE(FailsWith(store_->find_session(lookup_id_of(done.token)), ErrorCode::NotFound));
}

TEST_F(AccountsTest, SignOutEndsOneSessionAndSignOutEverywhereEndsAll) {
  const std::string secret = enrol(member_);
  const std::string chair_secret = enrol_first_chair();
  const SignedIn laptop = signed_in(member_, secret);
  const SignedIn phone = signed_in(member_, secret);
  const SignedIn tablet = signed_in(member_, secret);
  const SignedIn chair = signed_in(chair_, chair_secret);

  ASSERT_TRUE(sign_out(context_, laptop.token).ok());
  EXPECT_TRUE(FailsWith(authenticate(context_, laptop.token), ErrorCode::Unauthenticated, kNotSignedIn));
  EXPECT_TRUE(FailsWith(store_->find_session(lookup_id_of(laptop.token)), ErrorCode::NotFound));
  authenticated(phone.token);
  EXPECT_TRUE(sign_out(context_, laptop.token).ok());  // twice is harmless
  EXPECT_TRUE(sign_out(context_, "garbage").ok());

  ASSERT_TRUE(sign_out_everywhere(context_, authenticated(phone.token)).ok());
  EXPECT_TRUE(FailsWith(authenticate(context_, phone.token), ErrorCode::Unauthenticated, kNotSignedIn));
  EXPECT_TRUE(FailsWith(authenticate(context_, tablet.token), ErrorCode::Unauthenticated, kNotSignedIn));
  authenticated(chair.token);  // another member's session is theirs
}

TEST_F(AccountsTest, AFormerMembersSessionEndsAtTheNextRequest) {
  const std::string secret = enrol(member_);
  const SignedIn done = signed_in(member_, secret);
  authenticated(done.token);
  ASSERT_TRUE(offboard_member(context_, chair_, member_.member.email).ok());
  EXPECT_TRUE(FailsWith(authenticate(context_, done.token), ErrorCode::Unauthenticated, kNotSignedIn));
  EXPECT_TRUE(FailsWith(store_->find_session(lookup_id_of(done.token)), ErrorCode::NotFound));
}

TEST_F(AccountsTest, ChangePasswordKeepsThisSessionAndEndsTheOthers) {
  const std::string chair_secret = enrol_first_chair();
  const std::string secret = enrol(member_);
  const SignedIn chair = signed_in(chair_, chair_secret);
  ASSERT_TRUE(certify_member(context_, authenticated(chair.token), chair.token, member_.member.email).ok());
  const SignedIn here = signed_in(member_, secret);
  const SignedIn elsewhere = signed_in(member_, secret);
  const Authenticated session = authenticated(here.token);
  const std::string sign_public = store_->find_credentials(member_.member.id)->sign_public;

  const Status wrong_current = change_password(context_, session, "not the password at all", kNewPassword, kAddress);
  ASSERT_TRUE(FailsWith(wrong_current, ErrorCode::Unauthenticated, "the current password is not right"));
  const Status weak = change_password(context_, session, kPassword, "short", kAddress);
  ASSERT_TRUE(FailsWith(weak, ErrorCode::InvalidArgument));
  EXPECT_THAT(weak.error().fields, ElementsAre(Pair("password", "must be at least 12 characters long")));
  authenticated(elsewhere.token);  // the refused changes ended nothing

  ASSERT_TRUE(change_password(context_, session, kPassword, kNewPassword, kAddress).ok());
  authenticated(here.token);
  EXPECT_TRUE(FailsWith(authenticate(context_, elsewhere.token), ErrorCode::Unauthenticated, kNotSignedIn));
  authenticated(chair.token);

  next_step();
  EXPECT_TRUE(
      FailsWith(attempt(member_.member.email, kPassword, code(secret)), ErrorCode::Unauthenticated, kWrongCredentials));
  next_step();  // a fresh code step for the new password
  auto with_new = attempt(member_.member.email, kNewPassword, code(secret));
  ASSERT_TRUE(with_new.ok()) << with_new.error().message;
  // Same keys under a new password: the certificate still holds (unlike a reset).
  EXPECT_EQ(store_->find_credentials(member_.member.id)->sign_public, sign_public);
  EXPECT_TRUE(certified(member_));
}

// ---- Secrets at rest ---------------------------------------------------------------------------

// A stolen session cannot guess the password freely: each wrong current password is
// throttled like a failed sign-in, logged, and the policy's number of them ends the session.
TEST_F(AccountsTest, WrongCurrentPasswordsAreThrottledLoggedAndEndTheSession) {
  const std::string secret = enrol(member_);
  const SignedIn here = signed_in(member_, secret);
  const Authenticated session = authenticated(here.token);
  const int limit = policy().password_failures_end_session;
  ASSERT_EQ(limit, 5);  // policies/default.toml
  for (int failures = 1; failures < limit; ++failures) {
    ASSERT_TRUE(FailsWith(change_password(context_, session, "a wrong guess at it", kNewPassword, kAddress),
                          ErrorCode::Unauthenticated, "the current password is not right"));
    const int wait = policy().backoff_seconds[failures - 1];
    if (wait == 0) continue;
    auto refused = change_password(context_, session, kPassword, kNewPassword, kAddress);
    ASSERT_TRUE(FailsWith(refused, ErrorCode::ResourceExhausted));
    EXPECT_EQ(refused.error().fields.at("retry_after"), std::to_string(wait));
    clock_.advance_seconds(wait);
  }
  authenticated(here.token);  // still signed in after limit - 1
  ASSERT_TRUE(FailsWith(change_password(context_, session, "a wrong guess at it", kNewPassword, kAddress),
                        ErrorCode::Unauthenticated,
                        "the current password is not right, too many times: the session has ended"));
  EXPECT_TRUE(FailsWith(authenticate(context_, here.token), ErrorCode::Unauthenticated, kNotSignedIn));

  store::AuditFilter filter;
  filter.community_id = member_.community.id;
  auto entries = store_->audit_entries(filter);
  ASSERT_TRUE(entries.ok());
  const auto refusals = std::count_if(entries->begin(), entries->end(), [&](const crypto::AuditEntry& entry) {
    return entry.action == "refused account.password" && entry.actor == member_actor(member_.member.id);
  });
  EXPECT_EQ(refusals, limit);
}

TEST_F(AccountsTest, StoredRowsHoldNoSecretInPlaintext) {
  auto link = issue_enrolment(context_, chair_, member_.member.email);
  ASSERT_TRUE(link.ok());
  const std::string secret = complete(link->token);
  const SignedIn done = signed_in(member_, secret);

  auto credentials = store_->find_credentials(member_.member.id);
  auto session_secrets = crypto::session_from_token(done.token);
  ASSERT_TRUE(credentials.ok() && session_secrets.ok());
  auto session = store_->find_session(session_secrets->lookup_id);
  ASSERT_TRUE(session.ok());
  // The session's copy of the private keys opens with the cookie's token (and so shows
  // what the private keys are).
  auto keys = crypto::open_private_keys(credentials->box_public, credentials->sign_public, session->private_keys_sealed,
                                        session_secrets->session_key, "conduct:session:" + session_secrets->lookup_id);
  ASSERT_TRUE(keys.ok()) << keys.error().message;
  auto sealing_key =
      crypto::verify_password({credentials->password_salt,
                               credentials->password_verifier,
                               {credentials->ops_limit, static_cast<std::size_t>(credentials->mem_limit)}},
                              kPassword);
  ASSERT_TRUE(sealing_key.ok());
  auto link_secrets = crypto::session_from_token(link->token);
  auto enrolment = store_->find_enrolment(link_secrets->lookup_id);
  ASSERT_TRUE(enrolment.ok());

  const std::vector<std::pair<std::string, std::string>> stored = {
      {"password salt", credentials->password_salt},
      {"password verifier", credentials->password_verifier},
      {"box public", credentials->box_public},
      {"sign public", credentials->sign_public},
      {"private keys sealed", credentials->private_keys_sealed},
      {"totp secret sealed", credentials->totp_secret_sealed},
      {"session lookup id", session->lookup_id},
      {"session csrf token", session->csrf_token},
      {"session private keys sealed", session->private_keys_sealed},
      {"enrolment lookup id", enrolment->lookup_id},
      {"enrolment root secret", enrolment->root_secret_sealed},
  };
  const std::vector<std::pair<std::string, std::string>> secrets = {
      {"password", kPassword},
      {"totp secret", secret},
      {"totp secret in base32", crypto::totp_secret_base32(secret)},
      {"session token", done.token},
      {"session key", std::string(session_secrets->session_key.view())},
      {"enrolment token", link->token},
      {"enrolment key", std::string(link_secrets->session_key.view())},
      {"box secret", std::string(keys->box_secret.view())},
      {"sign secret", std::string(keys->sign_secret.view().substr(0, 32))},  // the seed half
      {"password sealing key", std::string(sealing_key->view())},
  };
  std::string everything;
  for (const auto& [field, bytes] : stored) everything += bytes;
  for (const auto& [name, bytes] : secrets) {
    SCOPED_TRACE(name);
    ASSERT_GE(bytes.size(), 8u);
    EXPECT_FALSE(contains_part_of(everything, bytes));
    for (const auto& [field, stored_bytes] : stored)
      EXPECT_FALSE(contains_part_of(stored_bytes, bytes)) << "found in " << field;
  }
  EXPECT_TRUE(enrolment->used_at.has_value());
}

TEST_F(AccountsTest, TheVerifierOpensNothing) {
  enrol_first_chair();
  enrol(member_);  // the same password as the chair
  auto credentials = store_->find_credentials(member_.member.id);
  auto chairs = store_->find_credentials(chair_.member.id);
  ASSERT_TRUE(credentials.ok() && chairs.ok());
  const crypto::PasswordRecord record{credentials->password_salt,
                                      credentials->password_verifier,
                                      {credentials->ops_limit, static_cast<std::size_t>(credentials->mem_limit)}};
  EXPECT_EQ(record.cost, crypto::kTestCost);
  ASSERT_EQ(record.verifier.size(), crypto::kPasswordVerifierBytes);
  EXPECT_NE(record.verifier.substr(0, crypto::kPasswordSaltBytes), record.salt);
  // Salted: the same password gives another member another salt and verifier.
  EXPECT_NE(chairs->password_salt, credentials->password_salt);
  EXPECT_NE(chairs->password_verifier, credentials->password_verifier);
  // Nothing but the password derives it: the same salt and cost with other passwords do not.
  for (const char* guess : {"", "tidewater correct horsE", "priya@tidewater.example"})
    EXPECT_TRUE(FailsWith(crypto::verify_password(record, guess), ErrorCode::PermissionDenied)) << guess;

  const std::string subject =
      "community:" + std::to_string(chair_.community.id) + "/member:" + std::to_string(member_.member.id);
  const std::string keys_context = "conduct:member-keys:" + subject;
  const std::string totp_context = "conduct:totp:" + subject;
  const crypto::SecretBytes verifier_as_key = crypto::SecretBytes::copy_of(record.verifier);
  EXPECT_FALSE(crypto::open_private_keys(credentials->box_public, credentials->sign_public,
                                         credentials->private_keys_sealed, verifier_as_key, keys_context)
                   .ok());
  EXPECT_FALSE(crypto::open_with_key(verifier_as_key, credentials->totp_secret_sealed, totp_context).ok());

  // The password's own sealing key (never stored) opens both.
  auto sealing_key = crypto::verify_password(record, kPassword);
  ASSERT_TRUE(sealing_key.ok());
  EXPECT_FALSE(*sealing_key == verifier_as_key);
  EXPECT_TRUE(crypto::open_private_keys(credentials->box_public, credentials->sign_public,
                                        credentials->private_keys_sealed, *sealing_key, keys_context)
                  .ok());
  EXPECT_TRUE(crypto::open_with_key(*sealing_key, credentials->totp_secret_sealed, totp_context).ok());
}

}  // namespace
}  // namespace conduct::app
