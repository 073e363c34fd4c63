#pragma once
// One client over a long HTTP response: SSE (text/event-stream) or HTTP streaming
// (newline-delimited JSON), both in chunked transfer encoding, one chunk per loop turn.
// Unidirectional kinds (uni_sse, uni_http_stream) carry bare pushes; emulation kinds (sse,
// http_stream) carry full replies and take their commands from POST /emulation.
// Thread: owner shard only (HandleEmulated is posted there). Owned by: its pending I/O
// operations and the shard's flush list.

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <vector>

#include "runtime/connection.h"
#include "runtime/emulation_directory.h"
#include "session/client_session.h"
#include "transport/transport.h"

namespace livegate {

class Node;
class Shard;

enum class StreamKind : uint8_t { kUniSse, kUniHttpStream, kSse, kHttpStream };

// What opens the stream: the connect request and, for unidirectional kinds, the channels
// asked for in the URL and the SSE Last-Event-ID.
struct StreamOpen {
  std::string connect;  // uni: a ConnectRequest JSON; emulation: newline-delimited commands
  std::vector<std::string> channels;
  std::string last_event_id;
  std::string cors_headers;  // "Access-Control-...: ...\r\n" lines for an allowed origin
};

class StreamConnection final : public Connection, public Transport, public EmulationTarget {
 public:
  using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp,
                                                  boost::asio::io_context::executor_type>;

  StreamConnection(Node& node, Shard& shard, Socket socket, StreamKind kind);
  ~StreamConnection() override;

  void Start(StreamOpen open);

  // Transport
  bool Send(SharedBuffer message) override;
  bool SendWithId(SharedBuffer message, std::string id) override;
  void Close(Disconnect reason) override;
  const TransportInfo& info() const override;
  std::weak_ptr<void> lifetime() override { return weak_from_this(); }
  std::string_view session_id() const override { return session_id_; }

  // Connection
  void Flush() override;
  void Tick(Clock::time_point now) override;
  void Shutdown(Disconnect reason) override { Close(reason); }

  // EmulationTarget
  void HandleEmulated(const std::string& commands) override;

 private:
  enum class State : uint8_t { kOpen, kClosing, kDone };

  std::shared_ptr<StreamConnection> self() {
    return std::static_pointer_cast<StreamConnection>(shared_from_this());
  }
  bool sse() const { return kind_ == StreamKind::kUniSse || kind_ == StreamKind::kSse; }
  bool unidirectional() const {
    return kind_ == StreamKind::kUniSse || kind_ == StreamKind::kUniHttpStream;
  }
  // Appends one message in the stream's framing to the batch of this turn.
  void Frame(std::string_view message, std::string_view id);
  bool CheckQueueLimit();
  // Writes wire_ until done or the socket is full.
  void WriteOut();
  void WaitRead();
  void FinishClose();

  Node& node_;
  Shard& shard_;
  Socket socket_;
  StreamKind kind_;
  std::string session_id_;
  ClientSession session_;
  State state_ = State::kOpen;
  std::string head_;          // the response head, until the first write
  std::string cors_headers_;  // CORS lines of the head, also for an error response
  bool refused_ = false;      // head_ became an HTTP error: nothing else is sent
  std::string batch_;         // framed messages of this turn, not chunked yet
  std::string wire_;          // bytes being written
  size_t wire_pos_ = 0;       // how much of wire_ is written
  bool writing_ = false;      // waiting for the socket to become writable
  bool reading_ = false;
  bool trailer_pending_ = false;  // the last chunk still has to go out
  Clock::time_point close_deadline_{};
};

}  // namespace livegate
