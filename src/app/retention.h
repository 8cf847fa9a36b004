// Retention by policy (docs/security.md "Crypto-shredding and backups"; domain/retention.h):
// the run that expunges what each community's policy says is due, and the legal hold a
// chair places on a case to keep it.
//
// A run needs no member and no key: it only reads plain columns and deletes. It is
// started by `conduct retention run` and, daily, by the server (cli/command_server.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit.h"
#include "app/context.h"
#include "core/result.h"
#include "domain/retention.h"

namespace conduct::app {

enum class RetentionMode {
  Expunge,  // destroy what is due
  DryRun,   // only say what would be destroyed
};

struct RetentionReport {
  struct Case {
    std::string community;  // slug
    std::string code_name;
    domain::ExpungeRule rule = domain::ExpungeRule::MinorIncident;
    std::string reason;  // the rule's plain explanation (domain::RetentionDecision::reason)
  };
  RetentionMode mode = RetentionMode::Expunge;
  std::vector<Case> expunged;                      // in a dry run: what would be expunged
  std::vector<Case> held;                          // due, but under a legal hold
  std::vector<std::string> destroyed_backup_keys;  // ids of the backups that no longer open
};

struct RetentionOptions {
  // Who the audit log names for the expunges: the server's own job, or the operator.
  std::string actor = std::string(kSystemActor);
  // The key directory of `conduct backup`: when given, a run that expunges (not a dry
  // run) also destroys the keys of backups older than the shortest backup horizon of
  // the communities, so no copy keeps an expunged case beyond it.
  std::optional<std::string> backup_key_dir;
};

// Runs retention for the community `community_slug` names, or for every community
// when it is absent, at the context's clock. Each due case is expunged in its own
// transaction (decided again inside it, so a report or hold that arrived since the
// plan was made is respected), then the store purges what was deleted (the SQLite WAL
// is checkpointed with TRUNCATE).
// Errors: NotFound for an unknown community; FailedPrecondition when the purge could
// not truncate the WAL (the cases are expunged all the same; run again); the store's
// errors as they come (cases expunged before the failure stay expunged); NotFound when
// the backup key directory does not exist (after the expunges).
// Every expunge is an audit entry ("case.expunge") in its own transaction; destroying
// backup keys is one entry ("backup.destroy-keys") per run that destroyed any.
Result<RetentionReport> run_retention(Context& context, const std::optional<std::string>& community_slug,
                                      RetentionMode mode, const RetentionOptions& options = {});

// Places a legal hold on the case, as the actor (a chair; the access policy decides).
// Errors: NotFound for a missing case and one the actor may not act on, alike;
// FailedPrecondition when the case is already held.
Result<domain::LegalHold> place_legal_hold(Context& context, const Actor& actor, const std::string& code_name);

// Lifts the case's legal hold: the next run expunges it if it is due.
// Errors: NotFound as above; FailedPrecondition when the case is not held.
Status lift_legal_hold(Context& context, const Actor& actor, const std::string& code_name);

}  // namespace conduct::app
