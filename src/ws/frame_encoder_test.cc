#include "ws/frame_encoder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ws/client_frame_encoder.h"
#include "ws/close_payload.h"
#include "ws/frame_decoder.h"
#include "ws/utf8_validator.h"

namespace livegate::ws {
namespace {

std::vector<uint8_t> Header(Opcode op, uint64_t len) {
  uint8_t out[kMaxFrameHeaderBytes];
  size_t n = EncodeFrameHeader(op, len, out);
  return {out, out + n};
}

TEST(FrameEncoder, HeaderSizesFollowPayloadLength) {
  EXPECT_EQ(Header(Opcode::kText, 0), (std::vector<uint8_t>{0x81, 0}));
  EXPECT_EQ(Header(Opcode::kText, 125), (std::vector<uint8_t>{0x81, 125}));
  EXPECT_EQ(Header(Opcode::kText, 126), (std::vector<uint8_t>{0x81, 126, 0, 126}));
  EXPECT_EQ(Header(Opcode::kBinary, 65535), (std::vector<uint8_t>{0x82, 126, 0xFF, 0xFF}));
  EXPECT_EQ(Header(Opcode::kText, 65536),
            (std::vector<uint8_t>{0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(Header(Opcode::kPong, 0x0102030405060708ULL),
            (std::vector<uint8_t>{0x8A, 127, 1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(FrameEncoder, EncodesUnmaskedFinalFrame) {
  EXPECT_EQ(EncodeFrame(Opcode::kText, "hi"), std::string("\x81\x02hi", 4));
  EXPECT_EQ(EncodeFrame(Opcode::kPing, ""), std::string("\x89\x00", 2));
  EXPECT_EQ(EncodeFrame(Opcode::kText, std::string(300, 'a')).size(), 4u + 300);
}

TEST(FrameEncoder, EncodesCloseFrameWithCodeAndReason) {
  EXPECT_EQ(EncodeCloseFrame(3008, "slow"), std::string("\x88\x06\x0B\xC0slow", 8));
}

TEST(FrameEncoder, TruncatesCloseReasonAtUtf8Boundary) {
  std::string reason(122, 'r');
  reason += "\xE2\x82\xAC";  // € straddles byte 123
  std::string frame = EncodeCloseFrame(1000, reason);
  ASSERT_EQ(frame.size(), 2u + 2 + 122);
  std::string_view kept = std::string_view(frame).substr(4);
  EXPECT_TRUE(Utf8Validator::IsValid(kept));

  std::string exact(123, 'r');
  EXPECT_EQ(EncodeCloseFrame(1000, exact + "tail").size(), 2u + 125);
}

TEST(ClientFrameEncoder, MaskedFrameDecodesToPayload) {
  std::string frame = EncodeMaskedFrame(Opcode::kText, "hello", 0x37FA213D);
  // RFC 6455 §5.7 example: a masked "Hello" with this key.
  EXPECT_EQ(EncodeMaskedFrame(Opcode::kText, "Hello", 0x37FA213D),
            std::string("\x81\x85\x37\xFA\x21\x3D\x7F\x9F\x4D\x51\x58", 11));
  FrameDecoder decoder;
  std::string got;
  auto result = decoder.Decode(frame, [&](const Message& m) {
    got.assign(m.payload.data(), m.payload.size());
    return true;
  });
  EXPECT_EQ(result.consumed, frame.size());
  EXPECT_EQ(got, "hello");
}

TEST(ClientFrameEncoder, SetsFinAndReservedBits) {
  std::string frame = EncodeMaskedFrame(Opcode::kContinuation, "", 0, false, 0x5);
  EXPECT_EQ(static_cast<uint8_t>(frame[0]), 0x50);
  EXPECT_EQ(static_cast<uint8_t>(frame[1]), 0x80);
}

}  // namespace
}  // namespace livegate::ws
