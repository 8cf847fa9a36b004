// Releasing reports held in escrow (domain/escrow.h; docs/domain.md "Receiving a
// report"). A held case is hidden by the access policy alone: it is written, sealed and
// wrapped like any other at intake, so releasing it needs nobody's key and nobody
// signed in. Every report that names people goes through here once its parties are
// stored (cases.h: write_new_case, add_report).
#pragma once

#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/case.h"

namespace conduct::app {

// Inside the caller's transaction, after `written`'s parties (`parties`, with their
// person records) are stored: releases every held case of the community that names as
// reported a person these parties name as reported, and `written` itself when it is
// held and matched one (domain::cases_released_by). Each released case loses its
// escrow, gets its "Released from escrow" timeline entry (sealed under a side version
// of its key when the keyring does not hold it) and an audit entry by the system
// ("report.release"); `written` is updated in place when it is released. Returns the
// released cases other than `written`: the caller tells the group of them together
// with `written` (intake.h, queue_report_notices). Queues no mail itself.
Result<std::vector<domain::Case>> release_matching_escrow(Context& context, domain::Case& written,
                                                          const std::vector<domain::Party>& parties);

}  // namespace conduct::app
