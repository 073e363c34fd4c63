// The coalescing writer: pushes queued in one loop turn leave as one text frame, and a
// client whose queue passes the byte bound is closed with 3008.
#include "transport/websocket_connection.h"

#include <gtest/gtest.h>

#include <boost/asio/read.hpp>

#include "node/node.h"

namespace livegate {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

struct Fixture {
  Node node;
  Shard& shard;
  tcp::socket client;
  std::shared_ptr<WebSocketConnection> conn;

  static Settings MakeSettings() {
    Settings s;
    s.shards = 1;
    s.client.queue_max_size = 4096;
    s.client.token.hmac_secret_key = "secret";
    return s;
  }

  Fixture()
      : node(MakeSettings(), std::move(*auth::JwtVerifier::Create(MakeSettings().client.token))),
        shard(node.shard(0)),
        client(shard.io()) {
    tcp::acceptor acceptor(shard.io(), tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    client.connect(acceptor.local_endpoint());
    Socket server_side(shard.io());
    acceptor.accept(server_side);
    conn = std::make_shared<WebSocketConnection>(node, shard, std::move(server_side), "");
    conn->Start();
  }

  // Reads one unmasked server frame: returns {opcode, payload}.
  std::pair<int, std::string> ReadFrame() {
    uint8_t h[2];
    asio::read(client, asio::buffer(h));
    uint64_t len = h[1] & 0x7f;
    if (len == 126) {
      uint8_t e[2];
      asio::read(client, asio::buffer(e));
      len = (uint64_t{e[0]} << 8) | e[1];
    } else if (len == 127) {
      uint8_t e[8];
      asio::read(client, asio::buffer(e));
      len = 0;
      for (uint8_t b : e) len = (len << 8) | b;
    }
    std::string payload(len, '\0');
    asio::read(client, asio::buffer(payload));
    return {h[0] & 0x0f, payload};
  }
};

SharedBuffer Msg(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

TEST(WebSocketConnection, CoalescesOneTurnOfPushesIntoOneFrame) {
  Fixture f;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(f.conn->Send(Msg("{\"n\":" + std::to_string(i) + "}")));
  f.shard.io().poll();
  auto [opcode, payload] = f.ReadFrame();
  EXPECT_EQ(opcode, 1);
  std::string expected;
  for (int i = 0; i < 10; ++i)
    expected += (i ? "\n" : "") + std::string("{\"n\":") + std::to_string(i) + "}";
  EXPECT_EQ(payload, expected);
  // Nothing else was written: the next turn's push is a frame of its own.
  ASSERT_TRUE(f.conn->Send(Msg("{\"n\":10}")));
  f.shard.io().poll();
  EXPECT_EQ(f.ReadFrame().second, "{\"n\":10}");
}

TEST(WebSocketConnection, ClosesWithSlowWhenTheQueuePassesItsBound) {
  Fixture f;
  std::string big(1000, 'x');
  int accepted = 0;
  while (f.conn->Send(Msg(big))) ++accepted;
  EXPECT_EQ(accepted, 4);  // 4 x 1001 bytes fit in 4096, the fifth does not
  EXPECT_FALSE(f.conn->Send(Msg("{}")));
  f.shard.io().poll();
  auto [opcode, payload] = f.ReadFrame();
  EXPECT_EQ(opcode, 8);
  ASSERT_GE(payload.size(), 2u);
  EXPECT_EQ((static_cast<uint8_t>(payload[0]) << 8) | static_cast<uint8_t>(payload[1]), 3008);
  EXPECT_EQ(payload.substr(2), "slow");
}

}  // namespace
}  // namespace livegate
