#pragma once
// Server-side RFC 6455 frame decoder, sans-I/O: bytes in, complete messages and control frames
// out, with the protocol rules of docs/architecture.md ("The WebSocket layer") enforced.
// The caller owns the read buffer and keeps the unconsumed tail (a partial frame) between reads.
// Thread: owner shard only. Owned by: the connection.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "ws/close_code.h"
#include "ws/close_payload.h"
#include "ws/opcode.h"
#include "ws/utf8_validator.h"

namespace livegate::ws {

struct DecoderLimits {
  uint64_t max_message_bytes = 65536;  // of a whole (reassembled) data message
  bool text_only = true;               // a binary message fails with 1003
};

// A complete text or binary message (fragments reassembled), or a control frame. The payload
// is unmasked; it points into the caller's buffer, or into the decoder for a fragmented
// message, and is valid only during the callback.
struct Message {
  Opcode opcode;
  std::span<char> payload;
};

struct DecodeResult {
  size_t consumed;                 // bytes of complete frames handled
  std::optional<CloseCode> error;  // set on a protocol violation; the decoder is then dead
};

class FrameDecoder {
 public:
  explicit FrameDecoder(DecoderLimits limits = {})
      : max_message_bytes_(limits.max_message_bytes), text_only_(limits.text_only) {}

  // Decodes the complete frames at the front of `data`, unmasking them in place, and calls
  // on_message(const Message&) -> bool for each data message and control frame; false stops
  // decoding after that frame. A partial frame at the end is left unconsumed: pass it again
  // with more bytes appended. A declared length over the limit fails before its payload comes.
  template <class OnMessage>
  DecodeResult Decode(std::span<char> data, OnMessage&& on_message);

  // True between the first and the final fragment of a data message.
  bool InMessage() const { return message_opcode_ != Opcode::kContinuation; }
  std::optional<CloseCode> error() const { return error_; }

  // The reassembly buffer, for checking where payloads point.
  std::span<const char> FragmentsForTest() const { return fragments_; }

 private:
  enum class Step : uint8_t {
    kNeedMore,         // no complete frame at the front
    kError,            // error_ is set
    kNoMessage,        // a non-final fragment was taken
    kMessage,          // payload points into the input
    kBufferedMessage,  // payload points into fragments_, released after delivery
  };

  // Handles the frame at the front of `data`; sets *frame_size and *out for a message.
  Step Next(std::span<char> data, size_t* frame_size, Message* out);
  std::optional<CloseCode> CheckFrameStart(uint8_t byte0, uint8_t byte1) const;
  Step TakeControlFrame(Opcode op, std::span<char> payload, Message* out);
  Step TakeDataFrame(Opcode op, bool fin, std::span<char> payload, Message* out);
  Step Fail(CloseCode code);
  void ReleaseFragments() { std::string().swap(fragments_); }

  std::string fragments_;  // non-final fragments; allocated only during a fragmented message
  uint64_t max_message_bytes_;
  std::optional<CloseCode> error_;
  Utf8Validator utf8_;                             // across the fragments of a text message
  Opcode message_opcode_ = Opcode::kContinuation;  // of the fragmented message in progress
  bool text_only_;
};

template <class OnMessage>
DecodeResult FrameDecoder::Decode(std::span<char> data, OnMessage&& on_message) {
  size_t consumed = 0;
  while (true) {
    size_t frame_size = 0;
    Message message{};
    Step step = Next(data.subspan(consumed), &frame_size, &message);
    if (step == Step::kNeedMore) break;
    if (step == Step::kError) return {consumed, error_};
    consumed += frame_size;
    if (step == Step::kNoMessage) continue;
    bool go_on = on_message(std::as_const(message));
    if (step == Step::kBufferedMessage) ReleaseFragments();
    if (!go_on) break;
  }
  return {consumed, std::nullopt};
}

}  // namespace livegate::ws
