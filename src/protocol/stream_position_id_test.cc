#include "protocol/stream_position_id.h"

#include <gtest/gtest.h>

namespace livegate::protocol {
namespace {

TEST(StreamPositionId, RoundTripsSeveralChannels) {
  std::string id;
  AppendPositionEntry(id, "news", 42, "abcd1234");
  AppendPositionEntry(id, "chat:room#1,2", 0, "");
  EXPECT_EQ(id, "42:abcd1234:news 0::chat:room#1,2");
  auto parsed = ParsePositionId(id, 8);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].channel, "news");
  EXPECT_EQ((*parsed)[0].offset, 42u);
  EXPECT_EQ((*parsed)[0].epoch, "abcd1234");
  EXPECT_EQ((*parsed)[1].channel, "chat:room#1,2");
  EXPECT_EQ((*parsed)[1].offset, 0u);
  EXPECT_EQ((*parsed)[1].epoch, "");
}

TEST(StreamPositionId, EmptyIdIsNoPositions) {
  auto parsed = ParsePositionId("", 8);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->empty());
}

TEST(StreamPositionId, RejectsMalformedIds) {
  for (std::string_view bad :
       {"news", "x:e:news", "1:e:", ":e:news", "1:e", "-1:e:news", "1:e:news  2:e:b",
        "99999999999999999999999:e:news", "1:e:ne\x01ws", "1:e:news "}) {
    EXPECT_FALSE(ParsePositionId(bad, 8)) << bad;
  }
}

TEST(StreamPositionId, RejectsTooManyEntries) {
  std::string id;
  for (int i = 0; i < 3; ++i) AppendPositionEntry(id, "c" + std::to_string(i), 1, "e");
  EXPECT_TRUE(ParsePositionId(id, 3));
  EXPECT_FALSE(ParsePositionId(id, 2));
}

}  // namespace
}  // namespace livegate::protocol
