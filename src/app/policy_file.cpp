#include "app/policy_file.h"

#include <toml++/toml.h>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>

#include "app/shipped_policies.h"
#include "core/field_errors.h"
#include "domain/drafts.h"

namespace conduct::app {
namespace {

// A TOML integer that fits the policy's int fields. TOML integers are 64-bit: without
// this check 4294967320 would be read as 24, silently.
std::optional<int> whole_int(const toml::node& node) {
  const auto value = node.value_exact<int64_t>();
  if (!value || !node.is_integer() || *value < std::numeric_limits<int>::min() ||
      *value > std::numeric_limits<int>::max())
    return std::nullopt;
  return static_cast<int>(*value);
}

// Reads the keys of one table into `policy`, reporting each unknown or mistyped key.
class PolicyReader {
 public:
  explicit PolicyReader(FieldErrors& errors) : errors_(errors) {}

  void check_keys(const toml::table& table, const std::string& path, const std::set<std::string>& known) {
    for (const auto& [key, value] : table) {
      (void)value;
      const std::string name(key.str());
      if (!known.count(name)) errors_.add(path.empty() ? name : path + "." + name, "is not a known policy key");
    }
  }

  void read(const toml::table& table, const std::string& path, const char* key, int& target) {
    const toml::node* node = table.get(key);
    if (!node) return;
    if (const auto value = whole_int(*node))
      target = *value;
    else if (node->is_integer())
      errors_.add(join_path(path, key), "is out of range");
    else
      errors_.add(join_path(path, key), "must be a whole number");
  }

  void read(const toml::table& table, const std::string& path, const char* key, std::int64_t& target) {
    const toml::node* node = table.get(key);
    if (!node) return;
    if (const auto value = node->value_exact<int64_t>(); value && node->is_integer())
      target = *value;
    else
      errors_.add(join_path(path, key), "must be a whole number");
  }

  void read(const toml::table& table, const std::string& path, const char* key, std::optional<int>& target) {
    int value = 0;
    if (!table.get(key)) return;
    read(table, path, key, value);
    target = value;
  }

  void read(const toml::table& table, const std::string& path, const char* key, double& target) {
    const toml::node* node = table.get(key);
    if (!node) return;
    if (const auto value = node->value<double>())
      target = *value;
    else
      errors_.add(join_path(path, key), "must be a number");
  }

  void read(const toml::table& table, const std::string& path, const char* key, bool& target) {
    const toml::node* node = table.get(key);
    if (!node) return;
    if (const auto value = node->value<bool>(); value && node->is_boolean())
      target = *value;
    else
      errors_.add(join_path(path, key), "must be true or false");
  }

  void read(const toml::table& table, const std::string& path, const char* key, std::string& target) {
    const toml::node* node = table.get(key);
    if (!node) return;
    if (const auto value = node->value<std::string>(); value && node->is_string())
      target = *value;
    else
      errors_.add(join_path(path, key), "must be text in quotes");
  }

  const toml::table* subtable(const toml::table& table, const char* key) {
    const toml::node* node = table.get(key);
    if (!node) return nullptr;
    if (!node->is_table()) errors_.add(key, "must be a table");
    return node->as_table();
  }

  FieldErrors& errors() { return errors_; }

 private:
  static std::string join_path(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
  }
  FieldErrors& errors_;
};

void read_spaces(PolicyReader& reader, const toml::array& array, domain::Policy& policy) {
  policy.spaces.clear();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = "spaces[" + std::to_string(i) + "]";
    const toml::table* table = array[i].as_table();
    if (!table) {
      reader.errors().add(path, "must be a table with key, kind and name");
      continue;
    }
    reader.check_keys(*table, path, {"key", "kind", "name"});
    domain::Space space;
    std::string kind;
    reader.read(*table, path, "key", space.key);
    reader.read(*table, path, "kind", kind);
    reader.read(*table, path, "name", space.name);
    if (const auto parsed = domain::parse_space_kind(kind))
      space.kind = *parsed;
    else
      reader.errors().add(path + ".kind",
                          "must be one of " + domain::names_of<domain::SpaceKind>(domain::space_kind_names()));
    policy.spaces.push_back(std::move(space));
  }
}

void read_ladder(PolicyReader& reader, const toml::array& array, domain::Policy& policy) {
  policy.ladder.clear();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = "ladder[" + std::to_string(i) + "]";
    const toml::table* table = array[i].as_table();
    if (!table) {
      reader.errors().add(path, "must be a table with key, name and rank");
      continue;
    }
    reader.check_keys(
        *table, path,
        {"key", "name", "rank", "minimum_days", "maximum_days", "requires_readmission_request", "requires_conditions"});
    domain::LadderLevel level;
    reader.read(*table, path, "key", level.key);
    reader.read(*table, path, "name", level.name);
    reader.read(*table, path, "rank", level.rank);
    reader.read(*table, path, "minimum_days", level.minimum_days);
    reader.read(*table, path, "maximum_days", level.maximum_days);
    reader.read(*table, path, "requires_readmission_request", level.requires_readmission_request);
    reader.read(*table, path, "requires_conditions", level.requires_conditions);
    policy.ladder.push_back(std::move(level));
  }
}

}  // namespace

Result<domain::Policy> parse_policy(std::string_view toml_source) {
  toml::table root;
  try {
    root = toml::parse(toml_source);
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "the policy file is not valid TOML (line " << error.source().begin.line << "): " << error.description();
    return invalid_argument(message.str());
  }

  FieldErrors errors;
  PolicyReader reader(errors);
  domain::Policy policy = domain::default_policy();
  reader.check_keys(root, "",
                    {"name", "description", "require_second_factor", "statistics_suppression_threshold",
                     "evidence_max_bytes", "idempotency_hours", "deadlines", "voting", "membership", "retention",
                     "sign_in", "intake", "mail", "spaces", "ladder"});
  reader.read(root, "", "name", policy.name);
  reader.read(root, "", "description", policy.description);
  reader.read(root, "", "require_second_factor", policy.require_second_factor);
  reader.read(root, "", "statistics_suppression_threshold", policy.statistics_suppression_threshold);
  reader.read(root, "", "evidence_max_bytes", policy.evidence_max_bytes);
  reader.read(root, "", "idempotency_hours", policy.idempotency_hours);

  if (const toml::table* table = reader.subtable(root, "deadlines")) {
    reader.check_keys(*table, "deadlines",
                      {"acknowledge_hours", "initial_response_days", "reporter_update_days", "unilateral_report_hours",
                       "feedback_days", "response_days", "board_report_days"});
    domain::Deadlines& d = policy.deadlines;
    reader.read(*table, "deadlines", "acknowledge_hours", d.acknowledge_hours);
    reader.read(*table, "deadlines", "initial_response_days", d.initial_response_days);
    reader.read(*table, "deadlines", "reporter_update_days", d.reporter_update_days);
    reader.read(*table, "deadlines", "unilateral_report_hours", d.unilateral_report_hours);
    reader.read(*table, "deadlines", "feedback_days", d.feedback_days);
    reader.read(*table, "deadlines", "response_days", d.response_days);
    reader.read(*table, "deadlines", "board_report_days", d.board_report_days);
  }
  if (const toml::table* table = reader.subtable(root, "voting")) {
    reader.check_keys(*table, "voting",
                      {"rule", "quorum_share", "minimum_eligible", "default_vote_days",
                       "all_members_majority_from_rank", "no_response_needed_for"});
    domain::VotingPolicy& v = policy.voting;
    std::string rule;
    reader.read(*table, "voting", "rule", rule);
    if (rule == "consensus-then-two-thirds")
      v.rule = domain::VoteRule::ConsensusThenTwoThirds;
    else if (rule == "two-thirds-only")
      v.rule = domain::VoteRule::TwoThirdsOnly;
    else if (!rule.empty())
      errors.add("voting.rule", "must be consensus-then-two-thirds or two-thirds-only");
    reader.read(*table, "voting", "quorum_share", v.quorum_share);
    reader.read(*table, "voting", "minimum_eligible", v.minimum_eligible);
    reader.read(*table, "voting", "default_vote_days", v.default_vote_days);
    reader.read(*table, "voting", "all_members_majority_from_rank", v.all_members_majority_from_rank);
    if (const toml::node* node = table->get("no_response_needed_for")) {
      const toml::array* categories = node->as_array();
      if (!categories) errors.add("voting.no_response_needed_for", "must be a list of violation categories");
      for (std::size_t i = 0; categories && i < categories->size(); ++i) {
        const std::optional<std::string> name = (*categories)[i].value<std::string>();
        const std::optional<domain::ViolationCategory> category =
            name ? domain::parse_violation_category(*name) : std::nullopt;
        if (!category)
          errors.add(
              "voting.no_response_needed_for",
              "each must be one of " + domain::names_of<domain::ViolationCategory>(domain::violation_category_names()));
        else
          v.no_response_needed_for.push_back(*category);
      }
    }
  }
  if (const toml::table* table = reader.subtable(root, "membership")) {
    reader.check_keys(*table, "membership",
                      {"term_months", "renewal_answer_days", "inactivity_days", "minimum_active_members"});
    domain::MembershipPolicy& m = policy.membership;
    reader.read(*table, "membership", "term_months", m.term_months);
    reader.read(*table, "membership", "renewal_answer_days", m.renewal_answer_days);
    reader.read(*table, "membership", "inactivity_days", m.inactivity_days);
    reader.read(*table, "membership", "minimum_active_members", m.minimum_active_members);
  }
  if (const toml::table* table = reader.subtable(root, "retention")) {
    reader.check_keys(*table, "retention", {"minor_incident_months", "resolved_case_years", "backup_horizon_days"});
    domain::RetentionPolicy& r = policy.retention;
    reader.read(*table, "retention", "minor_incident_months", r.minor_incident_months);
    reader.read(*table, "retention", "resolved_case_years", r.resolved_case_years);
    reader.read(*table, "retention", "backup_horizon_days", r.backup_horizon_days);
  }
  if (const toml::table* table = reader.subtable(root, "sign_in")) {
    reader.check_keys(
        *table, "sign_in",
        {"backoff_seconds", "failure_decay_seconds", "warn_chairs_after_failures", "password_failures_end_session",
         "session_idle_minutes", "session_absolute_hours", "totp_window_steps", "enrolment_link_hours"});
    domain::SignInPolicy& s = policy.sign_in;
    reader.read(*table, "sign_in", "failure_decay_seconds", s.failure_decay_seconds);
    reader.read(*table, "sign_in", "warn_chairs_after_failures", s.warn_chairs_after_failures);
    reader.read(*table, "sign_in", "password_failures_end_session", s.password_failures_end_session);
    reader.read(*table, "sign_in", "session_idle_minutes", s.session_idle_minutes);
    reader.read(*table, "sign_in", "session_absolute_hours", s.session_absolute_hours);
    reader.read(*table, "sign_in", "totp_window_steps", s.totp_window_steps);
    reader.read(*table, "sign_in", "enrolment_link_hours", s.enrolment_link_hours);
    if (const toml::node* node = table->get("backoff_seconds")) {
      const toml::array* array = node->as_array();
      if (!array)
        errors.add("sign_in.backoff_seconds", "must be a list of whole numbers of seconds");
      else {
        s.backoff_seconds.clear();
        for (const toml::node& item : *array) {
          if (const auto value = whole_int(item))
            s.backoff_seconds.push_back(*value);
          else if (item.is_integer())
            errors.add("sign_in.backoff_seconds", "each delay must be from 0 to 86400 seconds");
          else
            errors.add("sign_in.backoff_seconds", "must be a list of whole numbers of seconds");
        }
      }
    }
  }
  if (const toml::table* table = reader.subtable(root, "intake")) {
    reader.check_keys(*table, "intake",
                      {"reports_per_address_per_hour", "reports_per_hour", "receipt_failures_per_address_per_hour",
                       "receipt_failures_per_hour", "notify", "portal_session_minutes", "reporter_files_most",
                       "reporter_files_max_bytes"});
    domain::IntakePolicy& i = policy.intake;
    reader.read(*table, "intake", "reports_per_address_per_hour", i.reports_per_address.most);
    reader.read(*table, "intake", "reports_per_hour", i.reports_overall.most);
    reader.read(*table, "intake", "receipt_failures_per_address_per_hour", i.receipt_failures_per_address.most);
    reader.read(*table, "intake", "receipt_failures_per_hour", i.receipt_failures_overall.most);
    reader.read(*table, "intake", "portal_session_minutes", i.portal_session_minutes);
    reader.read(*table, "intake", "reporter_files_most", i.reporter_files_most);
    reader.read(*table, "intake", "reporter_files_max_bytes", i.reporter_files_max_bytes);
    std::string notify;
    reader.read(*table, "intake", "notify", notify);
    if (notify == "chairs")
      i.notify = domain::NotifyOnReport::Chairs;
    else if (notify == "members")
      i.notify = domain::NotifyOnReport::Members;
    else if (!notify.empty())
      errors.add("intake.notify", "must be chairs or members");
  }
  if (const toml::table* table = reader.subtable(root, "mail")) {
    reader.check_keys(*table, "mail", {"review_before_sending", "new_reports"});
    std::string new_reports;
    reader.read(*table, "mail", "new_reports", new_reports);
    if (new_reports == "case")
      policy.mail.new_reports = domain::NewMailReports::OpenCase;
    else if (new_reports == "triage")
      policy.mail.new_reports = domain::NewMailReports::AwaitTriage;
    else if (!new_reports.empty())
      errors.add("mail.new_reports", "must be case or triage");
    if (const toml::node* node = table->get("review_before_sending")) {
      const toml::array* kinds = node->as_array();
      if (!kinds) errors.add("mail.review_before_sending", "must be a list of recipient kinds");
      policy.mail.review_before_sending.clear();
      for (std::size_t i = 0; kinds && i < kinds->size(); ++i) {
        const std::optional<std::string> kind = (*kinds)[i].value<std::string>();
        if (!kind || !domain::parse_draft_recipient(*kind))
          errors.add("mail.review_before_sending", "each must be one of " + domain::names_of<domain::DraftRecipient>(
                                                                                domain::draft_recipient_names()));
        else
          policy.mail.review_before_sending.push_back(*kind);
      }
    }
  }
  if (const toml::node* node = root.get("spaces")) {
    if (const toml::array* array = node->as_array())
      read_spaces(reader, *array, policy);
    else
      errors.add("spaces", "must be a list of [[spaces]] tables");
  }
  if (const toml::node* node = root.get("ladder")) {
    if (const toml::array* array = node->as_array())
      read_ladder(reader, *array, policy);
    else
      errors.add("ladder", "must be a list of [[ladder]] tables");
  }
  TRY(errors.result("the policy file has problems"));
  TRY(domain::validate_policy(policy));
  return policy;
}

std::vector<std::string> shipped_policy_names() {
  std::vector<std::string> names;
  for (const ShippedPolicy& shipped : shipped_policies()) names.emplace_back(shipped.name);
  return names;
}

Result<std::string> shipped_policy_source(std::string_view name) {
  for (const ShippedPolicy& shipped : shipped_policies())
    if (shipped.name == name) return std::string(shipped.source);
  return not_found("no shipped policy called '" + std::string(name) + "'");
}

Result<domain::Policy> parse_stored_policy(const std::string& toml_source) {
  // Bounded by the number of distinct policy texts stored; a text that does not parse
  // is not kept, so its error is reported each time.
  static std::mutex guard;
  static std::map<std::string, domain::Policy, std::less<>> parsed;
  {
    const std::lock_guard<std::mutex> lock(guard);
    const auto found = parsed.find(toml_source);
    if (found != parsed.end()) return found->second;
  }
  ASSIGN_OR_RETURN(domain::Policy policy, parse_policy(toml_source));
  const std::lock_guard<std::mutex> lock(guard);
  return parsed.emplace(toml_source, std::move(policy)).first->second;
}

}  // namespace conduct::app
