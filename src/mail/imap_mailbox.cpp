#include "mail/imap_mailbox.h"

#include <curl/curl.h>

#include <algorithm>
#include <sstream>

namespace conduct::mail {
namespace {

struct Collector {
  std::string* text;
  std::size_t limit;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* collector = static_cast<Collector*>(user);
  const std::size_t bytes = size * count;
  const std::size_t room = collector->limit > collector->text->size() ? collector->limit - collector->text->size() : 0;
  collector->text->append(data, std::min(bytes, room));
  return bytes;  // the rest is dropped, not refused: the caller sees the text is full
}

}  // namespace

std::vector<std::uint64_t> parse_search_answer(const std::string& answer) {
  std::vector<std::uint64_t> uids;
  std::istringstream lines(answer);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("* SEARCH", 0) != 0) continue;
    std::istringstream words(line.substr(8));
    std::string word;
    while (words >> word) {
      if (word.empty() || word.size() > 19 || !std::all_of(word.begin(), word.end(), ::isdigit)) continue;
      uids.push_back(std::stoull(word));
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

Result<CURL*> ImapMailbox::handle_for(const std::string& url) {
  if (!handle_) {
    ASSIGN_OR_RETURN(handle_, open_curl(settings_, url));
    return handle_.get();
  }
  reconfigure_curl(handle_.get(), settings_, url);
  return handle_.get();
}

Status ImapMailbox::command(const std::string& text, std::string* answer) {
  ASSIGN_OR_RETURN(CURL * curl, handle_for(settings_.url));
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, text.c_str());
  std::string ignored;
  Collector collector{answer ? answer : &ignored, 1024 * 1024};
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &collector);
  const CURLcode done = curl_easy_perform(curl);
  if (done == CURLE_OK) return ok_status();
  return curl_failure("IMAP", done, 0);
}

Result<std::vector<std::uint64_t>> ImapMailbox::waiting() {
  std::string answer;
  TRY(command("UID SEARCH UNDELETED UNFLAGGED", &answer));
  return parse_search_answer(answer);
}

Result<std::string> ImapMailbox::fetch(std::uint64_t uid, std::size_t limit) {
  std::string url = settings_.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/;UID=" + std::to_string(uid);
  ASSIGN_OR_RETURN(CURL * curl, handle_for(url));
  std::string message;
  Collector collector{&message, limit + 1};
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &collector);
  const CURLcode done = curl_easy_perform(curl);
  if (done != CURLE_OK) return curl_failure("IMAP fetch", done, 0);
  return message;
}

Status ImapMailbox::remove(std::uint64_t uid) {
  TRY(command("UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (\\Deleted)"));
  return expunge();
}

Status ImapMailbox::expunge() { return command("EXPUNGE"); }

Status ImapMailbox::set_aside(std::uint64_t uid) {
  return command("UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (\\Flagged)");
}

}  // namespace conduct::mail
