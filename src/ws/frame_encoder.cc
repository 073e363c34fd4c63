#include "ws/frame_encoder.h"

namespace livegate::ws {

size_t EncodeFrameHeader(Opcode op, uint64_t payload_len, std::span<uint8_t, 10> out) {
  out[0] = static_cast<uint8_t>(0x80 | static_cast<uint8_t>(op));
  if (payload_len < 126) {
    out[1] = static_cast<uint8_t>(payload_len);
    return 2;
  }
  size_t length_bytes = payload_len <= 0xFFFF ? 2 : 8;
  out[1] = length_bytes == 2 ? 126 : 127;
  for (size_t i = 0; i < length_bytes; ++i) {
    out[1 + length_bytes - i] = static_cast<uint8_t>(payload_len >> (8 * i));
  }
  return 2 + length_bytes;
}

std::string EncodeFrame(Opcode op, std::string_view payload) {
  uint8_t header[kMaxFrameHeaderBytes];
  size_t header_len = EncodeFrameHeader(op, payload.size(), header);
  std::string frame;
  frame.reserve(header_len + payload.size());
  frame.append(reinterpret_cast<const char*>(header), header_len);
  frame.append(payload);
  return frame;
}

std::string EncodeCloseFrame(uint16_t code, std::string_view reason) {
  if (reason.size() > kMaxCloseReasonBytes) {
    size_t n = kMaxCloseReasonBytes;
    // Back up to the lead byte of the sequence that would be cut.
    while (n > 0 && (static_cast<uint8_t>(reason[n]) & 0xC0) == 0x80) --n;
    reason = reason.substr(0, n);
  }
  std::string payload;
  payload.reserve(2 + reason.size());
  payload.push_back(static_cast<char>(code >> 8));
  payload.push_back(static_cast<char>(code & 0xFF));
  payload.append(reason);
  return EncodeFrame(Opcode::kClose, payload);
}

}  // namespace livegate::ws
