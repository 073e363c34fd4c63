#include "delta/fossil_delta.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace livegate::delta {
namespace {

// Base-64 integer as the format writes it, for building deltas by hand.
std::string Int(uint32_t v) {
  static constexpr std::string_view kDigits =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";
  std::string s;
  do {
    s.insert(s.begin(), kDigits[v % 64]);
    v /= 64;
  } while (v != 0);
  return s;
}

std::string Trailer(std::string_view target) { return Int(FossilChecksum(target)) + ";"; }

// A JSON document of `items` objects (about 55 bytes each); item `changed` gets price 999.
std::string JsonDocument(int items, int changed = -1) {
  std::string s = "{\"items\":[";
  for (int i = 0; i < items; ++i) {
    if (i > 0) s += ",";
    s += "{\"id\":" + std::to_string(i) + ",\"name\":\"item-" + std::to_string(i) +
         "\",\"price\":" + std::to_string(i == changed ? 999 : i * 3 % 100) +
         ",\"tags\":[\"x\",\"y\"]}";
  }
  return s + "]}";
}

std::string RandomBytes(std::mt19937& rng, size_t n, unsigned alphabet) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() % alphabet);
  return s;
}

// `s` with `edits` random inserts, erasures and overwrites.
std::string Mutate(std::mt19937& rng, std::string s, int edits) {
  for (int e = 0; e < edits; ++e) {
    size_t at = s.empty() ? 0 : rng() % s.size();
    switch (rng() % 3) {
      case 0:
        s.insert(at, RandomBytes(rng, rng() % 40, 256));
        break;
      case 1:
        s.erase(at, rng() % 40);
        break;
      default:
        if (!s.empty()) s[at] = static_cast<char>(rng());
    }
  }
  return s;
}

// Structure only (lead byte, then the right number of continuation bytes): enough to see an
// insert cut through a character.
bool IsUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<uint8_t>(s[i]);
    size_t extra = b < 0x80 ? 0 : b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 4;
    if (extra == 4 || extra >= s.size() - i) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<uint8_t>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

void ExpectRoundTrip(std::string_view source, std::string_view target) {
  std::string delta = CreateFossilDelta(source, target);
  std::optional<std::string> back = ApplyFossilDelta(source, delta);
  ASSERT_TRUE(back.has_value()) << "delta: " << delta;
  EXPECT_EQ(*back, target);
}

TEST(FossilChecksum, SumsBigEndianWordsPaddedWithZeros) {
  EXPECT_EQ(FossilChecksum(""), 0u);
  EXPECT_EQ(FossilChecksum("a"), 0x61000000u);
  EXPECT_EQ(FossilChecksum("abcd"), 0x61626364u);
  EXPECT_EQ(FossilChecksum("abcdef"), 0x61626364u + 0x65660000u);
  EXPECT_EQ(FossilChecksum("\xff\xff\xff\xff\x01"), 0x00FFFFFFu);  // wraps modulo 2^32
}

TEST(CreateFossilDelta, EmptyTargetIsHeaderAndTrailer) {
  EXPECT_EQ(CreateFossilDelta("", ""), "0\n0;");
  EXPECT_EQ(CreateFossilDelta("some source", ""), "0\n0;");
}

TEST(CreateFossilDelta, WritesIntegersInBase64) {
  std::string target(64, 'x');  // 64 = "10"
  EXPECT_EQ(CreateFossilDelta("", target), "10\n10:" + target + Trailer(target));
  target.assign(4095, 'y');  // 4095 = "~~"
  EXPECT_EQ(CreateFossilDelta("", target).substr(0, 6), "~~\n~~:");
}

TEST(CreateFossilDelta, RoundTripsEdgeCases) {
  ExpectRoundTrip("", "");
  ExpectRoundTrip("", "target only");
  ExpectRoundTrip("source only", "");
  ExpectRoundTrip("short", "shorter");  // both below one hashed block
  ExpectRoundTrip("0123456789abcdef", "0123456789abcdef");
  ExpectRoundTrip("0123456789abcdef", "x0123456789abcdefx");
  ExpectRoundTrip(std::string(1000, 'a'), std::string(3000, 'a'));
}

TEST(CreateFossilDelta, IdenticalInputIsOneCopy) {
  std::string doc = JsonDocument(180);
  EXPECT_EQ(CreateFossilDelta(doc, doc), Int(static_cast<uint32_t>(doc.size())) + "\n" +
                                             Int(static_cast<uint32_t>(doc.size())) + "@0," +
                                             Trailer(doc));
}

TEST(CreateFossilDelta, SmallEditOfLargeJsonGivesSmallDelta) {
  std::string before = JsonDocument(180);
  std::string after = JsonDocument(180, 77);
  ASSERT_GT(after.size(), 10000u);
  std::string delta = CreateFossilDelta(before, after);
  EXPECT_LT(delta.size(), 50u) << delta;
  EXPECT_EQ(ApplyFossilDelta(before, delta), after);
}

TEST(CreateFossilDelta, MovedBlocksAreCopied) {
  std::string doc = JsonDocument(100);
  std::string swapped = doc.substr(doc.size() / 2) + doc.substr(0, doc.size() / 2);
  std::string delta = CreateFossilDelta(doc, swapped);
  EXPECT_LT(delta.size(), 100u) << delta;
  EXPECT_EQ(ApplyFossilDelta(doc, delta), swapped);
}

TEST(CreateFossilDelta, RoundTripsBinaryBytes) {
  std::string bytes("\0\x01\xff\x80\0binary\0\0", 12);
  std::string source = bytes + bytes + bytes + bytes;
  ExpectRoundTrip(source, bytes + std::string(3, '\0') + bytes + bytes);
  ExpectRoundTrip(std::string(100, '\0'), std::string(50, '\0') + "x" + std::string(50, '\0'));
  std::mt19937 rng(7);
  std::string noise = RandomBytes(rng, 5000, 256);
  ExpectRoundTrip(noise, Mutate(rng, noise, 10));
}

TEST(CreateFossilDelta, RoundTripsRandomInputs) {
  std::mt19937 rng(20240601);
  for (int round = 0; round < 400; ++round) {
    SCOPED_TRACE(round);
    unsigned alphabet = std::vector<unsigned>{2, 4, 26, 256}[rng() % 4];
    std::string source = RandomBytes(rng, rng() % 4000, alphabet);
    std::string target;
    switch (rng() % 3) {
      case 0:
        target = Mutate(rng, source, static_cast<int>(rng() % 20));
        break;
      case 1:
        target = RandomBytes(rng, rng() % 4000, alphabet);
        break;
      default:  // pieces of the source in another order, some repeated
        for (int piece = 0; piece < 8 && !source.empty(); ++piece) {
          target += source.substr(rng() % source.size(), rng() % 500);
        }
    }
    ExpectRoundTrip(source, target);
  }
}

// The JSON protocol carries a delta inside a JSON string, so it must stay valid UTF-8. The
// characters share lead bytes (ü ö, € ₽, two emoji), so bytewise matches end inside them.
TEST(CreateFossilDelta, DeltaOfUtf8TargetIsUtf8) {
  const std::vector<std::string> chars = {"a",
                                          "\"",
                                          "\xc3\xbc",
                                          "\xc3\xb6",
                                          "\xe2\x82\xac",
                                          "\xe2\x82\xbd",
                                          "\xf0\x9f\x91\x8b",
                                          "\xf0\x9f\x98\x80"};
  auto join = [&](const std::vector<size_t>& text) {
    std::string s;
    for (size_t c : text) s += chars[c];
    return s;
  };
  std::mt19937 rng(99);
  for (int round = 0; round < 300; ++round) {
    SCOPED_TRACE(round);
    std::vector<size_t> source(50 + rng() % 500);
    for (size_t& c : source) c = rng() % chars.size();
    std::vector<size_t> target = source;
    for (int e = 0; e < 5; ++e) {  // edits of whole characters
      auto at = target.begin() + static_cast<std::ptrdiff_t>(rng() % target.size());
      switch (rng() % 3) {
        case 0:
          target.insert(at, rng() % chars.size());
          break;
        case 1:
          target.erase(at);
          break;
        default:
          *at = rng() % chars.size();
      }
    }
    std::string delta = CreateFossilDelta(join(source), join(target));
    EXPECT_TRUE(IsUtf8(delta)) << delta;
    EXPECT_EQ(ApplyFossilDelta(join(source), delta), join(target));
  }
}

// Deltas the npm centrifuge@5.8.0 client decoded back to the target, both with the applyDelta
// in its build/index.js on bytes and with its JsonCodec.applyDeltaIfNeeded (the delta as the
// JSON string pub.data). The encoder is pinned to them too: after changing its heuristics,
// check the new deltas with that client before updating the strings.
struct Golden {
  const char* name;
  std::string source;
  std::string target;
  std::string delta;
};

const std::vector<Golden>& GoldenDeltas() {
  static const std::vector<Golden> goldens = {
      {"json edit", R"({"user":"alice","score":41,"tags":["a","b","c"],"bio":"likes long walks"})",
       R"({"user":"alice","score":42,"tags":["a","b","c"],"bio":"likes long walks"})",
       "19\nP@0,1:2k@Q,BQ9iH;"},
      {"utf8 insert",
       "{\"city\":\"Z\xc3\xbcrich\",\"greeting\":\"Gr\xc3\xbc"
       "ezi mitenand \xf0\x9f\x91\x8b\",\"note\":\"\xe2\x82\xac prices\"}",
       "{\"city\":\"Z\xc3\xbcrich\",\"greeting\":\"Gr\xc3\xbc"
       "ezi mitenand \xf0\x9f\x91\x8b!\",\"note\":\"\xe2\x82\xac prices\"}",
       "1A\no@0,N:!\",\"note\":\"\xe2\x82\xac prices\"}1kVX22;"},
      // Bytes alone would copy the shared lead byte 0xC3 and insert a lone 0xB6.
      {"utf8 character boundary",
       R"({"name":"Jürgen Müller","city":"München","country":"Deutschland"})",
       R"({"name":"Jürgen Möller","city":"München","country":"Deutschland"})",
       "14\nI@0,2:\xc3\xb6l@K,3RuqaC;"},
      {"rewrite", R"({"a":1,"b":"some text that goes away"})",
       R"(["totally",  "different", 12345])", "W\nW:[\"totally\",  \"different\", 12345]2JxR67;"},
      {"empty target", R"({"a":1})", "", "0\n0;"},
      {"binary",
       std::string("\x00\x01\xff\x80\x00"
                   "binary\x00\x00\x01\xff\x80\x00"
                   "binary\x00\x00\x01\xff\x80\x00"
                   "binary\x00\x00\x01\xff\x80\x00"
                   "binary\x00",
                   48),
       std::string("\x00\x01\xff\x80\x00"
                   "binary\x00\x00\x01\xff\x80\x00"
                   "binary\x00\x00\x01\xff\x80\x00"
                   "binary\x00\x00x\x00\x00\x01\xff\x80\x00"
                   "binary\x00",
                   51),
       std::string("o\na@0,E:x\x00\x00\x01\xff\x80\x00"
                   "binary\x00"
                   "3xseGg;",
                   29)},
  };
  return goldens;
}

TEST(FossilDeltaGolden, DecodesClientVerifiedDeltas) {
  for (const Golden& g : GoldenDeltas()) {
    EXPECT_EQ(ApplyFossilDelta(g.source, g.delta), g.target) << g.name;
  }
}

TEST(FossilDeltaGolden, EncoderEmitsClientVerifiedDeltas) {
  for (const Golden& g : GoldenDeltas()) {
    EXPECT_EQ(CreateFossilDelta(g.source, g.target), g.delta) << g.name;
  }
}

// 100 KB of words with 40 scattered edits; the npm client decoded this delta too. Pinned by
// size and checksum rather than spelled out.
TEST(FossilDeltaGolden, LargeDocumentWithScatteredEdits) {
  std::mt19937 rng(20240601);
  const char* words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
                         "theta", " ",    ",",     "\n",    "{\"k\":", "}"};
  std::string source;
  while (source.size() < 100000) source += words[rng() % 13];
  std::string target = source;
  for (int e = 0; e < 40; ++e) {
    size_t at = rng() % target.size();
    switch (rng() % 3) {
      case 0:
        target.insert(at, "INSERTED-" + std::to_string(e));
        break;
      case 1:
        target.erase(at, rng() % 50);
        break;
      default:
        target[at] = static_cast<char>('A' + e % 26);
    }
  }
  ASSERT_EQ(source.size(), 100003u);
  ASSERT_EQ(target.size(), 99891u);
  std::string delta = CreateFossilDelta(source, target);
  EXPECT_EQ(delta.size(), 570u);
  EXPECT_EQ(FossilChecksum(delta), 0x7FA33E50u);
  EXPECT_EQ(ApplyFossilDelta(source, delta), target);
}

TEST(ApplyFossilDelta, AcceptsWhatTheFormatAllows) {
  const std::string abc = "abc";
  // Zero-length segments and leading zeros: no encoder writes them, but they are well formed.
  EXPECT_EQ(ApplyFossilDelta("", "3\n0:3:abc" + Trailer(abc)), abc);
  EXPECT_EQ(ApplyFossilDelta("xabc", "003\n0@0,3@1," + Trailer(abc)), abc);
  // Copies may overlap and repeat.
  EXPECT_EQ(ApplyFossilDelta("ab", "6\n2@0,2@0,1@1,1@0," + Trailer("ababba")), "ababba");
}

TEST(ApplyFossilDelta, RejectsMalformedDeltas) {
  const std::string abc = "abc";
  const std::string sum = Trailer(abc);
  struct Case {
    const char* why;
    std::string source;
    std::string delta;
  };
  const std::vector<Case> cases = {
      {"empty", "", ""},
      {"no size", "", "\n3:abc" + sum},
      {"size not ended by a newline", "", "3 \n3:abc" + sum},
      {"size over 32 bits", "", "400000\n3:abc" + sum},
      {"size over 64 bits", "", "~~~~~~~~~~~~\n3:abc" + sum},
      {"high-bit byte for a digit", "", "\xb3\n3:abc" + sum},
      {"no segments or trailer", "", "3\n"},
      {"no trailer", "", "3\n3:abc"},
      {"trailer without checksum", "", "3\n3:abc;"},
      {"wrong checksum", "", "3\n3:abc" + Int(FossilChecksum(abc) + 1) + ";"},
      {"output shorter than the size", "", "4\n3:abc" + sum},
      {"output longer than the size", "", "2\n3:abc" + sum},
      {"bytes after the trailer", "", "3\n3:abc" + sum + "x"},
      {"unknown operator", "", "3\n3#abc" + sum},
      {"segment without count", "", "3\n:abc" + sum},
      {"insert past the end of the delta", "", "3\n9:abc"},
      {"insert count over 32 bits", "", "3\n400000:abc"},
      {"copy without offset", "abc", "3\n3@," + sum},
      {"copy not ended by a comma", "abc", "3\n3@0;" + sum},
      {"copy past the end of the source", "abc", "3\n3@1," + sum},
      {"copy from an empty source", "", "3\n3@0," + sum},
      {"copy offset near 2^32", "abc", "3\n3@3~~~~~," + sum},
      {"copy count near 2^32", "abc", "3\n3~~~~~@0," + sum},
      {"copy larger than the size", "abcabc", "3\n6@0," + sum},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ApplyFossilDelta(c.source, c.delta), std::nullopt) << c.why;
  }
}

TEST(ApplyFossilDelta, RejectsEveryTruncation) {
  for (const Golden& g : GoldenDeltas()) {
    for (size_t n = 0; n < g.delta.size(); ++n) {
      EXPECT_EQ(ApplyFossilDelta(g.source, std::string_view(g.delta).substr(0, n)), std::nullopt)
          << g.name << " cut at " << n;
    }
  }
}

}  // namespace
}  // namespace livegate::delta
