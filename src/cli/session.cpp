#include "cli/session.h"

#include <filesystem>
#include <map>
#include <iostream>

#include "app/communities.h"
#include "cli/exit_codes.h"
#include "cli/prompt.h"
#include "core/text.h"
#include "json/views.h"

namespace conduct::cli {

std::string database_path(const std::string& data_dir, const std::string& file_name) {
  return (std::filesystem::path(data_dir) / file_name).string();
}

Session::Session(const GlobalOptions& options, std::unique_ptr<crypto::Sealer> sealer,
                 std::unique_ptr<store::sqlite::SqliteStore> store)
    : options_(options), sealer_(std::move(sealer)), store_(std::move(store)), context_{*store_, clock_, random_} {}

Result<std::unique_ptr<Session>> Session::open(const GlobalOptions& options, const std::string& file_name) {
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) return field_error("data", "cannot create the directory " + options.data_dir + ": " + error.message());
  auto sealer = std::make_unique<crypto::PassThroughSealer>();
  ASSIGN_OR_RETURN(auto store, store::sqlite::SqliteStore::open(database_path(options.data_dir, file_name), *sealer));
  return std::unique_ptr<Session>(new Session(options, std::move(sealer), std::move(store)));
}

Session::~Session() {
  if (sign_out_at_end_) (void)app::sign_out(context_, token_);
}

Result<app::Authenticated> Session::authenticated() {
  std::optional<std::string> community;
  if (!options_.community.empty()) community = options_.community;
  if (token_.empty()) {
    if (const char* session = std::getenv("CONDUCT_SESSION"); session && *session) {
      token_ = session;
    } else {
      if (options_.as_email.empty())
        return field_error("as", "is required: name the member this command acts as (--as EMAIL), "
                                 "or sign in first with 'conduct signin'");
      ASSIGN_OR_RETURN(const std::string password,
                       read_secret("CONDUCT_PASSWORD", "Password for " + options_.as_email + ": ", "password"));
      ASSIGN_OR_RETURN(const std::string code,
                       read_secret("CONDUCT_TOTP", "Code from your authenticator: ", "code", false));
      ASSIGN_OR_RETURN(const app::SignedIn signed_in,
                       app::sign_in(context_, {community, options_.as_email, password, code, "cli"}));
      token_ = signed_in.token;
      sign_out_at_end_ = true;
    }
  }
  ASSIGN_OR_RETURN(app::Authenticated authenticated, app::authenticate(context_, token_));
  if (!options_.as_email.empty() && to_lower_ascii(trim(options_.as_email)) != authenticated.actor.member.email)
    return field_error("as", "names a different member than the session in CONDUCT_SESSION");
  return authenticated;
}

Result<app::Actor> Session::actor() {
  ASSIGN_OR_RETURN(app::Authenticated authenticated, this->authenticated());
  return authenticated.actor;
}

namespace {

// The command-line option for a field an error names: fields use the JSON API's names
// (occurred_on, categories); options use dashes and, for lists, the singular. Dotted
// or indexed names (a policy key, parties[2].role) are shown as they are.
std::string option_for(const std::string& field) {
  if (field.find_first_of(".[") != std::string::npos) return field;
  static const std::map<std::string, std::string> kPlural = {{"categories", "category"}, {"handles", "handle"}};
  const auto plural = kPlural.find(field);
  std::string option = plural != kPlural.end() ? plural->second : field;
  for (char& c : option)
    if (c == '_') c = '-';
  return "--" + option;
}

}  // namespace

int report_error(const GlobalOptions& options, const Error& error) {
  // Several field problems read better one per line, each naming its option.
  if (error.fields.size() > 1) {
    std::cerr << "conduct: " << error.message.substr(0, error.message.find(':')) << ":\n";
    for (const auto& [field, problem] : error.fields) std::cerr << "  " << option_for(field) << " " << problem << "\n";
  } else if (error.fields.size() == 1) {
    const auto& [field, problem] = *error.fields.begin();
    std::cerr << "conduct: " << option_for(field) << " " << problem << "\n";
  } else {
    std::cerr << "conduct: " << error.message << "\n";
  }
  if (options.json) print_json(json::error_json(error));
  return exit_code_of(error.code);
}

void print_json(const nlohmann::json& value) { std::cout << value.dump(2) << "\n"; }

}  // namespace conduct::cli
