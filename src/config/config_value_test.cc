#include "config/config_value.h"

#include <gtest/gtest.h>

namespace livegate::config {
namespace {

using std::chrono::milliseconds;

TEST(ParseDuration, AcceptsEveryForm) {
  EXPECT_EQ(ParseDuration("25s"), milliseconds(25000));
  EXPECT_EQ(ParseDuration("500ms"), milliseconds(500));
  EXPECT_EQ(ParseDuration("2m"), milliseconds(120000));
  EXPECT_EQ(ParseDuration("1h"), milliseconds(3600000));
  EXPECT_EQ(ParseDuration("1h30m"), milliseconds(5400000));
  EXPECT_EQ(ParseDuration("1s500ms"), milliseconds(1500));
  EXPECT_EQ(ParseDuration("30"), milliseconds(30000));  // bare integer = seconds
  EXPECT_EQ(ParseDuration("0"), milliseconds(0));
  EXPECT_EQ(ParseDuration("0ms"), milliseconds(0));
}

TEST(ParseDuration, RejectsJunk) {
  for (const char* junk : {"", "abc", "s", "10x", "1.5s", "-1", "-5s", "5 s", "+5", "10sec",
                           "1h-30m", "ms5", "99999999999999999999", "87601h"}) {
    EXPECT_EQ(ParseDuration(junk), std::nullopt) << junk;
  }
  EXPECT_EQ(ParseDuration("87600h"), kMaxDuration);
}

TEST(FormatDuration, ShortestExactFormRoundTrips) {
  EXPECT_EQ(FormatDuration(milliseconds(0)), "0s");
  EXPECT_EQ(FormatDuration(milliseconds(500)), "500ms");
  EXPECT_EQ(FormatDuration(milliseconds(25000)), "25s");
  EXPECT_EQ(FormatDuration(milliseconds(120000)), "2m");
  EXPECT_EQ(FormatDuration(milliseconds(5400000)), "1h30m");
  for (int64_t ms : {1, 999, 1000, 1001, 61001, 3600000, 3661001}) {
    EXPECT_EQ(ParseDuration(FormatDuration(milliseconds(ms))), milliseconds(ms)) << ms;
  }
}

TEST(ParseBool, AcceptsWordsAndDigits) {
  for (const char* t : {"true", "TRUE", "1", "yes", "Yes"}) EXPECT_EQ(ParseBool(t), true) << t;
  for (const char* f : {"false", "0", "no", "NO"}) EXPECT_EQ(ParseBool(f), false) << f;
  for (const char* junk : {"", "2", "on", "y", "truee"}) EXPECT_EQ(ParseBool(junk), std::nullopt);
}

TEST(ParseText, ChecksRangesAndNamesTheKey) {
  FieldSpec port{.path = "http.port", .kind = Kind::kInt};
  port.Range(0, 65535);
  EXPECT_EQ(std::get<int64_t>(ParseText(port, "http.port", "9000")), 9000);
  EXPECT_EQ(std::get<int64_t>(ParseText(port, "http.port", " 9000 ")), 9000);
  try {
    ParseText(port, "http.port", "70000");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_STREQ(e.what(), "invalid value \"70000\" for http.port (expected an integer 0-65535)");
  }
  EXPECT_THROW(ParseText(port, "http.port", "-1"), ParseError);
  EXPECT_THROW(ParseText(port, "http.port", "80.5"), ParseError);
  EXPECT_THROW(ParseText(port, "http.port", "0x50"), ParseError);
}

TEST(ParseText, DurationLimitsAndWholeSeconds) {
  FieldSpec ping{.path = "p", .kind = Kind::kDuration};
  ping.Min(1);
  EXPECT_EQ(std::get<milliseconds>(ParseText(ping, "p", "10s")), milliseconds(10000));
  EXPECT_THROW(ParseText(ping, "p", "0s"), ParseError);
  FieldSpec ttl{.path = "t", .kind = Kind::kDuration, .duration_unit_ms = 1000};
  EXPECT_EQ(std::get<milliseconds>(ParseText(ttl, "t", "2m")), milliseconds(120000));
  try {
    ParseText(ttl, "t", "1500ms");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("whole seconds"), std::string::npos) << e.what();
  }
}

TEST(ParseText, ListsAreCommaSeparated) {
  FieldSpec list{.path = "l", .kind = Kind::kStringList};
  EXPECT_EQ(std::get<std::vector<std::string>>(ParseText(list, "l", " a, b ,,c ")),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(std::get<std::vector<std::string>>(ParseText(list, "l", "")).empty());
}

TEST(FormatScalar, QuotesStringsSoTheyReadBackAsStrings) {
  EXPECT_EQ(FormatScalar(std::string("info")), "\"info\"");
  EXPECT_EQ(FormatScalar(std::string()), "\"\"");
  EXPECT_EQ(FormatScalar(std::vector<std::string>{"*", "a"}), "[\"*\", \"a\"]");
  EXPECT_EQ(FormatScalar(std::vector<std::string>{}), "[]");
  EXPECT_EQ(FormatScalar(true), "true");
  EXPECT_EQ(FormatScalar(int64_t{42}), "42");
}

}  // namespace
}  // namespace livegate::config
