#include "protocol/push_encoder.h"

#include <gtest/gtest.h>

namespace livegate::protocol {
namespace {

TEST(PushEncoder, PublicationPushEmbedsRawJson) {
  Publication p{R"({"a":1})", ClientInfo{"u", "c", "", R"({"x":true})"}, 7, {{"k", "v"}}, {}};
  EXPECT_EQ(EncodePublicationPush("news", p),
            R"({"push":{"channel":"news","pub":{"data":{"a":1},"info":{"user":"u","client":"c",)"
            R"("chan_info":{"x":true}},"offset":7,"tags":{"k":"v"}}}})");
}

TEST(PushEncoder, OmitsZeroValues) {
  Publication p{"1", std::nullopt, 0, {}, {}};
  EXPECT_EQ(EncodePublicationPush("c", p), R"({"push":{"channel":"c","pub":{"data":1}}})");
}

TEST(PushEncoder, EscapesStrings) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\n\x01");
  EXPECT_EQ(out, R"("a\"b\\c\n\u0001")");
}

TEST(PushEncoder, DeltaSubscriptionsGetDataAsString) {
  Publication p{R"({"a":"x"})", std::nullopt, 3, {}, "5\n2@0,3:\"y\"3AB;"};
  EXPECT_EQ(EncodePublicationPush("c", p, PublicationForm::kString),
            R"({"push":{"channel":"c","pub":{"data":"{\"a\":\"x\"}","offset":3}}})");
  EXPECT_EQ(
      EncodePublicationPush("c", p, PublicationForm::kDelta),
      R"({"push":{"channel":"c","pub":{"data":"5\n2@0,3:\"y\"3AB;","delta":true,"offset":3}}})");
}

TEST(PushEncoder, ErrorsAndEmptyReplies) {
  EXPECT_EQ(EncodeErrorReply(3, kErrorPermissionDenied),
            R"({"id":3,"error":{"code":103,"message":"permission denied"}})");
  EXPECT_EQ(EncodeErrorReply(4, kErrorInternal),
            R"({"id":4,"error":{"code":100,"message":"internal server error","temporary":true}})");
  EXPECT_EQ(EncodeEmptyReply(5, "publish"), R"({"id":5,"publish":{}})");
  EXPECT_EQ(
      EncodeUnsubscribePush("c", 2000, "server unsubscribe"),
      R"({"push":{"channel":"c","unsubscribe":{"code":2000,"reason":"server unsubscribe"}}})");
}

TEST(PushEncoder, DisconnectPushAndUnwrapping) {
  std::string push = EncodeDisconnectPush(3001, "shutdown", true);
  EXPECT_EQ(push, R"({"push":{"disconnect":{"code":3001,"reason":"shutdown","reconnect":true}}})");
  EXPECT_EQ(UnwrapPush(push),
            R"({"disconnect":{"code":3001,"reason":"shutdown","reconnect":true}})");
  EXPECT_EQ(UnwrapPush(kPingMessage), "{}");
  EXPECT_EQ(UnwrapPush(R"({"id":1,"connect":{}})"), R"({"id":1,"connect":{}})");
  EXPECT_EQ(UnwrapPush(R"({"push":})"), R"({"push":})");
}

}  // namespace
}  // namespace livegate::protocol
