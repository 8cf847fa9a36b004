#include "crypto/session_token.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace conduct::crypto {
namespace {

TEST(SessionTokenTest, NewSessionsHaveFreshTokensOfTheDocumentedShape) {
  const SessionSecrets a = new_session();
  const SessionSecrets b = new_session();
  EXPECT_EQ(a.token_for_cookie.size(), kSessionTokenLength);
  EXPECT_EQ(a.lookup_id.size(), kLookupIdLength);
  EXPECT_EQ(a.lookup_id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a.session_key.size(), 32u);
  EXPECT_NE(a.token_for_cookie, b.token_for_cookie);
  EXPECT_NE(a.lookup_id, b.lookup_id);
  EXPECT_FALSE(a.session_key == b.session_key);
}

TEST(SessionTokenTest, TheCookieTokenReproducesLookupIdAndKey) {
  const SessionSecrets session = new_session();
  const Result<SessionSecrets> again = session_from_token(session.token_for_cookie);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->token_for_cookie, session.token_for_cookie);
  EXPECT_EQ(again->lookup_id, session.lookup_id);
  EXPECT_TRUE(again->session_key == session.session_key);
}

TEST(SessionTokenTest, LookupIdRevealsNeitherTokenNorKey) {
  const SessionSecrets session = new_session();
  EXPECT_NE(session.lookup_id, session.token_for_cookie);
  EXPECT_EQ(session.lookup_id.find(session.token_for_cookie), std::string::npos);
  const Result<std::string> token_bytes = from_base64(session.token_for_cookie);
  ASSERT_TRUE(token_bytes.ok());
  EXPECT_EQ(session.lookup_id.find(to_hex(*token_bytes)), std::string::npos);
  EXPECT_EQ(session.lookup_id.find(to_hex(session.session_key.view())), std::string::npos);
  EXPECT_NE(to_hex(session.session_key.view()), to_hex(*token_bytes));
}

TEST(SessionTokenTest, MalformedTokensAreInvalidArgument) {
  const std::string good = new_session().token_for_cookie;
  std::string bad_character = good;
  bad_character[5] = '+';
  std::string padded = good.substr(0, 42) + "=";
  std::string nonzero_tail = good.substr(0, 42) + "B";  // 43rd character carries 2 unused bits
  if (good[42] == 'B') nonzero_tail.back() = 'C';
  for (const std::string& token :
       {std::string(), good.substr(1), good + "A", bad_character, padded, std::string(43, ' '), nonzero_tail}) {
    const Result<SessionSecrets> result = session_from_token(token);
    ASSERT_FALSE(result.ok()) << token;
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument) << token;
    EXPECT_EQ(result.error().message, "session token is malformed");
  }
}

TEST(SessionTokenTest, CsrfTokensAreFreshBase64Url) {
  std::set<std::string> seen;
  for (int i = 0; i < 8; ++i) {
    const std::string token = new_csrf_token();
    EXPECT_EQ(token.size(), 43u);
    EXPECT_TRUE(from_base64(token).ok());
    EXPECT_TRUE(seen.insert(token).second) << "repeated token";
  }
}

TEST(SessionTokenTest, SameTokenTable) {
  struct Case {
    std::string a;
    std::string b;
    bool same;
  };
  const Case cases[] = {
      {"abc", "abc", true},
      {"abc", "abd", false},
      {"abc", "ab", false},
      {"ab", "abc", false},
      {"", "", false},  // a missing token never matches a missing token
      {"", "a", false},
      {std::string("a\0b", 3), std::string("a\0c", 3), false},
      {std::string("a\0b", 3), std::string("a\0b", 3), true},
  };
  for (const Case& c : cases) EXPECT_EQ(same_token(c.a, c.b), c.same) << c.a << " / " << c.b;
}

}  // namespace
}  // namespace conduct::crypto
