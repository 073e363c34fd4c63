#include "ws/close_payload.h"

#include <gtest/gtest.h>

#include <string>

namespace livegate::ws {
namespace {

std::string Payload(uint16_t code, std::string_view reason) {
  std::string p{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
  return p.append(reason);
}

TEST(CloseCode, AcceptsOnlyCodesAPeerMaySend) {
  for (uint16_t code :
       {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1014, 3000, 4999}) {
    EXPECT_TRUE(IsValidPeerCloseCode(code)) << code;
  }
  for (uint16_t code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535}) {
    EXPECT_FALSE(IsValidPeerCloseCode(code)) << code;
  }
}

TEST(ClosePayload, EmptyPayloadMeansNoStatus) {
  auto parsed = ParseClosePayload({});
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->code, kNoStatusReceived);
  EXPECT_EQ(parsed->reason, "");
}

TEST(ClosePayload, ParsesCodeAndReason) {
  std::string p = Payload(3001, "shutdown");
  auto parsed = ParseClosePayload(p);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->code, 3001);
  EXPECT_EQ(parsed->reason, "shutdown");
  EXPECT_EQ(ParseClosePayload(Payload(1000, ""))->code, 1000);
}

TEST(ClosePayload, RejectsOneBytePayload) {
  EXPECT_EQ(CheckClosePayload(std::string("\x03")), CloseCode::kProtocolError);
  EXPECT_FALSE(ParseClosePayload(std::string("\x03")));
}

TEST(ClosePayload, RejectsCodeNotValidToSend) {
  EXPECT_EQ(CheckClosePayload(Payload(1005, "")), CloseCode::kProtocolError);
  EXPECT_EQ(CheckClosePayload(Payload(999, "x")), CloseCode::kProtocolError);
  EXPECT_FALSE(ParseClosePayload(Payload(1006, "")));
}

TEST(ClosePayload, RejectsReasonThatIsNotUtf8) {
  EXPECT_EQ(CheckClosePayload(Payload(1000, "\xC0\xAF")), CloseCode::kInvalidPayload);
  EXPECT_FALSE(ParseClosePayload(Payload(1000, "\xED\xA0\x80")));
}

}  // namespace
}  // namespace livegate::ws
