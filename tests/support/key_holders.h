// Members who hold keys, made the way the shell makes them: enrolment through a link
// (the first chair's carries the root key), certification by a signed-in chair, and a
// sign-in that opens the member's private keys for an Actor. Use cases that read or
// write sealed content need such actors; an Actor without keys unlocks no case.
//
// Codes: enrolment uses the current TOTP step; each sign-in uses the earliest step of
// the policy's window (one step either side of now) that the member has not used yet,
// so a test signs a member in twice without moving its clock, and a sign-in over
// HTTP a step later still finds its step unused.
#pragma once

#include <map>
#include <string>

#include "app/accounts.h"
#include "app/communities.h"
#include "crypto/totp.h"

namespace conduct::testing {

inline constexpr const char* kHolderPassword = "correct horse battery staple";

class KeyHolders {
 public:
  KeyHolders(app::Context& context, const Clock& clock, std::string password = kHolderPassword)
      : context_(context), clock_(clock), password_(std::move(password)) {}

  // Enrols the first chair with the link `conduct init` made and signs them in.
  Result<app::Actor> enrol_first_chair(const app::InitResult& created) {
    TRY(enrol(created.chair.email, created.first_chair_link.token));
    communities_[created.chair.email] = created.community.slug;  // named when there are several
    ASSIGN_OR_RETURN(chair_session_, sign_in(created.chair.email));
    return chair_session_.actor;
  }

  // Enrols a member (link issued by the chair) and has the chair certify them.
  Status enrol_certified(const std::string& email) {
    TRY(enrol_uncertified(email));
    auto chair = app::authenticate(context_, chair_session_.token);
    if (!chair.ok()) {  // the chair's session timed out as the test's clock moved on: sign in again
      ASSIGN_OR_RETURN(chair_session_, sign_in(chair_session_.actor.member.email));
      chair = app::authenticate(context_, chair_session_.token);
    }
    if (!chair.ok()) return chair.error();
    return app::certify_member(context_, *chair, chair_session_.token, email);
  }

  // Enrols a member without certifying them.
  Status enrol_uncertified(const std::string& email) {
    ASSIGN_OR_RETURN(const app::EnrolmentLink link, app::issue_enrolment(context_, chair_session_.actor, email));
    return enrol(email, link.token);
  }

  // Signs an enrolled member in (see the note on codes above).
  Result<app::SignedIn> sign_in(const std::string& email) {
    const auto secret = secrets_.find(email);
    if (secret == secrets_.end()) return not_found(email + " has not enrolled in this test");
    const std::int64_t now_step = clock_.now().seconds / crypto::kTotpStepSeconds;
    for (std::int64_t step = now_step - 1; step <= now_step + 1; ++step) {
      if (step <= last_step_[email]) continue;
      last_step_[email] = step;
      const auto community = communities_.find(email);
      return app::sign_in(
          context_, {community == communities_.end() ? std::nullopt : std::optional<std::string>(community->second),
                     email, password_, crypto::totp_code(secret->second, step * crypto::kTotpStepSeconds), "test"});
    }
    return failed_precondition(email + " used every code near now: move the test's clock on");
  }

  // Enrols, certifies and signs in: an actor with keys.
  Result<app::Actor> holder(const std::string& email) {
    TRY(enrol_certified(email));
    ASSIGN_OR_RETURN(const app::SignedIn signed_in, sign_in(email));
    return signed_in.actor;
  }

  const app::SignedIn& chair_session() const { return chair_session_; }
  const std::string& totp_secret(const std::string& email) { return secrets_[email]; }

 private:
  Status enrol(const std::string& email, const std::string& token) {
    const std::string secret = crypto::new_totp_secret();
    TRY(app::complete_enrolment(context_, {token, password_, crypto::totp_secret_base32(secret),
                                           crypto::totp_code(secret, clock_.now().seconds)}));
    secrets_[email] = secret;
    last_step_[email] = clock_.now().seconds / crypto::kTotpStepSeconds;
    return ok_status();
  }

  app::Context& context_;
  const Clock& clock_;
  std::string password_;
  app::SignedIn chair_session_;
  std::map<std::string, std::string> secrets_;
  std::map<std::string, std::int64_t> last_step_;   // the last TOTP step each member used
  std::map<std::string, std::string> communities_;  // a first chair's community, by email
};

}  // namespace conduct::testing
