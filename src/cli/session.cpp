#include "cli/session.h"

#include <filesystem>
#include <iostream>

#include "app/communities.h"
#include "cli/exit_codes.h"
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

Result<app::Actor> Session::actor() {
  if (options_.as_email.empty())
    return field_error("as", "is required: name the member this command acts as (--as EMAIL)");
  std::optional<std::string> community;
  if (!options_.community.empty()) community = options_.community;
  return app::act_as(context_, community, options_.as_email);
}

int report_error(const GlobalOptions& options, const Error& error) {
  // Several field problems read better one per line, each naming its option.
  if (error.fields.size() > 1) {
    std::cerr << "conduct: " << error.message.substr(0, error.message.find(':')) << ":\n";
    for (const auto& [field, problem] : error.fields) std::cerr << "  --" << field << " " << problem << "\n";
  } else if (error.fields.size() == 1) {
    const auto& [field, problem] = *error.fields.begin();
    std::cerr << "conduct: --" << field << " " << problem << "\n";
  } else {
    std::cerr << "conduct: " << error.message << "\n";
  }
  if (options.json) print_json(json::error_json(error));
  return exit_code_of(error.code);
}

void print_json(const nlohmann::json& value) { std::cout << value.dump(2) << "\n"; }

}  // namespace conduct::cli
