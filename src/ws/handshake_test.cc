#include "ws/handshake.h"

#include <gtest/gtest.h>

namespace livegate::ws {
namespace {

TEST(Handshake, ComputesRfc6455ExampleAcceptKey) {
  EXPECT_EQ(ComputeAcceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(Handshake, AcceptsBase64Of16Bytes) {
  EXPECT_TRUE(IsValidClientKey("dGhlIHNhbXBsZSBub25jZQ=="));
  EXPECT_TRUE(IsValidClientKey("AAAAAAAAAAAAAAAAAAAA+/=="));
}

TEST(Handshake, RejectsMalformedKeys) {
  EXPECT_FALSE(IsValidClientKey(""));
  EXPECT_FALSE(IsValidClientKey("dGhlIHNhbXBsZSBub25jZQ="));    // 23 chars
  EXPECT_FALSE(IsValidClientKey("dGhlIHNhbXBsZSBub25jZQ==="));  // 25 chars
  EXPECT_FALSE(IsValidClientKey("dGhlIHNhbXBsZSBub25jZQAA"));   // no padding
  EXPECT_FALSE(IsValidClientKey("dGhlIHNhbXBsZSBub25j*Q=="));   // not base64
  EXPECT_FALSE(IsValidClientKey("dGhlIHNhbXBsZSBub25jZ==="));
}

}  // namespace
}  // namespace livegate::ws
