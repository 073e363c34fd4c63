// Fuzzes the WebSocket frame decoder: the input after a few configuration bytes is fed in
// randomly sized reads, keeping the unconsumed tail the way WebSocketConnection does. Checks
// the decoder's invariants, that one-piece and piecewise decoding agree, that the incremental
// UTF-8 validator agrees with a slow reference, and that re-encoded messages decode the same.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ws/client_frame_encoder.h"
#include "ws/close_payload.h"
#include "ws/frame_decoder.h"
#include "ws/utf8_validator.h"

namespace {

using livegate::ws::CloseCode;
using livegate::ws::DecoderLimits;
using livegate::ws::FrameDecoder;
using livegate::ws::Message;
using livegate::ws::Opcode;

// Byte 0: limit (bits 0-2), text_only (bit 3), stop after every Nth message (bits 4-7, 0 =
// never). Bytes 1-3: read sizes, used in turn.
constexpr size_t kConfigBytes = 4;
constexpr uint64_t kLimits[] = {0, 1, 125, 126, 1000, 65535, 65536, 1 << 20};

struct Config {
  DecoderLimits limits;
  unsigned stop_every;
  uint8_t read_seeds[kConfigBytes - 1];
};

using Messages = std::vector<std::pair<Opcode, std::string>>;

struct Run {
  Messages messages;
  std::optional<CloseCode> error;
};

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

// Decodes code points one at a time; independent of the validator's DFA.
bool IsValidUtf8Reference(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<uint8_t>(s[i]);
    size_t extra = 0;
    if ((b & 0xE0) == 0xC0) {
      extra = 1;
    } else if ((b & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((b & 0xF8) == 0xF0) {
      extra = 3;
    } else if (b >= 0x80) {
      return false;
    }
    if (extra > s.size() - i - 1) return false;
    uint32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    for (size_t k = 1; k <= extra; ++k) {
      auto c = static_cast<uint8_t>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

bool Inside(std::span<const char> inner, std::span<const char> outer) {
  return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

void CheckMessage(const Message& m, std::span<const char> input, const FrameDecoder& decoder,
                  const DecoderLimits& limits) {
  Check(m.payload.empty() || Inside(m.payload, input) ||
        (m.payload.data() == decoder.FragmentsForTest().data() &&
         m.payload.size() == decoder.FragmentsForTest().size()));
  std::string_view payload(m.payload.data(), m.payload.size());
  switch (m.opcode) {
    case Opcode::kText:
      Check(IsValidUtf8Reference(payload));
      [[fallthrough]];
    case Opcode::kBinary:
      Check(m.opcode == Opcode::kText || !limits.text_only);
      Check(payload.size() <= limits.max_message_bytes);
      break;
    case Opcode::kClose:
      Check(livegate::ws::ParseClosePayload(m.payload).has_value());
      [[fallthrough]];
    case Opcode::kPing:
    case Opcode::kPong:
      Check(payload.size() <= 125);
      break;
    default:
      Check(false);
  }
}

size_t ReadSize(const Config& config, size_t read_index) {
  uint8_t seed = config.read_seeds[read_index % std::size(config.read_seeds)];
  return seed < 128 ? 1 + seed % 32 : 1 + (seed - 128) * 61;
}

// Decodes `stream` as a connection would, in reads of ReadSize() bytes or all at once.
Run DecodeStream(std::string_view stream, const Config& config, bool piecewise) {
  FrameDecoder decoder(config.limits);
  Run run;
  std::string carry;
  size_t message_count = 0;
  for (size_t pos = 0, read_index = 0; pos < stream.size(); ++read_index) {
    // Reads grow with the carry so a large frame costs linear, not quadratic, copying.
    size_t n = piecewise ? ReadSize(config, read_index) + carry.size() / 2 : stream.size();
    n = std::min(n, stream.size() - pos);
    std::vector<char> buffer(carry.begin(), carry.end());  // exact size: ASan sees overreads
    buffer.insert(buffer.end(), stream.begin() + static_cast<std::ptrdiff_t>(pos),
                  stream.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
    size_t offset = 0;
    while (true) {
      std::span<char> data(buffer.data() + offset, buffer.size() - offset);
      bool stopped = false;
      size_t delivered = 0;
      auto result = decoder.Decode(data, [&](const Message& m) {
        CheckMessage(m, data, decoder, config.limits);
        run.messages.emplace_back(m.opcode, std::string(m.payload.data(), m.payload.size()));
        ++delivered;
        ++message_count;
        stopped = config.stop_every != 0 && message_count % config.stop_every == 0;
        return !stopped;
      });
      Check(result.consumed <= data.size());
      Check(result.error == decoder.error());
      if (run.error) {  // a dead decoder stays dead and does nothing
        Check(result.error == run.error && result.consumed == 0 && delivered == 0);
      }
      run.error = result.error;
      offset += result.consumed;
      if (result.error || stopped) {
        if (result.error) break;
        continue;
      }
      // Everything decodable was decoded: what is left is one partial frame.
      auto again = decoder.Decode(std::span<char>(buffer.data() + offset, buffer.size() - offset),
                                  [](const Message&) { return false; });
      Check(again.consumed == 0 && !again.error);
      break;
    }
    carry.assign(buffer.begin() + static_cast<std::ptrdiff_t>(offset), buffer.end());
  }
  return run;
}

void CheckUtf8Validator(std::string_view bytes, const Config& config) {
  livegate::ws::Utf8Validator v;
  bool fed_ok = true;
  for (size_t pos = 0, i = 0; pos < bytes.size(); ++i) {
    size_t n = std::min(ReadSize(config, i), bytes.size() - pos);
    fed_ok = v.Feed(bytes.substr(pos, n)) && fed_ok;
    pos += n;
  }
  Check((fed_ok && v.Complete()) == IsValidUtf8Reference(bytes));
  Check(livegate::ws::Utf8Validator::IsValid(bytes) == IsValidUtf8Reference(bytes));
}

// Re-encodes the delivered messages as client frames; they must decode to the same messages.
void CheckRoundTrip(const Messages& messages, const DecoderLimits& limits) {
  std::string frames;
  for (const auto& [op, payload] : messages) {
    frames += livegate::ws::EncodeMaskedFrame(op, payload, 0x9E3779B9);
  }
  FrameDecoder decoder(limits);
  Messages again;
  auto result = decoder.Decode(frames, [&](const Message& m) {
    again.emplace_back(m.opcode, std::string(m.payload.data(), m.payload.size()));
    return true;
  });
  Check(!result.error && result.consumed == frames.size() && again == messages);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < kConfigBytes) return 0;
  Config config{};
  config.limits.max_message_bytes = kLimits[data[0] & 0x7];
  config.limits.text_only = (data[0] & 0x8) != 0;
  config.stop_every = data[0] >> 4;
  for (size_t i = 1; i < kConfigBytes; ++i) config.read_seeds[i - 1] = data[i];
  std::string_view stream(reinterpret_cast<const char*>(data) + kConfigBytes, size - kConfigBytes);

  Run piecewise = DecodeStream(stream, config, true);
  Run whole = DecodeStream(stream, config, false);
  Check(piecewise.messages == whole.messages && piecewise.error == whole.error);
  CheckRoundTrip(whole.messages, config.limits);
  CheckUtf8Validator(stream, config);
  return 0;
}
