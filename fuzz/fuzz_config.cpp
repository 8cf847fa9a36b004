// The server configuration file, conduct.toml (app::parse_server_config through
// toml++): read at start-up from the data directory, where anyone who can write the
// directory can change it.
//
// Properties: a configuration that parses pins exactly the root_fingerprint texts the
// file gives, one per [communities.SLUG] table; a refusal is InvalidArgument with either
// the line of a TOML syntax error or every unknown or mistyped key by name.
#include <toml++/toml.h>

#include "app/server_config.h"
#include "fuzz_check.h"

using namespace conduct;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view source = conduct::fuzz::as_text(data, size);
  const Result<app::ServerConfig> config = app::parse_server_config(source);
  if (!config.ok()) {
    FUZZ_CHECK(config.error().code == ErrorCode::InvalidArgument, "a bad configuration is InvalidArgument");
    FUZZ_CHECK(
        config.error().message.rfind("conduct.toml is not valid TOML (line ", 0) == 0 || !config.error().fields.empty(),
        "a bad configuration names the line of a syntax error or every bad key");
    return 0;
  }
  const toml::table root = toml::parse(source);
  std::map<std::string, std::string> pinned;
  if (const toml::table* communities = root["communities"].as_table())
    for (const auto& [slug, section] : *communities)
      if (const auto fingerprint = section.as_table()->get("root_fingerprint"))
        pinned[std::string(slug.str())] = fingerprint->value<std::string>().value();
  FUZZ_CHECK(config->root_fingerprints == pinned, "the pins are exactly the file's root_fingerprint texts");
  for (const auto& [key, value] : root) FUZZ_CHECK(key.str() == "communities", "only known keys are accepted");
  return 0;
}
