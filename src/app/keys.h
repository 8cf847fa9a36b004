// The `conduct keys` use cases (docs/security.md "Granting and revoking"): rotating a case's
// key on demand, re-granting cases with the recovery kit when no holder is left,
// sweeping wraps the policy no longer allows, and sealing the cases an earlier release
// stored in plaintext.
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "core/result.h"

namespace conduct::app {

// A holder seals the case under a new key version now, wrapped for the remaining
// holders and the recovery key. Returns the new version.
// Errors: NotFound for the case (also when the actor may not write it);
// FailedPrecondition when the actor does not hold the case's key.
Result<std::uint32_t> rotate_case_key(Context& context, const Actor& actor, const std::string& code_name);

struct Recovered {
  int cases = 0;   // cases whose key the kit opened and granted from
  int grants = 0;  // wraps made for members
};

// A chair with the recovery kit grants what the queue of pending grants holds, on one
// case or on every case, as a holder would: screenings are approved in the chair's
// name, and every member the policy lets read the case whose keys are certified gets
// the key versions the recovery key opens.
// Errors: PermissionDenied for non-chairs; InvalidArgument (field "kit") for a kit with
// a typing mistake or one that is not this community's; NotFound for a named case.
Result<Recovered> recover_case_keys(Context& context, const Actor& chair, const std::string& kit,
                                    const std::optional<std::string>& code_name);

// Revokes, on every case of the community, the wraps of members the policy no longer
// lets read it (expired oversight, former members, new exclusions); those cases rotate
// at their next write. Returns how many wraps' holders were removed.
// The server runs it for every community at start; chairs run it with
// `conduct keys sweep` through the overload that authorizes them.
Result<int> sweep_case_keys(Context& context, std::int64_t community_id);
// Errors: PermissionDenied for non-chairs.
Result<int> sweep_case_keys(Context& context, const Actor& chair);

struct SealedPlaintext {
  int cases = 0;  // cases sealed
  // The printable kit of the recovery key made for a community that had none; shown
  // once, never stored. Absent when the community already had a recovery key.
  std::optional<std::string> recovery_kit;
};

// Seals the cases of the chair's community that a release before sealed records wrote
// (key version 0: that release's Sealer passed values through, so they are stored in
// plaintext, and their parties have no blind indexes). Each case is sealed as intake
// seals a new one: a new key, version 1, every sealed field rewritten under it, the
// parties' blind indexes computed, and the key wrapped for the members the policy lets
// read the case (after the recorded exclusions) whose keys are certified, and for the
// recovery key. A community without a recovery key (one made before sealed records)
// first gets one, signed with the community root key, which the chair holds sealed
// for their own keys: the chair must be signed in (`chair.keys`). All in one
// transaction: a failure changes nothing. Running it again seals what is left, if
// anything.
// Errors: PermissionDenied for non-chairs; FailedPrecondition when a recovery key has
// to be made and the chair is not signed in or holds no copy of the root key that
// opens, or when the root key or recovery key does not verify (against the pinned
// fingerprint).
Result<SealedPlaintext> seal_plaintext(Context& context, const Actor& chair);

// Whether every community is ready for sealed records: FailedPrecondition, naming the
// community and `conduct keys seal-plaintext`, while one has cases an earlier release
// stored in plaintext (nobody could open or write them) or has no recovery key (made
// by an earlier release: intake would refuse every report). `conduct serve` checks
// this before it starts.
Status check_sealed_records(Context& context);

// Whether the context's blind-index key is the one this database's indexes were made
// with: the database keeps a check value of its key (a keyed hash of a fixed text,
// which tells nothing of the key). A database without one records the key in use; with
// `replace`, the key in use is recorded over any other (a new key made for a database
// holding no blind index). Errors: FailedPrecondition when the key is another: repeat
// reports and party matches would quietly stop matching with it.
Status check_index_key(Context& context, bool replace = false);

}  // namespace conduct::app
