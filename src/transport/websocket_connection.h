#pragma once
// One client over WebSocket: reactor-style reads into the shard's buffer, the ws/ codec,
// a byte-bounded outgoing queue flushed once per loop turn as one coalesced text frame
// (newline-delimited pushes, one gather write), and the close handshake with a time bound.
// Thread: owner shard only. Owned by: its pending I/O operations and the shard's flush list.

#include <sys/uio.h>

#include <boost/asio/ip/tcp.hpp>
#include <optional>
#include <string>
#include <vector>

#include "runtime/connection.h"
#include "session/client_session.h"
#include "transport/transport.h"
#include "ws/frame_decoder.h"

namespace livegate {

class Node;
class Shard;

using Socket =
    boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;

class WebSocketConnection final : public Connection, public Transport {
 public:
  // `initial` holds bytes that arrived right after the upgrade request. `unidirectional`:
  // uni_websocket, where the server only pushes (one bare push per frame, PROTOCOL.md §2).
  WebSocketConnection(Node& node, Shard& shard, Socket socket, std::string initial,
                      bool unidirectional = false);
  ~WebSocketConnection() override;

  void Start();
  // uni_websocket: connects now with the URL's connect request and channels (when the URL
  // had them), else with the first text message.
  void StartUnidirectional(std::optional<std::string> connect, std::vector<std::string> channels);

  // Transport
  bool Send(SharedBuffer message) override;
  void Close(Disconnect reason) override;
  const TransportInfo& info() const override;
  std::weak_ptr<void> lifetime() override { return weak_from_this(); }
  std::string_view session_id() const override { return uni_session_id_; }

  // Connection
  void Flush() override;
  void Tick(Clock::time_point now) override;
  void Shutdown(Disconnect reason) override { Close(reason); }

 private:
  enum class CloseState : uint8_t { kOpen, kClosing, kCloseSent, kDone };

  std::shared_ptr<WebSocketConnection> self() {
    return std::static_pointer_cast<WebSocketConnection>(shared_from_this());
  }
  void WaitRead();
  void OnReadable();
  // Decodes `bytes` (in the shard buffer); keeps an incomplete frame in carry_.
  void Consume(char* bytes, size_t size);
  bool OnFrame(const ws::Message& m);
  void SendControl(ws::Opcode op, std::string_view payload);
  // Moves queued output into the in-flight batch; false when nothing is left to write.
  bool PrepareBatch();
  // Frames queued messages one per frame, as bare pushes (uni_websocket).
  void PrepareUniFrames();
  void WriteLoop();
  void FinishClose();

  Node& node_;
  Shard& shard_;
  Socket socket_;
  ws::FrameDecoder decoder_;
  std::string carry_;  // a partial frame between reads
  ClientSession session_;
  CloseState close_state_ = CloseState::kOpen;
  bool write_blocked_ = false;  // waiting for the socket to become writable
  bool reading_ = false;
  std::vector<SharedBuffer> queue_;  // messages not framed yet
  size_t pending_bytes_ = 0;         // queued + in flight, against queue_max_size
  std::string control_;              // encoded control frames (pong) not sent yet
  std::string close_frame_;          // sent after everything else
  // The batch being written: iovecs over header_, control bytes and shared buffers.
  std::vector<iovec> iov_;
  size_t iov_pos_ = 0;
  std::vector<SharedBuffer> inflight_;
  std::string inflight_control_;
  uint8_t header_[10] = {};
  size_t inflight_bytes_ = 0;
  bool inflight_is_close_ = false;
  Clock::time_point close_deadline_{};
  bool unidirectional_ = false;
  bool uni_connected_ = false;  // uni_websocket: the connect request was handled
  std::vector<std::string> uni_channels_;
  std::string uni_session_id_;        // uni_websocket: reported in the connect push
  std::vector<uint8_t> uni_headers_;  // frame headers of a uni batch, 10 bytes per message
};

}  // namespace livegate
