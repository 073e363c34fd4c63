#include "ws/utf8_validator.h"

#include <array>
#include <cstring>

namespace livegate::ws {

namespace {

// Byte classes. Continuation bytes come in three ranges because the second byte after E0, ED,
// F0 and F4 is restricted (RFC 3629 §4) to exclude overlongs, surrogates and > U+10FFFF.
enum ByteClass : uint8_t {
  kAscii,   // 00-7F
  kCont80,  // 80-8F
  kCont90,  // 90-9F
  kContA0,  // A0-BF
  kBad,     // C0-C1, F5-FF: never valid
  kLead2,   // C2-DF
  kLeadE0,  // E0
  kLead3,   // E1-EC, EE-EF
  kLeadED,  // ED
  kLeadF0,  // F0
  kLead4,   // F1-F3
  kLeadF4,  // F4
  kClassCount
};

// States: how many continuation bytes are still due, and which range the next one must be in.
enum State : uint8_t {
  kAccept,   // between sequences
  kNeed1,    // 1 more of 80-BF
  kNeed2,    // 2 more of 80-BF
  kNeed3,    // 3 more of 80-BF
  kAfterE0,  // A0-BF, then 1 more
  kAfterED,  // 80-9F, then 1 more
  kAfterF0,  // 90-BF, then 2 more
  kAfterF4,  // 80-8F, then 2 more
  kReject,
  kStateCount
};

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> c{};
  auto set = [&c](size_t first, size_t last, ByteClass k) {
    for (size_t b = first; b <= last; ++b) c[b] = k;
  };
  set(0x00, 0x7F, kAscii);
  set(0x80, 0x8F, kCont80);
  set(0x90, 0x9F, kCont90);
  set(0xA0, 0xBF, kContA0);
  set(0xC0, 0xC1, kBad);
  set(0xC2, 0xDF, kLead2);
  set(0xE0, 0xE0, kLeadE0);
  set(0xE1, 0xEF, kLead3);
  set(0xED, 0xED, kLeadED);
  set(0xF0, 0xF0, kLeadF0);
  set(0xF1, 0xF3, kLead4);
  set(0xF4, 0xF4, kLeadF4);
  set(0xF5, 0xFF, kBad);
  return c;
}

using Transitions = std::array<std::array<uint8_t, kClassCount>, kStateCount>;

constexpr Transitions MakeTransitions() {
  Transitions t{};
  for (auto& row : t) row.fill(kReject);
  auto& a = t[kAccept];
  a[kAscii] = kAccept;
  a[kLead2] = kNeed1;
  a[kLeadE0] = kAfterE0;
  a[kLead3] = kNeed2;
  a[kLeadED] = kAfterED;
  a[kLeadF0] = kAfterF0;
  a[kLead4] = kNeed3;
  a[kLeadF4] = kAfterF4;
  for (uint8_t cont : {kCont80, kCont90, kContA0}) {
    t[kNeed1][cont] = kAccept;
    t[kNeed2][cont] = kNeed1;
    t[kNeed3][cont] = kNeed2;
  }
  t[kAfterE0][kContA0] = kNeed1;
  t[kAfterED][kCont80] = kNeed1;
  t[kAfterED][kCont90] = kNeed1;
  t[kAfterF0][kCont90] = kNeed2;
  t[kAfterF0][kContA0] = kNeed2;
  t[kAfterF4][kCont80] = kNeed2;
  return t;
}

constexpr std::array<uint8_t, 256> kClasses = MakeClasses();
constexpr Transitions kTransitions = MakeTransitions();
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

}  // namespace

bool Utf8Validator::Feed(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  uint8_t state = state_;
  while (p != end && state != kReject) {
    if (state == kAccept) {
      // Protocol text is mostly ASCII: skip it a word at a time.
      uint64_t word;
      while (end - p >= 8 && (std::memcpy(&word, p, 8), (word & kHighBits) == 0)) p += 8;
      if (p == end) break;
    }
    state = kTransitions[state][kClasses[*p++]];
  }
  state_ = state;
  return state != kReject;
}

}  // namespace livegate::ws
