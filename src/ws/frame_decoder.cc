#include "ws/frame_decoder.h"

#include <cstring>
#include <string_view>

namespace livegate::ws {

namespace {

constexpr uint8_t kFinBit = 0x80;
constexpr uint8_t kRsvBits = 0x70;
constexpr uint8_t kOpcodeBits = 0x0F;
constexpr uint8_t kMaskBit = 0x80;
constexpr uint8_t kLengthBits = 0x7F;
constexpr uint8_t kLength16 = 126;  // 7-bit length values that announce an extended length
constexpr uint8_t kLength64 = 127;
constexpr uint8_t kMaxControlPayload = 125;
constexpr size_t kMaskKeyBytes = 4;

bool IsKnownOpcode(uint8_t op) { return op <= 2 || (op >= 8 && op <= 10); }

uint64_t ReadBigEndian(const char* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

// XORs a word at a time; the key repeats every 4 bytes, so an 8-byte word holds it twice.
void Unmask(std::span<char> payload, const char* key) {
  char key8[8];
  std::memcpy(key8, key, 4);
  std::memcpy(key8 + 4, key, 4);
  uint64_t key_word;
  std::memcpy(&key_word, key8, 8);
  char* p = payload.data();
  size_t n = payload.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    word ^= key_word;
    std::memcpy(p + i, &word, 8);
  }
  for (; i < n; ++i) p[i] = static_cast<char>(p[i] ^ key8[i % 4]);
}

std::string_view AsView(std::span<const char> s) { return {s.data(), s.size()}; }

}  // namespace

static_assert(sizeof(FrameDecoder) <= 64, "a FrameDecoder lives in every connection");

FrameDecoder::Step FrameDecoder::Next(std::span<char> data, size_t* frame_size, Message* out) {
  if (error_) return Step::kError;
  if (data.size() < 2) return Step::kNeedMore;
  const auto byte0 = static_cast<uint8_t>(data[0]);
  const auto byte1 = static_cast<uint8_t>(data[1]);
  if (auto code = CheckFrameStart(byte0, byte1)) return Fail(*code);
  const auto op = static_cast<Opcode>(byte0 & kOpcodeBits);

  uint64_t length = byte1 & kLengthBits;
  size_t length_bytes = length == kLength16 ? 2 : length == kLength64 ? 8 : 0;
  if (data.size() < 2 + length_bytes) return Step::kNeedMore;
  if (length_bytes != 0) {
    length = ReadBigEndian(data.data() + 2, length_bytes);
    // The minimal encoding is required, and a 64-bit length has its top bit clear (§5.2).
    uint64_t min_length = length_bytes == 2 ? kLength16 : 0x10000;
    if (length < min_length || (length >> 63) != 0) return Fail(CloseCode::kProtocolError);
  }
  // Checked on the declared length, so an oversized frame is never buffered.
  uint64_t buffered = InMessage() ? fragments_.size() : 0;
  if (!IsControl(op) && length > max_message_bytes_ - buffered) {
    return Fail(CloseCode::kMessageTooBig);
  }
  const size_t header_size = 2 + length_bytes + kMaskKeyBytes;
  if (data.size() < header_size || data.size() - header_size < length) return Step::kNeedMore;

  std::span<char> payload = data.subspan(header_size, static_cast<size_t>(length));
  Unmask(payload, data.data() + header_size - kMaskKeyBytes);
  *frame_size = header_size + payload.size();
  if (IsControl(op)) return TakeControlFrame(op, payload, out);
  return TakeDataFrame(op, (byte0 & kFinBit) != 0, payload, out);
}

// Checks what the first two bytes tell, so a bad frame fails before the rest arrives.
std::optional<CloseCode> FrameDecoder::CheckFrameStart(uint8_t byte0, uint8_t byte1) const {
  const uint8_t raw_op = byte0 & kOpcodeBits;
  // No extension is negotiated, so RSV1-3 must be clear; client frames must be masked.
  if ((byte0 & kRsvBits) != 0 || !IsKnownOpcode(raw_op) || (byte1 & kMaskBit) == 0) {
    return CloseCode::kProtocolError;
  }
  const auto op = static_cast<Opcode>(raw_op);
  if (IsControl(op)) {
    bool fin = (byte0 & kFinBit) != 0;
    if (!fin || (byte1 & kLengthBits) > kMaxControlPayload) return CloseCode::kProtocolError;
    return std::nullopt;
  }
  if ((op == Opcode::kContinuation) != InMessage()) return CloseCode::kProtocolError;
  if (op == Opcode::kBinary && text_only_) return CloseCode::kUnsupportedData;
  return std::nullopt;
}

FrameDecoder::Step FrameDecoder::TakeControlFrame(Opcode op, std::span<char> payload,
                                                  Message* out) {
  if (op == Opcode::kClose) {
    if (auto code = CheckClosePayload(payload)) return Fail(*code);
  }
  *out = Message{op, payload};
  return Step::kMessage;
}

FrameDecoder::Step FrameDecoder::TakeDataFrame(Opcode op, bool fin, std::span<char> payload,
                                               Message* out) {
  if (op != Opcode::kContinuation) {
    if (fin) {  // the common case: a whole message in one frame, delivered in place
      if (op == Opcode::kText && !Utf8Validator::IsValid(AsView(payload))) {
        return Fail(CloseCode::kInvalidPayload);
      }
      *out = Message{op, payload};
      return Step::kMessage;
    }
    message_opcode_ = op;
    utf8_.Reset();
  }
  // Text is checked fragment by fragment, so bad bytes fail early, not at the end.
  if (message_opcode_ == Opcode::kText &&
      (!utf8_.Feed(AsView(payload)) || (fin && !utf8_.Complete()))) {
    return Fail(CloseCode::kInvalidPayload);
  }
  fragments_.append(payload.data(), payload.size());
  if (!fin) return Step::kNoMessage;
  *out = Message{message_opcode_, std::span<char>(fragments_.data(), fragments_.size())};
  message_opcode_ = Opcode::kContinuation;
  return Step::kBufferedMessage;
}

FrameDecoder::Step FrameDecoder::Fail(CloseCode code) {
  error_ = code;
  message_opcode_ = Opcode::kContinuation;
  ReleaseFragments();
  return Step::kError;
}

}  // namespace livegate::ws
