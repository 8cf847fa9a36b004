#include "app/server_config.h"

#include <toml++/toml.h>
#include <sstream>

#include "app/accounts.h"
#include "app/communities.h"
#include "core/field_errors.h"
#include "core/text.h"
#include "crypto/key_certificate.h"

namespace conduct::app {
namespace {

// [retention] interval_seconds: an integer from 1 s to a week.
void read_retention(const toml::node& section, ServerConfig& config, FieldErrors& errors) {
  const toml::table* table = section.as_table();
  if (!table) {
    errors.add("retention", "must be a table");
    return;
  }
  for (const auto& [name, setting] : *table) {
    if (name.str() != "interval_seconds") {
      errors.add("retention." + std::string(name.str()), "is not a known key");
      continue;
    }
    const auto seconds = setting.as_integer();
    if (!seconds || seconds->get() < 1 || seconds->get() > kLongestRetentionIntervalSeconds)
      errors.add("retention.interval_seconds",
                 "must be a whole number of seconds from 1 to " + std::to_string(kLongestRetentionIntervalSeconds));
    else
      config.retention_interval_seconds = seconds->get();
  }
}

// [backup] key_dir: a directory path.
void read_backup(const toml::node& section, ServerConfig& config, FieldErrors& errors) {
  const toml::table* table = section.as_table();
  if (!table) {
    errors.add("backup", "must be a table");
    return;
  }
  for (const auto& [name, setting] : *table) {
    if (name.str() != "key_dir") {
      errors.add("backup." + std::string(name.str()), "is not a known key");
      continue;
    }
    const auto directory = setting.value<std::string>();
    if (!directory || directory->empty())
      errors.add("backup.key_dir", "must be a directory path in quotes");
    else
      config.backup_key_dir = *directory;
  }
}

// [server]: whole numbers of threads, connections and seconds, each within its range.
void read_server(const toml::node& section, ServerConfig& config, FieldErrors& errors) {
  const toml::table* table = section.as_table();
  if (!table) {
    errors.add("server", "must be a table");
    return;
  }
  struct Setting {
    std::string_view key;
    int ServerConfig::*target;
    int least;
    int most;
  };
  static constexpr Setting kSettings[] = {
      {"workers", &ServerConfig::workers, 0, kMostWorkers},
      {"password_workers", &ServerConfig::password_workers, 1, kMostWorkers},
      {"io_threads", &ServerConfig::io_threads, 0, kMostWorkers},
      {"max_connections", &ServerConfig::max_connections, 1, 100000},
      {"max_connections_per_address", &ServerConfig::max_connections_per_address, 0, 100000},
      {"header_timeout_seconds", &ServerConfig::header_timeout_seconds, 1, 600},
      {"read_timeout_seconds", &ServerConfig::read_timeout_seconds, 1, 3600},
      {"reporter_uploads_mib", &ServerConfig::reporter_uploads_mib, 1, 65536},
  };
  for (const auto& [name, value] : *table) {
    const std::string key = std::string(name.str());
    const Setting* setting = nullptr;
    for (const Setting& known : kSettings)
      if (known.key == key) setting = &known;
    if (!setting) {
      errors.add("server." + key, "is not a known key");
      continue;
    }
    const auto number = value.as_integer();
    if (!number || number->get() < setting->least || number->get() > setting->most)
      errors.add("server." + key, "must be a whole number from " + std::to_string(setting->least) + " to " +
                                      std::to_string(setting->most));
    else
      config.*(setting->target) = static_cast<int>(number->get());
  }
}

// [mail] smtp_url, smtp_username, smtp_password, smtp_tls, envelope_from, imap_url,
// imap_username, imap_password, imap_tls, poll_seconds, audit_head_hours. False for a key that is none of them.
bool read_mail_server(const std::string& key, const toml::node& setting, ServerConfig& config, FieldErrors& errors) {
  const auto text = [&](std::string& target, const char* scheme_a, const char* scheme_b) {
    const auto value = setting.value<std::string>();
    if (!value || value->empty() || value->size() > 2000) {
      errors.add("mail." + key, "must be text in quotes");
      return;
    }
    if (scheme_a && value->rfind(scheme_a, 0) != 0 && value->rfind(scheme_b, 0) != 0) {
      errors.add("mail." + key, std::string("must be a URL starting ") + scheme_a + " or " + scheme_b);
      return;
    }
    target = *value;
  };
  const auto tls = [&](mail::ServerSettings& server) {
    const auto value = setting.value<std::string>();
    if (value && (*value == "required" || *value == "when-offered"))
      server.require_tls = *value == "required";
    else
      errors.add("mail." + key, "must be \"required\" or \"when-offered\"");
  };
  if (key == "smtp_url")
    text(config.smtp.url, "smtp://", "smtps://");
  else if (key == "smtp_username")
    text(config.smtp.username, nullptr, nullptr);
  else if (key == "smtp_password")
    text(config.smtp.password, nullptr, nullptr);
  else if (key == "smtp_tls")
    tls(config.smtp);
  else if (key == "imap_url")
    text(config.imap.url, "imap://", "imaps://");
  else if (key == "imap_username")
    text(config.imap.username, nullptr, nullptr);
  else if (key == "imap_password")
    text(config.imap.password, nullptr, nullptr);
  else if (key == "imap_tls")
    tls(config.imap);
  else if (key == "envelope_from") {
    text(config.envelope_from, nullptr, nullptr);
    if (!config.envelope_from.empty() && !looks_like_email(config.envelope_from))
      errors.add("mail.envelope_from", "must be an email address");
  } else if (key == "audit_head_hours") {
    const auto number = setting.as_integer();
    if (!number || number->get() < 0 || number->get() > 8760)
      errors.add("mail.audit_head_hours", "must be a whole number of hours from 0 (never) to 8760");
    else
      config.audit_head_hours = static_cast<int>(number->get());
  } else if (key == "poll_seconds") {
    const auto number = setting.as_integer();
    if (!number || number->get() < 1 || number->get() > 86400)
      errors.add("mail.poll_seconds", "must be a whole number from 1 to 86400");
    else
      config.poll_seconds = static_cast<int>(number->get());
  } else {
    return false;
  }
  return true;
}

// [mail] outbox: a directory path; max_message_mib: 1 to 1024; trusted_authserv_id: a
// host name.
void read_mail(const toml::node& section, ServerConfig& config, FieldErrors& errors) {
  const toml::table* table = section.as_table();
  if (!table) {
    errors.add("mail", "must be a table");
    return;
  }
  for (const auto& [name, setting] : *table) {
    const std::string key(name.str());
    if (key == "outbox") {
      const auto directory = setting.value<std::string>();
      if (!directory || directory->empty())
        errors.add("mail.outbox", "must be a directory path in quotes");
      else
        config.mail_outbox = *directory;
    } else if (key == "max_message_mib") {
      const auto number = setting.as_integer();
      if (!number || number->get() < 1 || number->get() > 1024)
        errors.add("mail.max_message_mib", "must be a whole number from 1 to 1024");
      else
        config.mail_intake.max_message_bytes = static_cast<std::size_t>(number->get()) * 1024 * 1024;
    } else if (key == "trusted_authserv_id") {
      const auto host = setting.value<std::string>();
      if (!host || host->empty() || host->size() > 253 || host->find_first_of(" \t\r\n;()") != std::string::npos)
        errors.add("mail.trusted_authserv_id",
                   "must be a host name in quotes, as your MX writes it in Authentication-Results");
      else
        config.mail_intake.trusted_authserv_id = to_lower_ascii(*host);
    } else if (!read_mail_server(key, setting, config, errors)) {
      errors.add("mail." + key, "is not a known key");
    }
  }
}

}  // namespace

Result<ServerConfig> parse_server_config(std::string_view toml_source) {
  toml::table root;
  try {
    root = toml::parse(toml_source);
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "conduct.toml is not valid TOML (line " << error.source().begin.line << "): " << error.description();
    return invalid_argument(message.str());
  }
  FieldErrors errors;
  ServerConfig config;
  for (const auto& [key, value] : root) {
    if (key.str() == "retention") {
      read_retention(value, config, errors);
      continue;
    }
    if (key.str() == "backup") {
      read_backup(value, config, errors);
      continue;
    }
    if (key.str() == "server") {
      read_server(value, config, errors);
      continue;
    }
    if (key.str() == "mail") {
      read_mail(value, config, errors);
      continue;
    }
    if (key.str() != "communities") {
      errors.add(std::string(key.str()), "is not a known configuration key");
      continue;
    }
    const toml::table* communities = value.as_table();
    if (!communities) {
      errors.add("communities", "must be a table of [communities.SLUG] sections");
      continue;
    }
    for (const auto& [slug, section] : *communities) {
      const std::string path = "communities." + std::string(slug.str());
      const toml::table* table = section.as_table();
      if (!table) {
        errors.add(path, "must be a table");
        continue;
      }
      for (const auto& [name, setting] : *table) {
        if (name.str() != "root_fingerprint")
          errors.add(path + "." + std::string(name.str()), "is not a known key");
        else if (const auto fingerprint = setting.value<std::string>())
          config.root_fingerprints[std::string(slug.str())] = *fingerprint;
        else
          errors.add(path + ".root_fingerprint", "must be text in quotes");
      }
    }
  }
  TRY(errors.result("conduct.toml has problems"));
  return config;
}

Status check_pinned_roots(Context& context, const ServerConfig& config) {
  ASSIGN_OR_RETURN(const std::vector<domain::Community> communities, list_communities(context));
  for (const domain::Community& community : communities) {
    const auto pinned = config.root_fingerprints.find(community.slug);
    if (pinned == config.root_fingerprints.end())
      return failed_precondition("conduct.toml pins no root key for the community '" + community.slug +
                                 "': add its root_fingerprint (printed by 'conduct init')");
    ASSIGN_OR_RETURN(const std::string actual, root_fingerprint(context, community.id));
    if (!crypto::same_fingerprint(actual, pinned->second))
      return failed_precondition("the root key of '" + community.slug +
                                 "' in the database does not match the fingerprint pinned in conduct.toml");
  }
  return ok_status();
}

Status apply_pinned_roots(Context& context, const ServerConfig& config) {
  ASSIGN_OR_RETURN(const std::vector<domain::Community> communities, list_communities(context));
  for (const domain::Community& community : communities) {
    const auto pinned = config.root_fingerprints.find(community.slug);
    if (pinned != config.root_fingerprints.end()) context.pinned_roots[community.id] = pinned->second;
  }
  return ok_status();
}

}  // namespace conduct::app
