#include "transport/origin_check.h"

#include <gtest/gtest.h>

namespace livegate {
namespace {

TEST(OriginAllowed, SameHostByDefault) {
  EXPECT_TRUE(OriginAllowed({}, "http://example.com:8000", "example.com:8000"));
  EXPECT_FALSE(OriginAllowed({}, "http://evil.com", "example.com:8000"));
  EXPECT_FALSE(OriginAllowed({}, "null", "example.com"));
}

TEST(OriginAllowed, ConfiguredListAndWildcard) {
  EXPECT_TRUE(OriginAllowed({"https://app.example.com"}, "https://APP.example.com", "x"));
  EXPECT_FALSE(OriginAllowed({"https://app.example.com"}, "https://example.com", "example.com"));
  EXPECT_TRUE(OriginAllowed({"*"}, "https://anything", "x"));
}

}  // namespace
}  // namespace livegate
