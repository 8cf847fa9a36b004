// JSON views of the domain, shared by the HTTP API and the CLI's --json output so that
// both speak the same shapes (documented in docs/openapi.yaml).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "app/people.h"
#include "core/result.h"
#include "domain/case.h"
#include "domain/community.h"
#include "domain/member.h"

namespace conduct::json {

nlohmann::json error_json(const Error& error);  // {"error": {"code", "message", "fields"}}
nlohmann::json community_json(const domain::Community& community);  // public facts only
nlohmann::json member_json(const domain::Member& member);
nlohmann::json case_summary_json(const domain::Case& summary);
nlohmann::json case_record_json(const domain::CaseRecord& record);
nlohmann::json entry_json(const domain::TimelineEntry& entry);
nlohmann::json person_json(const store::PersonRow& row);
nlohmann::json person_view_json(const app::PersonView& view);

}  // namespace conduct::json
