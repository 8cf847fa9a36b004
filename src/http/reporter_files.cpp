#include "http/reporter_files.h"

#include "domain/evidence.h"

namespace conduct::http {

std::vector<app::ReporterUpload> reporter_uploads(const SentForm& form) {
  std::vector<app::ReporterUpload> uploads;
  for (const FormFile& file : form.files)
    if (file.field == "files") uploads.push_back({file.filename, file.content});
  return uploads;
}

std::vector<std::pair<std::string, std::string>> file_limit_words(int most, std::int64_t total_bytes,
                                                                  std::int64_t each_bytes) {
  return {{"count", std::to_string(most)},
          {"total", domain::describe_size(total_bytes)},
          {"each", domain::describe_size(each_bytes)}};
}

}  // namespace conduct::http
