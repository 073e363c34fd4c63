#include "api/glob.h"

#include <gtest/gtest.h>

namespace livegate {
namespace {

TEST(GlobMatch, StarsQuestionMarksAndEscapes) {
  EXPECT_TRUE(GlobMatch("*", "anything"));
  EXPECT_TRUE(GlobMatch("chat:*", "chat:room"));
  EXPECT_FALSE(GlobMatch("chat:*", "news:room"));
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("a?c", "ac"));
  EXPECT_TRUE(GlobMatch("*room*", "chat:room:1"));
  EXPECT_TRUE(GlobMatch("a\\*", "a*"));
  EXPECT_FALSE(GlobMatch("a\\*", "ab"));
  EXPECT_TRUE(GlobMatch("", ""));
  EXPECT_FALSE(GlobMatch("", "x"));
}

}  // namespace
}  // namespace livegate
