// Accounts on the command line: `conduct enrol`, `signin`, `signout`, `password`, and
// `member reset|certify`.
#include <iostream>

#include "app/accounts.h"
#include "cli/commands.h"
#include "cli/prompt.h"
#include "crypto/totp.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

void add_enrol(CLI::App& app, GlobalOptions& globals, Action& action) {
  auto token = std::make_shared<std::string>();
  auto totp_secret = std::make_shared<std::string>();
  CLI::App* enrol = app.add_subcommand(
      "enrol", "Set your password and second factor with the link a chair gave you (also for a reset)");
  enrol->add_option("token", *token, "The enrolment token from the link")->required();
  enrol->add_option("--totp-secret", *totp_secret,
                    "Use this base32 TOTP secret instead of a new one (for scripts that compute codes)");
  enrol->callback([&globals, &action, token, totp_secret] {
    action = [&globals, token, totp_secret] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::EnrolmentInfo info, app::check_enrolment(session.context(), *token));
        std::string secret = *totp_secret;
        if (secret.empty()) {
          const std::string raw = crypto::new_totp_secret();
          secret = crypto::totp_secret_base32(raw);
          std::cerr << "Add this account to your authenticator app:\n  "
                    << crypto::otpauth_uri("Conduct " + info.community_name, info.member.email, raw)
                    << "\n  (or type the secret " << secret << ")\n";
        }
        ASSIGN_OR_RETURN(const std::string password,
                         read_secret("CONDUCT_PASSWORD", "New password (at least 12 characters): ", "password"));
        ASSIGN_OR_RETURN(const std::string code,
                         read_secret("CONDUCT_TOTP", "Code from your authenticator: ", "code", false));
        ASSIGN_OR_RETURN(const domain::Member member,
                         app::complete_enrolment(session.context(), {*token, password, secret, code}));
        if (globals.json)
          print_json({{"enrolled", member.email}});
        else
          std::cout << "Enrolled " << member.email << ". Sign in with 'conduct signin --as " << member.email << "'.\n";
        return ok_status();
      });
    };
  });
}

void add_signin(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* signin = app.add_subcommand(
      "signin", "Sign in once for several commands: prints 'export CONDUCT_SESSION=...' for your shell");
  signin->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const std::string password,
                         read_secret("CONDUCT_PASSWORD", "Password for " + globals.as_email + ": ", "password"));
        ASSIGN_OR_RETURN(const std::string code,
                         read_secret("CONDUCT_TOTP", "Code from your authenticator: ", "code", false));
        if (globals.as_email.empty()) return field_error("as", "is required: the email you sign in with");
        std::optional<std::string> community;
        if (!globals.community.empty()) community = globals.community;
        ASSIGN_OR_RETURN(const app::SignedIn signed_in,
                         app::sign_in(session.context(), {community, globals.as_email, password, code, "cli"}));
        if (globals.json)
          print_json({{"session", signed_in.token}, {"member", json::member_json(signed_in.actor.member)}});
        else
          std::cout << "export CONDUCT_SESSION=" << signed_in.token << "\n";
        return ok_status();
      });
    };
  });
}

void add_signout(CLI::App& app, GlobalOptions& globals, Action& action) {
  auto everywhere = std::make_shared<bool>(false);
  CLI::App* signout = app.add_subcommand("signout", "End the session in CONDUCT_SESSION");
  signout->add_flag("--everywhere", *everywhere, "End every session of yours, in browsers too");
  signout->callback([&globals, &action, everywhere] {
    action = [&globals, everywhere] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Authenticated signed_in, session.authenticated());
        if (*everywhere)
          TRY(app::sign_out_everywhere(session.context(), signed_in));
        else
          TRY(app::sign_out(session.context(), session.session_token()));
        if (globals.json)
          print_json({{"signed_out", true}});
        else
          std::cout << (*everywhere ? "Every session has ended.\n" : "Signed out.\n");
        return ok_status();
      });
    };
  });
}

void add_password(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* password = app.add_subcommand("password", "Change your password (other sessions end)");
  password->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Authenticated signed_in, session.authenticated());
        ASSIGN_OR_RETURN(const std::string current, read_secret("CONDUCT_PASSWORD", "Current password: ", "password"));
        ASSIGN_OR_RETURN(
            const std::string next,
            read_secret("CONDUCT_NEW_PASSWORD", "New password (at least 12 characters): ", "new-password"));
        TRY(app::change_password(session.context(), signed_in, current, next, "cli"));
        if (globals.json)
          print_json({{"changed", true}});
        else
          std::cout << "Password changed; your other sessions have ended.\n";
        return ok_status();
      });
    };
  });
}

}  // namespace

void print_enrolment_link(const GlobalOptions& globals, const std::string& email, const app::EnrolmentLink& link) {
  if (globals.json) return;
  std::cout << "Enrolment link for " << email << " (works once, until " << format_timestamp(link.expires_at)
            << "):\n  conduct enrol " << link.token << "\n";
}

void add_account_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  add_enrol(app, globals, action);
  add_signin(app, globals, action);
  add_signout(app, globals, action);
  add_password(app, globals, action);
}

void add_member_account_commands(CLI::App& member, GlobalOptions& globals, Action& action) {
  auto reset_email = std::make_shared<std::string>();
  CLI::App* reset = member.add_subcommand("reset", "Issue a password-reset link: new password, keys and second factor");
  reset->add_option("--email", *reset_email, "The member's email")->required();
  reset->callback([&globals, &action, reset_email] {
    action = [&globals, reset_email] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const app::EnrolmentLink link, app::issue_enrolment(session.context(), actor, *reset_email));
        if (globals.json)
          print_json({{"enrolment_token", link.token}, {"expires_at", format_timestamp(link.expires_at)}});
        print_enrolment_link(globals, *reset_email, link);
        return ok_status();
      });
    };
  });

  auto certify_email = std::make_shared<std::string>();
  CLI::App* certify = member.add_subcommand("certify", "Certify an enrolled member's public keys with yours (chairs)");
  certify->add_option("--email", *certify_email, "The member's email")->required();
  certify->callback([&globals, &action, certify_email] {
    action = [&globals, certify_email] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Authenticated signed_in, session.authenticated());
        TRY(app::certify_member(session.context(), signed_in, session.session_token(), *certify_email));
        if (globals.json)
          print_json({{"certified", *certify_email}});
        else
          std::cout << "Certified the keys of " << *certify_email << ".\n";
        return ok_status();
      });
    };
  });
}

}  // namespace conduct::cli
