#include "http/session_cookie.h"

#include "core/text.h"

namespace conduct::http {

std::string cookie_value(const Request& request, const std::string& name) {
  for (const std::string& part : split(request.header("cookie"), ';')) {
    const std::string pair = trim(part);
    const std::size_t equals = pair.find('=');
    if (equals != std::string::npos && pair.substr(0, equals) == name) return pair.substr(equals + 1);
  }
  return "";
}

std::string session_cookie(const std::string& token, bool behind_tls) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (behind_tls ? "; Secure" : "");
}

std::string expired_session_cookie(bool behind_tls) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (behind_tls ? "; Secure" : "");
}

std::string device_cookie(const std::string& token, bool behind_tls) {
  return std::string(kDeviceCookie) + "=" + token + "; Path=/api/session; Max-Age=31536000; HttpOnly; SameSite=Strict" +
         (behind_tls ? "; Secure" : "");
}

bool is_state_changing(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

}  // namespace conduct::http
