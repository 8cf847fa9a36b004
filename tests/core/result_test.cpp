#include "core/result.h"

#include <gtest/gtest.h>

namespace conduct {
namespace {

Result<int> half(int value) {
  if (value % 2 != 0) return invalid_argument("odd");
  return value / 2;
}

Result<int> quarter(int value) {
  ASSIGN_OR_RETURN(const int halved, half(value));
  ASSIGN_OR_RETURN(const int quartered, half(halved));
  return quartered;
}

Status check_even(int value) {
  TRY(half(value));
  return ok_status();
}

TEST(ResultTest, PropagatesTheFirstErrorUnchanged) {
  EXPECT_EQ(*quarter(12), 3);
  const Result<int> failed = quarter(6);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(failed.error().message, "odd");
  EXPECT_TRUE(check_even(4).ok());
  EXPECT_EQ(check_even(5).error().code, ErrorCode::InvalidArgument);
}

TEST(ResultTest, NamesEveryErrorCode) {
  EXPECT_STREQ(error_code_name(ErrorCode::InvalidArgument), "invalid_argument");
  EXPECT_STREQ(error_code_name(ErrorCode::Unauthenticated), "unauthenticated");
  EXPECT_STREQ(error_code_name(ErrorCode::PermissionDenied), "permission_denied");
  EXPECT_STREQ(error_code_name(ErrorCode::NotFound), "not_found");
  EXPECT_STREQ(error_code_name(ErrorCode::AlreadyExists), "already_exists");
  EXPECT_STREQ(error_code_name(ErrorCode::FailedPrecondition), "failed_precondition");
  EXPECT_STREQ(error_code_name(ErrorCode::ResourceExhausted), "resource_exhausted");
  EXPECT_STREQ(error_code_name(ErrorCode::Internal), "internal");
}

TEST(ResultTest, FieldErrorNamesItsField) {
  const Error error = field_error("email", "is required");
  EXPECT_EQ(error.code, ErrorCode::InvalidArgument);
  EXPECT_EQ(error.fields.at("email"), "is required");
  EXPECT_EQ(error.message, "email: is required");
}

}  // namespace
}  // namespace conduct
