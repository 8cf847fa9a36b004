#include "mail/curl_session.h"

#include <curl/curl.h>

#include <mutex>

namespace conduct::mail {

void CurlCleanup::operator()(CURL* handle) const {
  if (handle) curl_easy_cleanup(handle);
}

namespace {

void apply_settings(CURL* curl, const ServerSettings& settings, const std::string& url) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings.timeout_seconds * 4);
  if (!settings.username.empty()) curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
  if (!settings.password.empty()) curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
  curl_easy_setopt(curl, CURLOPT_USE_SSL, settings.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
}

}  // namespace

Result<CurlHandle> open_curl(const ServerSettings& settings, const std::string& url) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CurlHandle handle(curl_easy_init());
  if (!handle) return internal_error("libcurl could not make a handle");
  apply_settings(handle.get(), settings, url);
  return handle;
}

void reconfigure_curl(CURL* handle, const ServerSettings& settings, const std::string& url) {
  curl_easy_reset(handle);
  apply_settings(handle, settings, url);
}

Error curl_failure(const char* step, int curl_code, long reply_code) {
  const auto code = static_cast<CURLcode>(curl_code);
  std::string what = std::string(step) + ": " + curl_easy_strerror(code);
  if (reply_code > 0) what += " (reply " + std::to_string(reply_code) + ")";
  const bool refused_for_good = code == CURLE_LOGIN_DENIED || reply_code >= 500 || code == CURLE_REMOTE_ACCESS_DENIED ||
                                code == CURLE_USE_SSL_FAILED;
  return refused_for_good ? invalid_argument(what) : unavailable(what);
}

}  // namespace conduct::mail
