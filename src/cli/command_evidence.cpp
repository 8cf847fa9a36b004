// Evidence files of a case: `conduct case evidence add|list|get`. A file read from disk
// is attached as it is; a file written back is created readable by its owner only and
// never replaces an existing file without --force.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/evidence.h"
#include "cli/commands.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

struct AddOptions {
  std::string code;
  std::string path;
  std::string name;  // empty: the file's own name
  std::string description;
};

struct GetOptions {
  std::string code;
  int number = 0;
  std::string output;
  bool force = false;
};

// The file's bytes, read up to one byte past the largest limit any policy may set, so a
// huge file is refused by the use case (naming the community's limit) without first
// filling memory with it.
Result<std::string> read_evidence_file(const std::string& path) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  std::ifstream file(path, std::ios::binary);
  if (error || !file) return field_error("file", "cannot read " + path + " (a regular file is needed)");
  const std::uintmax_t ceiling = static_cast<std::uintmax_t>(domain::kLargestEvidenceMaxBytes) + 1;
  std::string content(static_cast<std::size_t>(std::min(size, ceiling)), '\0');
  file.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (file.bad()) return field_error("file", "cannot read " + path);
  content.resize(static_cast<std::size_t>(file.gcount()));
  return content;
}

// Writes `bytes` to a new file at `path`, mode 0600; an existing file is replaced only
// when `force` says so.
Status write_output(const std::string& path, const std::string& bytes, bool force) {
  const int flags = O_WRONLY | O_CREAT | (force ? O_TRUNC : O_EXCL);
  const int fd = ::open(path.c_str(), flags, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    if (errno == EEXIST) return already_exists(path + " already exists: choose another --output, or add --force");
    return field_error("output", "cannot write " + path);
  }
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t step = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (step < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return field_error("output", "cannot write " + path);
    }
    written += static_cast<std::size_t>(step);
  }
  if (::close(fd) != 0) return field_error("output", "cannot write " + path);
  return ok_status();
}

void print_evidence_table(const std::vector<domain::EvidenceFile>& files) {
  if (files.empty()) {
    std::cout << "No evidence files.\n";
    return;
  }
  for (const domain::EvidenceFile& file : files) {
    std::cout << "#" << file.number << "  " << file.name << "  (" << domain::describe_size(file.size_bytes)
              << ", attached " << format_timestamp(file.created_at) << ")\n";
    if (!file.description.empty()) std::cout << "    " << file.description << "\n";
  }
}

void add_add(CLI::App& evidence, GlobalOptions& globals, Action& action) {
  auto options = std::make_shared<AddOptions>();
  CLI::App* add = evidence.add_subcommand("add", "Attach a file to a case as evidence (sealed as it is stored)");
  add->add_option("case", options->code, "Case code name, e.g. home-shelf")->required();
  add->add_option("file", options->path, "The file to attach")->required();
  add->add_option("--description", options->description, "What the file shows (sealed)");
  add->add_option("--name", options->name, "The name to record (default: the file's own name)");
  add->callback([&globals, &action, options] {
    action = [&globals, options] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::string content, read_evidence_file(options->path));
        const std::string name =
            options->name.empty() ? std::filesystem::path(options->path).filename().string() : options->name;
        ASSIGN_OR_RETURN(const domain::EvidenceFile file, app::attach_evidence(session.context(), actor, options->code,
                                                                               {name, options->description, content}));
        if (globals.json)
          print_json(json::evidence_json(file));
        else
          std::cout << "Attached evidence file #" << file.number << " (" << domain::describe_size(file.size_bytes)
                    << ").\n";
        return ok_status();
      });
    };
  });
}

void add_list(CLI::App& evidence, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* list = evidence.add_subcommand("list", "List a case's evidence files");
  list->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  list->callback([&globals, &action, code] {
    action = [&globals, code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<domain::EvidenceFile> files,
                         app::list_evidence(session.context(), actor, *code));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const domain::EvidenceFile& file : files) items.push_back(json::evidence_json(file));
          print_json({{"files", items}, {"max_bytes", actor.community.policy.evidence_max_bytes}});
        } else {
          print_evidence_table(files);
        }
        return ok_status();
      });
    };
  });
}

void add_get(CLI::App& evidence, GlobalOptions& globals, Action& action) {
  auto options = std::make_shared<GetOptions>();
  CLI::App* get = evidence.add_subcommand("get", "Save an evidence file (verified) to a file of your own");
  get->add_option("case", options->code, "Case code name, e.g. home-shelf")->required();
  get->add_option("number", options->number, "The file's number, from 'case evidence list'")->required();
  get->add_option("--output", options->output, "Where to save it (created readable by you only)")->required();
  get->add_flag("--force", options->force, "Replace the output file if it exists");
  get->callback([&globals, &action, options] {
    action = [&globals, options] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        // Refused before anything is read, so an existing file is never even at risk.
        if (!options->force && std::filesystem::exists(options->output))
          return already_exists(options->output + " already exists: choose another --output, or add --force");
        ASSIGN_OR_RETURN(const app::EvidenceContent content,
                         app::read_evidence(session.context(), actor, options->code, options->number));
        TRY(write_output(options->output, content.bytes, options->force));
        if (globals.json) {
          nlohmann::json saved = json::evidence_json(content.file);
          saved["output"] = options->output;
          print_json(saved);
        } else {
          std::cout << "Saved evidence file #" << content.file.number << " ("
                    << domain::describe_size(content.file.size_bytes) << ") to " << options->output << ".\n";
        }
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_evidence_commands(CLI::App& cases, GlobalOptions& globals, Action& action) {
  CLI::App* evidence = cases.add_subcommand("evidence", "Attach, list and save a case's evidence files");
  evidence->require_subcommand(1);
  add_add(*evidence, globals, action);
  add_list(*evidence, globals, action);
  add_get(*evidence, globals, action);
}

}  // namespace conduct::cli
