#include "transport/connect_params.h"

#include <gtest/gtest.h>

namespace livegate {
namespace {

TEST(ConnectParams, DecodesConnectRequestAndChannels) {
  ConnectParams p;
  ASSERT_TRUE(ParseConnectParams(
      "cf_connect=%7B%22token%22%3A%22a+b%22%7D&channel=news&other=1&channel=chat%3Aroom", &p));
  ASSERT_TRUE(p.cf_connect);
  EXPECT_EQ(*p.cf_connect, R"({"token":"a b"})");
  EXPECT_EQ(p.channels, (std::vector<std::string>{"news", "chat:room"}));
}

TEST(ConnectParams, EmptyAndValuelessParameters) {
  ConnectParams p;
  EXPECT_TRUE(ParseConnectParams("", &p));
  EXPECT_FALSE(p.cf_connect);
  EXPECT_TRUE(ParseConnectParams("cf_connect&&channel=", &p));
  EXPECT_EQ(p.cf_connect, "");
  EXPECT_EQ(p.channels, std::vector<std::string>{""});
}

TEST(ConnectParams, RejectsBadPercentEncoding) {
  for (std::string_view bad : {"cf_connect=%ZZ", "cf_connect=%7", "channel=a%", "%zz=1"}) {
    ConnectParams p;
    EXPECT_FALSE(ParseConnectParams(bad, &p)) << bad;
  }
}

}  // namespace
}  // namespace livegate
