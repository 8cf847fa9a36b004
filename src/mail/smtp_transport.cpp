#include "mail/smtp_transport.h"

#include <curl/curl.h>

#include <cstring>

namespace conduct::mail {
namespace {

struct Reader {
  const std::string* text;
  std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* reader = static_cast<Reader*>(user);
  const std::size_t room = size * count;
  const std::size_t left = reader->text->size() - reader->offset;
  const std::size_t step = left < room ? left : room;
  std::memcpy(buffer, reader->text->data() + reader->offset, step);
  reader->offset += step;
  return step;
}

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

Status SmtpTransport::deliver(const std::string&, const std::vector<std::string>& recipients,
                              const std::string& message) {
  if (recipients.empty()) return invalid_argument("the message has no recipient");
  ASSIGN_OR_RETURN(CurlHandle handle, open_curl(settings_, settings_.url));
  CURL* curl = handle.get();
  const std::string from = "<" + envelope_from_ + ">";
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  std::unique_ptr<curl_slist, SlistFree> to;
  for (const std::string& recipient : recipients) {
    curl_slist* appended = curl_slist_append(to.get(), ("<" + recipient + ">").c_str());
    if (!appended) return internal_error("libcurl could not list the recipients");
    (void)to.release();
    to.reset(appended);
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, to.get());
  Reader reader{&message};
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &read_message);
  curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  const CURLcode sent = curl_easy_perform(curl);
  if (sent == CURLE_OK) return ok_status();
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  return curl_failure("sending by SMTP", sent, reply);
}

}  // namespace conduct::mail
