#include "ws/client_frame_encoder.h"

#include "ws/frame_encoder.h"

namespace livegate::ws {

std::string EncodeMaskedFrame(Opcode op, std::string_view payload, uint32_t mask_key, bool fin,
                              uint8_t rsv) {
  uint8_t header[kMaxFrameHeaderBytes];
  size_t header_len = EncodeFrameHeader(op, payload.size(), header);
  header[0] = static_cast<uint8_t>((fin ? 0x80 : 0) | ((rsv & 0x7) << 4) |
                                   (static_cast<uint8_t>(op) & 0x0F));
  header[1] |= 0x80;
  const char key[4] = {static_cast<char>(mask_key >> 24), static_cast<char>(mask_key >> 16),
                       static_cast<char>(mask_key >> 8), static_cast<char>(mask_key)};
  std::string frame;
  frame.reserve(header_len + sizeof(key) + payload.size());
  frame.append(reinterpret_cast<const char*>(header), header_len);
  frame.append(key, sizeof(key));
  for (size_t i = 0; i < payload.size(); ++i) {
    frame.push_back(static_cast<char>(payload[i] ^ key[i % 4]));
  }
  return frame;
}

}  // namespace livegate::ws
