// Policy files (app::parse_policy, TOML through toml++): `conduct init --policy FILE`
// and the policies an instance administrator edits.
//
// Properties: a policy that parses is valid (domain::validate_policy agrees); every
// whole number written in the file is the number in force, never a silently shortened
// one; the spaces and ladder are the file's, in its order. A refusal is InvalidArgument
// with either the line of a TOML syntax error or every bad key by its dotted path.
#include <toml++/toml.h>

#include "app/policy_file.h"
#include "fuzz_check.h"

namespace {

using namespace conduct;
using namespace conduct::domain;

// The whole number at `key` of `table` equals `value` when the file gives one.
void check_number(const toml::table* table, const char* key, std::optional<int> value) {
  if (!table) return;
  const toml::node* node = table->get(key);
  if (!node || !node->is_integer()) return;
  FUZZ_CHECK(value.has_value() && *value == node->value<std::int64_t>().value(),
             "every whole number in the file is the number in force (none silently shortened)");
}

void check_numbers(const toml::table& root, const Policy& policy) {
  check_number(&root, "statistics_suppression_threshold", policy.statistics_suppression_threshold);
  const toml::table* deadlines = root["deadlines"].as_table();
  check_number(deadlines, "acknowledge_hours", policy.deadlines.acknowledge_hours);
  check_number(deadlines, "initial_response_days", policy.deadlines.initial_response_days);
  check_number(deadlines, "reporter_update_days", policy.deadlines.reporter_update_days);
  check_number(deadlines, "unilateral_report_hours", policy.deadlines.unilateral_report_hours);
  check_number(deadlines, "feedback_days", policy.deadlines.feedback_days);
  check_number(deadlines, "response_days", policy.deadlines.response_days);
  check_number(deadlines, "board_report_days", policy.deadlines.board_report_days);
  const toml::table* voting = root["voting"].as_table();
  check_number(voting, "minimum_eligible", policy.voting.minimum_eligible);
  check_number(voting, "default_vote_days", policy.voting.default_vote_days);
  check_number(voting, "all_members_majority_from_rank", policy.voting.all_members_majority_from_rank);
  const toml::table* membership = root["membership"].as_table();
  check_number(membership, "term_months", policy.membership.term_months);
  check_number(membership, "renewal_answer_days", policy.membership.renewal_answer_days);
  check_number(membership, "inactivity_days", policy.membership.inactivity_days);
  check_number(membership, "minimum_active_members", policy.membership.minimum_active_members);
  const toml::table* retention = root["retention"].as_table();
  check_number(retention, "minor_incident_months", policy.retention.minor_incident_months);
  check_number(retention, "resolved_case_years", policy.retention.resolved_case_years);
  check_number(retention, "backup_horizon_days", policy.retention.backup_horizon_days);
  const toml::table* sign_in = root["sign_in"].as_table();
  check_number(sign_in, "session_idle_minutes", policy.sign_in.session_idle_minutes);
  check_number(sign_in, "session_absolute_hours", policy.sign_in.session_absolute_hours);
  check_number(sign_in, "totp_window_steps", policy.sign_in.totp_window_steps);
  check_number(sign_in, "enrolment_link_hours", policy.sign_in.enrolment_link_hours);
  if (const toml::array* backoff = sign_in ? (*sign_in)["backoff_seconds"].as_array() : nullptr) {
    FUZZ_CHECK(backoff->size() == policy.sign_in.backoff_seconds.size(), "every back-off delay is kept");
    for (std::size_t i = 0; i < backoff->size(); ++i)
      FUZZ_CHECK((*backoff)[i].value<std::int64_t>() == policy.sign_in.backoff_seconds[i],
                 "every back-off delay is the number written");
  }
  if (const toml::array* ladder = root["ladder"].as_array()) {
    FUZZ_CHECK(ladder->size() == policy.ladder.size(), "every ladder level is kept, in order");
    for (std::size_t i = 0; i < ladder->size(); ++i) {
      const toml::table* level = (*ladder)[i].as_table();
      check_number(level, "rank", policy.ladder[i].rank);
      check_number(level, "minimum_days", policy.ladder[i].minimum_days);
      check_number(level, "maximum_days", policy.ladder[i].maximum_days);
      if (const auto key = (*level)["key"].value<std::string>())
        FUZZ_CHECK(*key == policy.ladder[i].key, "a ladder level keeps its key");
    }
  }
  if (const toml::array* spaces = root["spaces"].as_array()) {
    FUZZ_CHECK(spaces->size() == policy.spaces.size(), "every space is kept, in order");
    for (std::size_t i = 0; i < spaces->size(); ++i)
      FUZZ_CHECK((*(*spaces)[i].as_table())["key"].value<std::string>() == policy.spaces[i].key,
                 "a space keeps its key");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view source = conduct::fuzz::as_text(data, size);
  const Result<Policy> policy = app::parse_policy(source);
  if (!policy.ok()) {
    FUZZ_CHECK(policy.error().code == ErrorCode::InvalidArgument, "a bad policy is InvalidArgument");
    FUZZ_CHECK(policy.error().message.rfind("the policy file is not valid TOML (line ", 0) == 0 ||
                   !policy.error().fields.empty(),
               "a bad policy names the line of a syntax error or every bad key");
    return 0;
  }
  const Status valid = validate_policy(*policy);
  FUZZ_CHECK(valid.ok(), "a policy that parses is valid");
  check_numbers(toml::parse(source), *policy);
  return 0;
}
