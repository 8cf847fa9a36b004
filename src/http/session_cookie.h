// The session cookie and the CSRF check (docs/security.md "Web"). The cookie holds the
// session token and nothing else: HttpOnly, SameSite=Strict, Path=/, Secure behind
// TLS. Every state-changing request of a signed-in member carries the session's CSRF
// token in the X-CSRF-Token header.
#pragma once

#include <string>

#include "http/request.h"

namespace conduct::http {

inline constexpr const char* kSessionCookie = "conduct_session";
inline constexpr const char* kCsrfHeader = "x-csrf-token";
// The device cookie (app::issue_device_token), sent only with sign-ins, kept a year.
inline constexpr const char* kDeviceCookie = "conduct_device";

// The value of cookie `name` in the request's Cookie header, or empty.
std::string cookie_value(const Request& request, const std::string& name);

// Set-Cookie values that start and end a session.
std::string session_cookie(const std::string& token, bool behind_tls);
std::string expired_session_cookie(bool behind_tls);
std::string device_cookie(const std::string& token, bool behind_tls);

// Whether the method changes state (everything but GET, HEAD and OPTIONS).
bool is_state_changing(const std::string& method);

}  // namespace conduct::http
