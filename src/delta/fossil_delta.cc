#include "delta/fossil_delta.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace livegate::delta {
namespace {

constexpr std::string_view kDigits =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";
static_assert(kDigits.size() == 64);

constexpr uint64_t kMaxInt = std::numeric_limits<uint32_t>::max();

// Digit values by ASCII code, -1 for bytes that are not digits.
constexpr std::array<int8_t, 128> kDigitValues = [] {
  std::array<int8_t, 128> values{};
  values.fill(-1);
  for (size_t i = 0; i < kDigits.size(); ++i) {
    values[static_cast<uint8_t>(kDigits[i])] = static_cast<int8_t>(i);
  }
  return values;
}();

uint32_t Byte(char c) { return static_cast<uint8_t>(c); }

// Only the 64 ASCII digits count. (The JavaScript decoder masks off the top bit, so it would
// also take some bytes >= 0x80 as digits; no encoder writes them.)
int DigitValue(char c) { return Byte(c) < 128 ? kDigitValues[Byte(c)] : -1; }

void AppendInt(std::string& out, uint64_t value) {
  char digits[11];  // 64 bits need at most 11 base-64 digits
  size_t n = 0;
  do {
    digits[n++] = kDigits[value & 63];
    value >>= 6;
  } while (value != 0);
  while (n > 0) out += digits[--n];
}

// ---- Encoder ----------------------------------------------------------------------------

// Bytes per hashed source block, and so the shortest copy: a copy segment costs up to 14
// bytes ("<count>@<offset>,") plus the header of the insert it interrupts.
constexpr size_t kBlock = 16;
// Chain entries visited per target position, so that repetitive sources (long chains of equal
// blocks) and colliding buckets keep the encoder linear.
constexpr int kMaxChainSteps = 64;
// Polynomial rolling hash over kBlock bytes, modulo 2^32.
constexpr uint32_t kHashBase = 0x01000193;
constexpr uint32_t kLeavingWeight = [] {  // kHashBase^(kBlock - 1)
  uint32_t w = 1;
  for (size_t i = 1; i < kBlock; ++i) w *= kHashBase;
  return w;
}();

uint32_t HashBlock(const char* p) {
  uint32_t h = 0;
  for (size_t i = 0; i < kBlock; ++i) h = h * kHashBase + Byte(p[i]);
  return h;
}

// The hash of the window moved one byte on: `leaving` drops out, `entering` comes in.
uint32_t Roll(uint32_t h, char leaving, char entering) {
  return (h - Byte(leaving) * kLeavingWeight) * kHashBase + Byte(entering);
}

// The non-overlapping kBlock-byte blocks of the source, chained by hash.
class SourceIndex {
 public:
  explicit SourceIndex(std::string_view source) : blocks_(source.size() / kBlock) {
    int bits = 1;
    while ((size_t{1} << bits) < blocks_) ++bits;
    shift_ = 32 - bits;
    heads_.assign(size_t{1} << bits, kNone);
    next_.resize(blocks_);
    hashes_.resize(blocks_);
    // Backwards, so each chain lists its lowest offsets (the shortest to encode) first.
    for (size_t b = blocks_; b-- > 0;) {
      hashes_[b] = HashBlock(source.data() + b * kBlock);
      size_t& head = heads_[Bucket(hashes_[b])];
      next_[b] = head;
      head = b;
    }
  }

  // Calls f(source offset) for the blocks whose hash is `hash` among the first kMaxChainSteps
  // of its bucket.
  template <class F>
  void ForEachCandidate(uint32_t hash, F&& f) const {
    size_t b = heads_[Bucket(hash)];
    for (int step = 0; b != kNone && step < kMaxChainSteps; b = next_[b], ++step) {
      if (hashes_[b] == hash) f(b * kBlock);
    }
  }

 private:
  static constexpr size_t kNone = std::numeric_limits<size_t>::max();

  // Fibonacci hashing: the top bits of the product mix all bits of the hash.
  size_t Bucket(uint32_t hash) const { return (hash * 0x9E3779B1u) >> shift_; }

  size_t blocks_;
  int shift_;
  std::vector<size_t> heads_;  // per bucket: its first block, or kNone
  std::vector<size_t> next_;   // per block: the next block in its bucket, or kNone
  std::vector<uint32_t> hashes_;
};

struct Copy {
  size_t source_pos;
  size_t target_pos;
  size_t length;
};

bool IsContinuationByte(char c) { return (Byte(c) & 0xC0) == 0x80; }

// Trims `copy` so that both ends fall on UTF-8 character boundaries of the target: the inserts
// around it then hold whole characters. A character has at most 3 continuation bytes; longer
// runs are not UTF-8, so binary targets lose at most 3 bytes per end.
void AlignToCharacters(std::string_view target, Copy& copy) {
  for (int k = 0; k < 3 && copy.length > 0 && IsContinuationByte(target[copy.target_pos]); ++k) {
    ++copy.source_pos;
    ++copy.target_pos;
    --copy.length;
  }
  for (int k = 0; k < 3 && copy.length > 0; ++k) {
    size_t end = copy.target_pos + copy.length;
    if (end == target.size() || !IsContinuationByte(target[end])) break;
    --copy.length;
  }
}

size_t CommonPrefix(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  return static_cast<size_t>(
      std::mismatch(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n), b.begin()).first -
      a.begin());
}

// Bytes equal going backwards from a[..a_end) and b[..b_end), at most `limit`.
size_t CommonSuffix(std::string_view a, size_t a_end, std::string_view b, size_t b_end,
                    size_t limit) {
  size_t n = 0;
  while (n < limit && n < a_end && n < b_end && a[a_end - n - 1] == b[b_end - n - 1]) ++n;
  return n;
}

// Extends a kBlock-byte match of source[s..] and target[pos..] both ways, backwards no further
// than `floor` (the end of what is already encoded), and keeps it if it is the longest yet.
void ConsiderCandidate(std::string_view source, std::string_view target, size_t s, size_t pos,
                       size_t floor, std::optional<Copy>& best) {
  if (s + kBlock > source.size() ||
      std::memcmp(source.data() + s, target.data() + pos, kBlock) != 0) {
    return;
  }
  size_t forward = kBlock + CommonPrefix(source.substr(s + kBlock), target.substr(pos + kBlock));
  size_t back = CommonSuffix(source, s, target, pos, pos - floor);
  Copy copy{s - back, pos - back, back + forward};
  AlignToCharacters(target, copy);
  if (copy.length >= kBlock && (!best || copy.length > best->length)) best = copy;
}

// The longest copy through target[pos, pos + kBlock), whose hash is `hash`. Besides the source
// blocks with that hash, tries `resume`: the source lined up as in the previous copy, where a
// copy goes on after a small overwrite even if the chain limit hid its block.
std::optional<Copy> BestCopyAt(const SourceIndex& index, std::string_view source,
                               std::string_view target, size_t pos, size_t floor, uint32_t hash,
                               std::optional<size_t> resume) {
  std::optional<Copy> best;
  index.ForEachCandidate(hash,
                         [&](size_t s) { ConsiderCandidate(source, target, s, pos, floor, best); });
  if (resume) ConsiderCandidate(source, target, *resume, pos, floor, best);
  return best;
}

void AppendInsert(std::string& out, std::string_view bytes) {
  if (bytes.empty()) return;
  AppendInt(out, bytes.size());
  out += ':';
  out += bytes;
}

void AppendCopy(std::string& out, const Copy& copy) {
  AppendInt(out, copy.length);
  out += '@';
  AppendInt(out, copy.source_pos);
  out += ',';
}

// The segments of the delta: copies found by sliding a kBlock window over the target and
// looking its hash up among the source blocks, inserts for the bytes between them.
void AppendSegments(std::string& out, std::string_view source, std::string_view target) {
  size_t encoded = 0;  // target bytes covered by the segments so far
  if (source.size() >= kBlock && target.size() >= kBlock) {
    SourceIndex index(source);
    size_t pos = 0;
    uint32_t hash = HashBlock(target.data());
    std::optional<size_t> copied_to;  // where the previous copy ended in the source
    while (pos + kBlock <= target.size()) {
      std::optional<size_t> resume;
      if (copied_to) resume = *copied_to + (pos - encoded);
      if (auto copy = BestCopyAt(index, source, target, pos, encoded, hash, resume)) {
        AppendInsert(out, target.substr(encoded, copy->target_pos - encoded));
        AppendCopy(out, *copy);
        encoded = pos = copy->target_pos + copy->length;  // > pos: trimming takes <= 3 bytes
        copied_to = copy->source_pos + copy->length;
        if (pos + kBlock <= target.size()) hash = HashBlock(target.data() + pos);
        continue;
      }
      if (pos + kBlock < target.size()) hash = Roll(hash, target[pos], target[pos + kBlock]);
      ++pos;
    }
  }
  AppendInsert(out, target.substr(encoded));
}

// ---- Decoder ----------------------------------------------------------------------------

class DeltaReader {
 public:
  explicit DeltaReader(std::string_view delta) : delta_(delta) {}

  bool AtEnd() const { return pos_ == delta_.size(); }

  // At least one digit, and a value that fits in 32 bits (what the clients can read).
  std::optional<uint32_t> ReadInt() {
    uint64_t value = 0;
    size_t start = pos_;
    while (pos_ < delta_.size() && DigitValue(delta_[pos_]) >= 0) {
      value = value * 64 + static_cast<uint64_t>(DigitValue(delta_[pos_++]));
      if (value > kMaxInt) return std::nullopt;
    }
    if (pos_ == start) return std::nullopt;
    return static_cast<uint32_t>(value);
  }

  std::optional<char> ReadChar() {
    if (AtEnd()) return std::nullopt;
    return delta_[pos_++];
  }

  bool Expect(char c) { return ReadChar() == c; }

  std::optional<std::string_view> ReadBytes(size_t n) {
    if (n > delta_.size() - pos_) return std::nullopt;
    std::string_view bytes = delta_.substr(pos_, n);
    pos_ += n;
    return bytes;
  }

 private:
  std::string_view delta_;
  size_t pos_ = 0;
};

// Whether `count` more bytes keep the output within the size the header declared.
bool Fits(const std::string& out, uint32_t size, uint32_t count) {
  return uint64_t{out.size()} + count <= size;
}

bool ApplyCopy(DeltaReader& reader, std::string_view source, uint32_t count, uint32_t size,
               std::string& out) {
  std::optional<uint32_t> offset = reader.ReadInt();
  if (!offset || !reader.Expect(',') || !Fits(out, size, count)) return false;
  if (uint64_t{*offset} + count > source.size()) return false;
  out.append(source.substr(*offset, count));
  return true;
}

bool ApplyInsert(DeltaReader& reader, uint32_t count, uint32_t size, std::string& out) {
  std::optional<std::string_view> bytes = reader.ReadBytes(count);
  if (!bytes || !Fits(out, size, count)) return false;
  out.append(*bytes);
  return true;
}

}  // namespace

uint32_t FossilChecksum(std::string_view data) {
  uint32_t sum = 0;
  size_t i = 0;
  for (; i + 4 <= data.size(); i += 4) {
    sum += (Byte(data[i]) << 24) | (Byte(data[i + 1]) << 16) | (Byte(data[i + 2]) << 8) |
           Byte(data[i + 3]);
  }
  for (int shift = 24; i < data.size(); ++i, shift -= 8) sum += Byte(data[i]) << shift;
  return sum;
}

std::string CreateFossilDelta(std::string_view source, std::string_view target) {
  std::string out;
  AppendInt(out, target.size());
  out += '\n';
  AppendSegments(out, source, target);
  AppendInt(out, FossilChecksum(target));
  out += ';';
  return out;
}

std::optional<std::string> ApplyFossilDelta(std::string_view source, std::string_view delta) {
  DeltaReader reader(delta);
  std::optional<uint32_t> size = reader.ReadInt();
  if (!size || !reader.Expect('\n')) return std::nullopt;
  std::string out;
  // The header is not trusted with the allocation: a few bytes could claim 4 GiB.
  out.reserve(std::min<size_t>(*size, source.size() + delta.size()));
  while (true) {
    std::optional<uint32_t> count = reader.ReadInt();
    std::optional<char> op = reader.ReadChar();
    if (!count || !op) return std::nullopt;
    switch (*op) {
      case '@':
        if (!ApplyCopy(reader, source, *count, *size, out)) return std::nullopt;
        break;
      case ':':
        if (!ApplyInsert(reader, *count, *size, out)) return std::nullopt;
        break;
      case ';':  // the trailer: nothing may follow it
        if (!reader.AtEnd() || out.size() != *size || FossilChecksum(out) != *count) {
          return std::nullopt;
        }
        return out;
      default:
        return std::nullopt;
    }
  }
}

}  // namespace livegate::delta
