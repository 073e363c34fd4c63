// Fuzzes the Fossil delta codec. The first two bytes choose where the rest splits into a
// source and a target. Checks that the delta of the two rebuilds the target, is never larger
// than inserting the whole target, and is UTF-8 when the target is; then feeds the target, and
// a copy of the delta with one byte changed, to the decoder as deltas of the source: it must
// agree with a plain reference reading of the format, and what it accepts must round-trip.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "delta/fossil_delta.h"

namespace {

using livegate::delta::ApplyFossilDelta;
using livegate::delta::CreateFossilDelta;

constexpr size_t kConfigBytes = 2;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

// Structure only (each lead byte followed by its continuation bytes): what the encoder keeps
// whole by cutting segments on character boundaries.
bool IsUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<uint8_t>(s[i]);
    size_t extra = b < 0x80 ? 0 : b >= 0xF8 ? 4 : b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 4;
    if (extra == 4 || extra >= s.size() - i) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<uint8_t>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

// A second, deliberately plain reading of the format, to compare the decoder against.
uint32_t ReferenceChecksum(std::string s) {
  s.resize((s.size() + 3) / 4 * 4, '\0');
  uint32_t sum = 0;
  for (size_t i = 0; i < s.size(); i += 4) {
    uint32_t word = 0;
    for (size_t k = 0; k < 4; ++k) word = (word << 8) | static_cast<uint8_t>(s[i + k]);
    sum += word;
  }
  return sum;
}

std::optional<std::string> ReferenceApply(std::string_view source, std::string_view delta) {
  constexpr std::string_view kDigits =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";
  size_t i = 0;
  auto read_int = [&](uint64_t& value) {  // 1+ digits, at most 32 bits
    size_t start = i;
    for (value = 0; i < delta.size() && kDigits.find(delta[i]) != kDigits.npos; ++i) {
      value = value * 64 + kDigits.find(delta[i]);
      if (value > UINT32_MAX) return false;
    }
    return i > start;
  };
  auto read = [&](char& c) {
    if (i == delta.size()) return false;
    c = delta[i++];
    return true;
  };
  uint64_t size, count, offset;
  char c;
  if (!read_int(size) || !read(c) || c != '\n') return std::nullopt;
  std::string out;
  while (read_int(count) && read(c)) {
    if (c == '@' && read_int(offset) && read(c) && c == ',' && offset + count <= source.size() &&
        out.size() + count <= size) {
      out += source.substr(offset, count);
    } else if (c == ':' && count <= delta.size() - i && out.size() + count <= size) {
      out += delta.substr(i, count);
      i += count;
    } else if (c == ';' && i == delta.size() && out.size() == size &&
               count == ReferenceChecksum(out)) {
      return out;
    } else {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// Decodes an arbitrary delta as the reference does; what it accepts must survive a round trip.
void CheckArbitraryDelta(std::string_view source, std::string_view delta) {
  std::optional<std::string> out = ApplyFossilDelta(source, delta);
  Check(out == ReferenceApply(source, delta));
  if (out) Check(ApplyFossilDelta(source, CreateFossilDelta(source, *out)) == out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < kConfigBytes) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + kConfigBytes, size - kConfigBytes);
  size_t split = (data[0] | (size_t{data[1]} << 8)) % (rest.size() + 1);
  std::string_view source = rest.substr(0, split);
  std::string_view target = rest.substr(split);

  std::string delta = CreateFossilDelta(source, target);
  Check(ApplyFossilDelta(source, delta) == target);
  Check(delta.size() <= CreateFossilDelta({}, target).size());  // true below 16 MiB
  Check(!IsUtf8(target) || IsUtf8(delta));
  Check(livegate::delta::FossilChecksum(target) == ReferenceChecksum(std::string(target)));

  CheckArbitraryDelta(source, target);
  std::string damaged = delta;  // one byte changed, where and how the config bytes say
  damaged[split % damaged.size()] ^= static_cast<char>(data[0] | 1);
  CheckArbitraryDelta(source, damaged);
  return 0;
}
