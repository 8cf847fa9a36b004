// The audit log's head, mailed to the chairs (docs/security.md "The audit log"): the
// chain is checked against a head kept outside the server, so a rewrite of the whole
// log is caught. Every [mail] audit_head_hours the server mails the current head to
// every active chair and vice-chair of every community; each keeps the messages, and
// `conduct audit verify --head SEQ:HEX` with any of them checks the log still carries it.
#pragma once

#include <cstdint>

#include "app/context.h"
#include "core/result.h"

namespace conduct::app {

// Queues the head for the chairs when the last such mail is `every_hours` old or more
// (or there was none) and the log is not empty. Returns how many messages were queued.
Result<int> mail_audit_head_when_due(Context& context, int every_hours);

}  // namespace conduct::app
