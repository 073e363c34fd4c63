#include <gtest/gtest.h>

#include "protocol/commands.h"

namespace livegate::protocol {
namespace {

TEST(CommandDecoder, DecodesConnectWithTokenAndSubs) {
  Command c;
  ASSERT_EQ(DecodeCommand(R"({"id":1,"connect":{"token":"t","name":"js","data":{"a":[1,2]},)"
                          R"("subs":{"ch":{"recover":true,"offset":5,"epoch":"e"}}}})",
                          &c),
            DecodeError::kNone);
  EXPECT_EQ(c.id, 1u);
  EXPECT_EQ(c.type, CommandType::kConnect);
  EXPECT_EQ(c.connect.token, "t");
  EXPECT_EQ(c.connect.data, R"({"a":[1,2]})");
  ASSERT_EQ(c.connect.subs.count("ch"), 1u);
  EXPECT_TRUE(c.connect.subs["ch"].recover);
  EXPECT_EQ(c.connect.subs["ch"].offset, 5u);
}

TEST(CommandDecoder, DecodesSubscribePublishRpcHistory) {
  Command c;
  ASSERT_EQ(DecodeCommand(R"({"id":2,"subscribe":{"channel":"a","recover":true,"offset":9}})", &c),
            DecodeError::kNone);
  EXPECT_EQ(c.type, CommandType::kSubscribe);
  EXPECT_EQ(c.subscribe.channel, "a");
  EXPECT_EQ(c.subscribe.offset, 9u);
  Command p;
  ASSERT_EQ(DecodeCommand(R"({"id":3,"publish":{"channel":"a","data":"text"}})", &p),
            DecodeError::kNone);
  EXPECT_EQ(p.data, R"("text")");
  Command r;
  ASSERT_EQ(DecodeCommand(R"({"id":4,"rpc":{"method":"m"}})", &r), DecodeError::kNone);
  EXPECT_EQ(r.method, "m");
  EXPECT_EQ(r.data, "");
  Command h;
  ASSERT_EQ(
      DecodeCommand(
          R"({"id":5,"history":{"channel":"a","limit":-1,"since":{"offset":3,"epoch":"x"},"reverse":true}})",
          &h),
      DecodeError::kNone);
  EXPECT_EQ(h.history.limit, -1);
  ASSERT_TRUE(h.history.since.has_value());
  EXPECT_EQ(h.history.since->epoch, "x");
}

TEST(CommandDecoder, EmptyObjectAndIdZeroArePongs) {
  Command c;
  ASSERT_EQ(DecodeCommand("{}", &c), DecodeError::kNone);
  EXPECT_EQ(c.type, CommandType::kPong);
  Command d;
  ASSERT_EQ(DecodeCommand(R"({"subscribe":{"channel":"x"}})", &d), DecodeError::kNone);
  EXPECT_EQ(d.type, CommandType::kPong);
  Command s;
  ASSERT_EQ(DecodeCommand(R"({"send":{"data":{}}})", &s), DecodeError::kNone);
  EXPECT_EQ(s.type, CommandType::kSend);
}

TEST(CommandDecoder, RejectsMalformedInput) {
  Command c;
  EXPECT_EQ(DecodeCommand("", &c), DecodeError::kMalformedJson);
  EXPECT_EQ(DecodeCommand("[1]", &c), DecodeError::kMalformedJson);
  EXPECT_EQ(DecodeCommand(R"({"id":1,"connect":)", &c), DecodeError::kMalformedJson);
  EXPECT_EQ(DecodeCommand(R"({"id":-1})", &c), DecodeError::kBadField);
  EXPECT_EQ(DecodeCommand(R"({"id":"1"})", &c), DecodeError::kBadField);
  EXPECT_EQ(DecodeCommand(R"({"id":1,"subscribe":{"channel":5}})", &c), DecodeError::kBadField);
  EXPECT_EQ(DecodeCommand(R"({"id":1,"subscribe":"x"})", &c), DecodeError::kBadField);
  EXPECT_EQ(DecodeCommand(R"({"id":1,"bogus":{}})", &c), DecodeError::kUnknownCommand);
  EXPECT_EQ(DecodeCommand(R"({"id":4294967296})", &c), DecodeError::kBadField);
}

}  // namespace
}  // namespace livegate::protocol
