// How the sealed texts of a decision are kept: each record's texts as one value
// (core/text.h encode_fields), the same in every backend so that a backup moves
// between them.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/evaluation.h"
#include "domain/proposal.h"
#include "domain/unilateral.h"

namespace conduct::store {

// The evaluation's answers and texts (everything but who, when, the pattern and the
// urgency, which are plain). decode fills those fields of `into` and nothing else.
std::string encode_evaluation_content(const domain::Evaluation& evaluation);
Status decode_evaluation_content(std::string_view encoded, domain::Evaluation& into);

// The proposal's five texts.
std::string encode_proposal_content(const domain::Proposal& proposal);
Status decode_proposal_content(std::string_view encoded, domain::Proposal& into);

// An action's three texts: what was done, why, whom it affects.
std::string encode_action_content(const domain::UnilateralAction& action);
Status decode_action_content(std::string_view encoded, domain::UnilateralAction& into);

}  // namespace conduct::store
