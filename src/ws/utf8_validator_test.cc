#include "ws/utf8_validator.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace livegate::ws {
namespace {

// The shortest UTF-8 form of a code point, written out by hand as the reference.
std::string Encode(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

TEST(Utf8Validator, AcceptsAsciiAndEmpty) {
  EXPECT_TRUE(Utf8Validator::IsValid(""));
  EXPECT_TRUE(Utf8Validator::IsValid("{\"method\":\"subscribe\",\"channel\":\"news\"}"));
}

TEST(Utf8Validator, AcceptsMultiByteSequences) {
  EXPECT_TRUE(Utf8Validator::IsValid("\xC3\xA9"));          // é
  EXPECT_TRUE(Utf8Validator::IsValid("\xE2\x82\xAC"));      // €
  EXPECT_TRUE(Utf8Validator::IsValid("\xF0\x9F\x98\x80"));  // 😀
  EXPECT_TRUE(Utf8Validator::IsValid("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Utf8Validator, RejectsOverlongForms) {
  EXPECT_FALSE(Utf8Validator::IsValid("\xC0\xAF"));
  EXPECT_FALSE(Utf8Validator::IsValid("\xC1\xBF"));
  EXPECT_FALSE(Utf8Validator::IsValid("\xE0\x80\xAF"));
  EXPECT_FALSE(Utf8Validator::IsValid("\xF0\x80\x80\xAF"));
}

TEST(Utf8Validator, RejectsSurrogates) {
  EXPECT_FALSE(Utf8Validator::IsValid("\xED\xA0\x80"));
  EXPECT_FALSE(Utf8Validator::IsValid("\xED\xBF\xBF"));
  EXPECT_TRUE(Utf8Validator::IsValid("\xED\x9F\xBF"));  // U+D7FF
}

TEST(Utf8Validator, RejectsCodePointsAbove10FFFF) {
  EXPECT_FALSE(Utf8Validator::IsValid("\xF4\x90\x80\x80"));
  EXPECT_FALSE(Utf8Validator::IsValid("\xF5\x80\x80\x80"));
  EXPECT_FALSE(Utf8Validator::IsValid("\xFF"));
}

TEST(Utf8Validator, RejectsStrayContinuationAndBadContinuation) {
  EXPECT_FALSE(Utf8Validator::IsValid("\x80"));
  EXPECT_FALSE(Utf8Validator::IsValid("a\xBF"));
  EXPECT_FALSE(Utf8Validator::IsValid("\xC3("));
  EXPECT_FALSE(Utf8Validator::IsValid("\xE2\x82("));
}

TEST(Utf8Validator, TruncatedSequenceIsNotComplete) {
  Utf8Validator v;
  EXPECT_TRUE(v.Feed("abc\xF0\x9F\x98"));
  EXPECT_FALSE(v.Complete());
}

TEST(Utf8Validator, ValidatesAcrossFeeds) {
  const std::string text = "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80 0123456789abcdef!";
  for (size_t split = 0; split <= text.size(); ++split) {
    Utf8Validator v;
    EXPECT_TRUE(v.Feed(std::string_view(text).substr(0, split)));
    EXPECT_TRUE(v.Feed(std::string_view(text).substr(split)));
    EXPECT_TRUE(v.Complete()) << split;
  }
  Utf8Validator bytewise;
  for (char c : text) EXPECT_TRUE(bytewise.Feed(std::string_view(&c, 1)));
  EXPECT_TRUE(bytewise.Complete());
}

TEST(Utf8Validator, RejectionIsStickyUntilReset) {
  Utf8Validator v;
  EXPECT_FALSE(v.Feed("\xC0"));
  EXPECT_FALSE(v.Feed("abc"));
  EXPECT_FALSE(v.Complete());
  v.Reset();
  EXPECT_TRUE(v.Feed("abc"));
  EXPECT_TRUE(v.Complete());
}

TEST(Utf8Validator, FindsInvalidByteAfterLongAscii) {
  std::string s(1000, 'x');
  EXPECT_TRUE(Utf8Validator::IsValid(s));
  for (size_t pos : {0, 7, 8, 9, 500, 999}) {
    std::string bad = s;
    bad[pos] = '\xFE';
    EXPECT_FALSE(Utf8Validator::IsValid(bad)) << pos;
  }
}

TEST(Utf8Validator, AgreesWithReferenceForEveryCodePoint) {
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    ASSERT_EQ(Utf8Validator::IsValid(Encode(cp)), !surrogate) << std::hex << cp;
  }
}

}  // namespace
}  // namespace livegate::ws
