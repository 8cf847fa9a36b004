// A reporter's files on the server's pages (the report form, the portal's reply): taken
// from the form as sent, and the policy's limits in the words the catalogue takes.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/intake.h"
#include "http/multipart_body.h"

namespace conduct::http {

// The parts of the form's file field ("files"), as the use cases take them.
std::vector<app::ReporterUpload> reporter_uploads(const SentForm& form);

// {count}, {total} and {each} for the catalogue's words on the limits.
std::vector<std::pair<std::string, std::string>> file_limit_words(int most, std::int64_t total_bytes,
                                                                  std::int64_t each_bytes);

}  // namespace conduct::http
