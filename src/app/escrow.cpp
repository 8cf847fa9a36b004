#include "app/escrow.h"

#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "domain/escrow.h"

namespace conduct::app {
namespace {

// Clears one case's escrow and records why, on its timeline and in the audit log.
Status release(Context& context, domain::Case& held) {
  // The release writes as the system: a side version when the keyring does not hold
  // the case (wrapped for its holders from their public keys), its own key when the
  // case is the one just written.
  TRY(prepare_case_write(context, held));
  ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(held));
  ASSIGN_OR_RETURN(const domain::EscrowRelease planned,
                   domain::plan_release_from_escrow(held, next_number, context.clock.now()));
  TRY(context.store.release_from_escrow(held));
  TRY(context.store.append_entry(held, planned.entry));
  held = planned.released;
  return record_action(context, kSystemActor, held.community_id, audit_action::kReleaseReport, held.code_name);
}

}  // namespace

Result<std::vector<domain::Case>> release_matching_escrow(Context& context, domain::Case& written,
                                                          const std::vector<domain::Party>& parties) {
  const domain::EscrowMatchKeys keys = domain::escrow_match_keys(parties, blind_match_keys(context));
  if (keys.empty()) return std::vector<domain::Case>{};
  ASSIGN_OR_RETURN(const std::vector<domain::Case> matched,
                   context.store.escrowed_cases_naming(written.community_id, written.id, keys));
  std::vector<domain::Case> released = domain::cases_released_by(written, matched);
  std::vector<domain::Case> others;
  for (domain::Case& held : released) {
    TRY(release(context, held));
    if (held.id == written.id)
      written = held;
    else
      others.push_back(held);
  }
  return others;
}

}  // namespace conduct::app
