#include "ws/frame_decoder.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "ws/client_frame_encoder.h"
#include "ws/frame_encoder.h"

namespace livegate::ws {
namespace {

constexpr uint32_t kKey = 0xA1B2C3D4;

using Got = std::vector<std::pair<Opcode, std::string>>;

struct Outcome {
  Got messages;
  std::optional<CloseCode> error;
  size_t consumed = 0;
};

std::string Frame(Opcode op, std::string_view payload, bool fin = true, uint8_t rsv = 0) {
  return EncodeMaskedFrame(op, payload, kKey, fin, rsv);
}

std::string Text(std::string_view payload, bool fin = true) {
  return Frame(Opcode::kText, payload, fin);
}

std::string Cont(std::string_view payload, bool fin = true) {
  return Frame(Opcode::kContinuation, payload, fin);
}

// Decodes all of `bytes` in one call.
Outcome DecodeOnce(FrameDecoder& decoder, std::string bytes) {
  Outcome out;
  auto result = decoder.Decode(bytes, [&](const Message& m) {
    out.messages.emplace_back(m.opcode, std::string(m.payload.data(), m.payload.size()));
    return true;
  });
  out.error = result.error;
  out.consumed = result.consumed;
  return out;
}

Outcome DecodeOnce(std::string bytes, DecoderLimits limits = {}) {
  FrameDecoder decoder(limits);
  return DecodeOnce(decoder, std::move(bytes));
}

// Feeds `bytes` in pieces of `step` bytes the way a connection does: the unconsumed tail is
// kept and the next read is appended to it.
Outcome DecodeInSteps(std::string_view bytes, size_t step, DecoderLimits limits = {}) {
  FrameDecoder decoder(limits);
  Outcome out;
  std::string carry;
  for (size_t pos = 0; pos < bytes.size() && !out.error; pos += step) {
    std::string buffer = carry;
    buffer.append(bytes.substr(pos, step));
    auto result = decoder.Decode(buffer, [&](const Message& m) {
      out.messages.emplace_back(m.opcode, std::string(m.payload.data(), m.payload.size()));
      return true;
    });
    out.error = result.error;
    out.consumed += result.consumed;
    carry = buffer.substr(result.consumed);
  }
  return out;
}

std::optional<CloseCode> ErrorOf(std::string bytes, DecoderLimits limits = {}) {
  return DecodeOnce(std::move(bytes), limits).error;
}

std::string ClosePayload(uint16_t code, std::string_view reason) {
  std::string p{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
  return p.append(reason);
}

TEST(FrameDecoder, DecodesMaskedTextFrame) {
  Outcome out = DecodeOnce(Text("hello"));
  EXPECT_FALSE(out.error);
  EXPECT_EQ(out.consumed, Text("hello").size());
  EXPECT_EQ(out.messages, (Got{{Opcode::kText, "hello"}}));
}

TEST(FrameDecoder, UnfragmentedPayloadPointsIntoInput) {
  std::string bytes = Text("zero copy");
  FrameDecoder decoder;
  const char* payload = nullptr;
  decoder.Decode(bytes, [&](const Message& m) {
    payload = m.payload.data();
    return true;
  });
  EXPECT_EQ(payload, bytes.data() + 6);
  EXPECT_EQ(bytes.substr(6), "zero copy");  // unmasked in place
}

TEST(FrameDecoder, RejectsUnmaskedFrame) {
  EXPECT_EQ(ErrorOf(EncodeFrame(Opcode::kText, "hi")), CloseCode::kProtocolError);
}

TEST(FrameDecoder, RejectsReservedBits) {
  for (uint8_t rsv : {1, 2, 4}) {
    EXPECT_EQ(ErrorOf(Frame(Opcode::kText, "hi", true, rsv)), CloseCode::kProtocolError);
  }
}

TEST(FrameDecoder, RejectsReservedOpcodes) {
  for (uint8_t op : {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}) {
    EXPECT_EQ(ErrorOf(Frame(static_cast<Opcode>(op), "")), CloseCode::kProtocolError) << +op;
  }
}

TEST(FrameDecoder, RejectsControlFrameOver125Bytes) {
  EXPECT_FALSE(ErrorOf(Frame(Opcode::kPing, std::string(125, 'p'))));
  EXPECT_EQ(ErrorOf(Frame(Opcode::kPing, std::string(126, 'p'))), CloseCode::kProtocolError);
}

TEST(FrameDecoder, RejectsFragmentedControlFrame) {
  EXPECT_EQ(ErrorOf(Frame(Opcode::kPing, "x", false)), CloseCode::kProtocolError);
}

TEST(FrameDecoder, RejectsContinuationWithoutMessage) {
  EXPECT_EQ(ErrorOf(Cont("x")), CloseCode::kProtocolError);
  EXPECT_EQ(ErrorOf(Text("done") + Cont("x")), CloseCode::kProtocolError);
}

TEST(FrameDecoder, RejectsNewMessageDuringFragmentedMessage) {
  EXPECT_EQ(ErrorOf(Text("a", false) + Text("b")), CloseCode::kProtocolError);
  DecoderLimits binary_ok{.text_only = false};
  EXPECT_EQ(ErrorOf(Text("a", false) + Frame(Opcode::kBinary, "b"), binary_ok),
            CloseCode::kProtocolError);
}

TEST(FrameDecoder, RejectsLengthWithMostSignificantBitSet) {
  std::string header("\x81\xFF\x80\x00\x00\x00\x00\x00\x00\x00", 10);
  EXPECT_EQ(ErrorOf(header), CloseCode::kProtocolError);
}

TEST(FrameDecoder, RejectsNonMinimalLength) {
  std::string short_in_16 = std::string("\x81\xFE\x00\x7D", 4) + "MASK" + std::string(125, 'x');
  EXPECT_EQ(ErrorOf(short_in_16), CloseCode::kProtocolError);
  std::string short_in_64("\x81\xFF\x00\x00\x00\x00\x00\x00\xFF\xFF", 10);
  EXPECT_EQ(ErrorOf(short_in_64), CloseCode::kProtocolError);
}

TEST(FrameDecoder, RejectsDeclaredLengthOverLimitBeforePayload) {
  // Only the header of a 1 GiB frame: it fails at once, nothing is consumed or buffered.
  std::string header("\x81\xFF\x00\x00\x00\x00\x40\x00\x00\x00", 10);
  Outcome out = DecodeOnce(header);
  EXPECT_EQ(out.error, CloseCode::kMessageTooBig);
  EXPECT_EQ(out.consumed, 0u);
}

TEST(FrameDecoder, RejectsFragmentedMessageOverLimit) {
  DecoderLimits limits{.max_message_bytes = 10};
  EXPECT_FALSE(ErrorOf(Text("12345", false) + Cont("67890"), limits));
  EXPECT_EQ(ErrorOf(Text("12345", false) + Cont("67890", false) + Cont("x"), limits),
            CloseCode::kMessageTooBig);
  EXPECT_EQ(ErrorOf(Text("12345678901"), limits), CloseCode::kMessageTooBig);
  // Control frames do not count towards the message.
  EXPECT_FALSE(
      ErrorOf(Text("1234567890", false) + Frame(Opcode::kPing, "ping") + Cont(""), limits));
}

TEST(FrameDecoder, RejectsInvalidUtf8Text) {
  EXPECT_EQ(ErrorOf(Text("\xC0\xAF")), CloseCode::kInvalidPayload);
}

TEST(FrameDecoder, RejectsBinaryWhenTextOnly) {
  EXPECT_EQ(ErrorOf(Frame(Opcode::kBinary, "\x01\x02")), CloseCode::kUnsupportedData);
}

TEST(FrameDecoder, DeliversBinaryWhenAllowed) {
  Outcome out = DecodeOnce(Frame(Opcode::kBinary, std::string("\xFF\x00", 2), false) + Cont("\xC0"),
                           DecoderLimits{.text_only = false});
  EXPECT_FALSE(out.error);
  EXPECT_EQ(out.messages, (Got{{Opcode::kBinary, std::string("\xFF\x00\xC0", 3)}}));
}

TEST(FrameDecoder, RejectsOneByteClosePayload) {
  EXPECT_EQ(ErrorOf(Frame(Opcode::kClose, "\x03")), CloseCode::kProtocolError);
}

TEST(FrameDecoder, RejectsCloseCodeNotValidToSend) {
  for (uint16_t code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 5000}) {
    EXPECT_EQ(ErrorOf(Frame(Opcode::kClose, ClosePayload(code, ""))), CloseCode::kProtocolError)
        << code;
  }
}

TEST(FrameDecoder, RejectsCloseReasonThatIsNotUtf8) {
  EXPECT_EQ(ErrorOf(Frame(Opcode::kClose, ClosePayload(1000, "\xED\xA0\x80"))),
            CloseCode::kInvalidPayload);
}

TEST(FrameDecoder, DeliversValidCloseFrames) {
  Outcome out = DecodeOnce(Frame(Opcode::kClose, "") +
                           Frame(Opcode::kClose, ClosePayload(3000, "bye \xE2\x82\xAC")));
  EXPECT_FALSE(out.error);
  ASSERT_EQ(out.messages.size(), 2u);
  EXPECT_EQ(out.messages[1].second, ClosePayload(3000, "bye \xE2\x82\xAC"));
  auto parsed = ParseClosePayload(out.messages[1].second);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->code, 3000);
}

TEST(FrameDecoder, ReassemblesFragmentedTextWithInterleavedPing) {
  FrameDecoder decoder;
  std::string bytes =
      Text("Hel", false) + Cont("lo, ", false) + Frame(Opcode::kPing, "p") + Cont("world");
  Outcome out = DecodeOnce(decoder, bytes);
  EXPECT_FALSE(out.error);
  EXPECT_EQ(out.consumed, bytes.size());
  EXPECT_EQ(out.messages, (Got{{Opcode::kPing, "p"}, {Opcode::kText, "Hello, world"}}));
  EXPECT_FALSE(decoder.InMessage());
  EXPECT_TRUE(decoder.FragmentsForTest().empty());
}

TEST(FrameDecoder, InMessageTracksFragmentedMessage) {
  FrameDecoder decoder;
  DecodeOnce(decoder, Text("a", false));
  EXPECT_TRUE(decoder.InMessage());
  DecodeOnce(decoder, Cont("b", false));
  EXPECT_TRUE(decoder.InMessage());
  Outcome out = DecodeOnce(decoder, Cont("c"));
  EXPECT_FALSE(decoder.InMessage());
  EXPECT_EQ(out.messages, (Got{{Opcode::kText, "abc"}}));
}

TEST(FrameDecoder, DeliversMessageOfEmptyFragments) {
  Outcome out = DecodeOnce(Text("", false) + Cont("", false) + Cont(""));
  EXPECT_EQ(out.messages, (Got{{Opcode::kText, ""}}));
}

TEST(FrameDecoder, AcceptsUtf8SplitAcrossFragments) {
  Outcome out = DecodeOnce(Text("smile \xF0\x9F", false) + Cont("\x98", false) + Cont("\x80!"));
  EXPECT_FALSE(out.error);
  EXPECT_EQ(out.messages, (Got{{Opcode::kText, "smile \xF0\x9F\x98\x80!"}}));
}

TEST(FrameDecoder, RejectsInvalidUtf8SplitAcrossFragments) {
  // The bad continuation fails in its own fragment, before the message is complete.
  EXPECT_EQ(ErrorOf(Text("\xF0\x9F", false) + Cont("(", false)), CloseCode::kInvalidPayload);
  EXPECT_EQ(ErrorOf(Text("\xED", false) + Cont("\xA0\x80")), CloseCode::kInvalidPayload);
}

TEST(FrameDecoder, RejectsUtf8SequenceLeftOpenAtMessageEnd) {
  EXPECT_EQ(ErrorOf(Text("ok \xE2\x82", false) + Cont("")), CloseCode::kInvalidPayload);
  EXPECT_EQ(ErrorOf(Text("ok \xE2\x82")), CloseCode::kInvalidPayload);
}

TEST(FrameDecoder, DecodesSeveralFramesInOneBuffer) {
  std::string bytes = Text("one") + Frame(Opcode::kPong, "") + Text("two") + Text("three");
  Outcome out = DecodeOnce(bytes);
  EXPECT_EQ(out.consumed, bytes.size());
  EXPECT_EQ(out.messages, (Got{{Opcode::kText, "one"},
                               {Opcode::kPong, ""},
                               {Opcode::kText, "two"},
                               {Opcode::kText, "three"}}));
}

TEST(FrameDecoder, LeavesPartialFrameUnconsumed) {
  std::string first = Text("first");
  std::string partial = Text("second").substr(0, 9);
  std::string bytes = first + partial;
  FrameDecoder decoder;
  int calls = 0;
  auto result = decoder.Decode(bytes, [&](const Message&) { return ++calls > 0; });
  EXPECT_FALSE(result.error);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result.consumed, first.size());
  EXPECT_EQ(bytes.substr(first.size()), partial);  // left masked for the next call
}

TEST(FrameDecoder, ByteByByteFeedingGivesSameMessages) {
  std::string bytes = Text("alpha") + Text("fr\xC3", false) + Frame(Opcode::kPing, "ping") +
                      Cont("\xA9", false) + Cont("d") + Text(std::string(300, 'L')) +
                      Frame(Opcode::kClose, ClosePayload(1000, "done"));
  Outcome whole = DecodeOnce(bytes);
  ASSERT_FALSE(whole.error);
  ASSERT_EQ(whole.messages.size(), 5u);
  for (size_t step : {1, 2, 3, 7, 64}) {
    Outcome split = DecodeInSteps(bytes, step);
    EXPECT_FALSE(split.error) << step;
    EXPECT_EQ(split.consumed, bytes.size()) << step;
    EXPECT_EQ(split.messages, whole.messages) << step;
  }
}

TEST(FrameDecoder, Decodes16BitLength) {
  for (size_t size : {126, 1000, 65535}) {
    std::string payload(size, 'm');
    Outcome out = DecodeOnce(Text(payload), DecoderLimits{.max_message_bytes = 65535});
    EXPECT_FALSE(out.error) << size;
    EXPECT_EQ(out.messages, (Got{{Opcode::kText, payload}}));
  }
}

TEST(FrameDecoder, Decodes64BitLength) {
  std::string payload(70000, 'M');
  std::string bytes = Text(payload);
  EXPECT_EQ(static_cast<uint8_t>(bytes[1]), 0xFF);
  Outcome out = DecodeInSteps(bytes, 4096, DecoderLimits{.max_message_bytes = 70000});
  EXPECT_FALSE(out.error);
  EXPECT_EQ(out.messages, (Got{{Opcode::kText, payload}}));
  EXPECT_EQ(ErrorOf(bytes, DecoderLimits{.max_message_bytes = 69999}), CloseCode::kMessageTooBig);
}

TEST(FrameDecoder, StopsWhenCallbackReturnsFalse) {
  std::string bytes = Text("a") + Frame(Opcode::kClose, "") + Text("after close");
  FrameDecoder decoder;
  int calls = 0;
  auto result = decoder.Decode(bytes, [&](const Message& m) {
    ++calls;
    return m.opcode != Opcode::kClose;
  });
  EXPECT_EQ(calls, 2);
  EXPECT_FALSE(result.error);
  EXPECT_EQ(result.consumed, Text("a").size() + Frame(Opcode::kClose, "").size());
}

TEST(FrameDecoder, ErrorIsSticky) {
  FrameDecoder decoder;
  Outcome first = DecodeOnce(decoder, Text("ok") + EncodeFrame(Opcode::kText, "unmasked"));
  EXPECT_EQ(first.error, CloseCode::kProtocolError);
  EXPECT_EQ(first.messages.size(), 1u);
  EXPECT_EQ(first.consumed, Text("ok").size());
  Outcome again = DecodeOnce(decoder, Text("fine"));
  EXPECT_EQ(again.error, CloseCode::kProtocolError);
  EXPECT_EQ(again.consumed, 0u);
  EXPECT_TRUE(again.messages.empty());
  EXPECT_EQ(decoder.error(), CloseCode::kProtocolError);
}

TEST(FrameDecoder, StateIsSmall) { EXPECT_LE(sizeof(FrameDecoder), 64u); }

}  // namespace
}  // namespace livegate::ws
