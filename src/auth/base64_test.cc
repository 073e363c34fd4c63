#include "auth/base64.h"

#include <gtest/gtest.h>

#include <string>

namespace livegate::auth {
namespace {

TEST(Base64, UrlRoundTripsEveryLength) {
  std::string bytes;
  for (int i = 0; i < 70; ++i) {
    std::string encoded = Base64UrlEncode(bytes);
    EXPECT_EQ(encoded.find_first_of("+/="), std::string::npos);
    EXPECT_EQ(Base64UrlDecode(encoded), bytes);
    bytes.push_back(static_cast<char>(i * 37 + 250));
  }
}

TEST(Base64, UrlDecodesKnownValues) {
  EXPECT_EQ(Base64UrlDecode("eyJhbGciOiJIUzI1NiJ9"), R"({"alg":"HS256"})");
  EXPECT_EQ(Base64UrlDecode("_-8"), "\xff\xef");
  EXPECT_EQ(Base64UrlDecode(""), "");
}

TEST(Base64, UrlRejectsPaddingForeignAndNonCanonicalInput) {
  EXPECT_FALSE(Base64UrlDecode("YQ=="));  // padding
  EXPECT_FALSE(Base64UrlDecode("/+8"));   // standard alphabet
  EXPECT_FALSE(Base64UrlDecode("YQ "));   // whitespace
  EXPECT_FALSE(Base64UrlDecode("Y"));     // a lone character cannot end a byte
  EXPECT_FALSE(Base64UrlDecode("YR"));    // spare bits set: "YQ" is the only spelling of "a"
  EXPECT_FALSE(Base64UrlDecode(std::string("YQ\0", 3)));
}

TEST(Base64, StdDecodesPaddedInput) {
  EXPECT_EQ(Base64Decode("eyJhIjogMX0="), R"({"a": 1})");
  EXPECT_EQ(Base64Decode("YQ=="), "a");
  EXPECT_EQ(Base64Decode("YWI="), "ab");
  EXPECT_EQ(Base64Decode("/+8="), "\xff\xef");
  EXPECT_EQ(Base64Decode(""), "");
}

TEST(Base64, StdRejectsMissingOrMisplacedPadding) {
  EXPECT_FALSE(Base64Decode("YQ"));
  EXPECT_FALSE(Base64Decode("YQ="));
  EXPECT_FALSE(Base64Decode("Y==="));
  EXPECT_FALSE(Base64Decode("===="));
  EXPECT_FALSE(Base64Decode("Y=Q="));
  EXPECT_FALSE(Base64Decode("_-8="));  // url alphabet
}

}  // namespace
}  // namespace livegate::auth
