#include "transport/stream_connection.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "base/uuid.h"
#include "node/node.h"
#include "protocol/push_encoder.h"
#include "runtime/shard.h"

namespace livegate {

namespace {

constexpr auto kCloseTimeout = std::chrono::seconds(3);
constexpr std::string_view kLastChunk = "0\r\n\r\n";

const TransportInfo kInfos[] = {
    {"uni_sse", true, false, true},
    {"uni_http_stream", true, false, false},
    {"sse", false, true, false},
    {"http_stream", false, true, false},
};

std::string ResponseHead(bool sse, std::string_view cors) {
  std::string head = "HTTP/1.1 200 OK\r\nServer: livegate\r\nContent-Type: ";
  head += sse ? "text/event-stream; charset=utf-8" : "application/json";
  // Proxies must neither cache nor buffer a stream (X-Accel-Buffering: nginx).
  head +=
      "\r\nCache-Control: private, no-cache, no-store, must-revalidate, max-age=0\r\n"
      "Pragma: no-cache\r\nExpires: 0\r\nX-Accel-Buffering: no\r\n"
      "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n";
  head += cors;
  head += "\r\n";
  return head;
}

// A terminal disconnect before the stream started becomes an HTTP error, so that a native
// EventSource stops instead of reconnecting forever.
std::string ErrorResponse(Disconnect reason, std::string_view cors) {
  const char* status = reason.code == kDisconnectInvalidToken.code       ? "401 Unauthorized"
                       : reason.code == kDisconnectPermissionDenied.code ? "403 Forbidden"
                                                                         : "400 Bad Request";
  char body[200];
  int n = std::snprintf(body, sizeof(body), "{\"code\":%u,\"reason\":\"%.*s\"}", reason.code,
                        static_cast<int>(reason.reason.size()), reason.reason.data());
  std::string res = "HTTP/1.1 ";
  res += status;
  res += "\r\nServer: livegate\r\nContent-Type: application/json\r\nConnection: close\r\n";
  res += cors;
  res += "Content-Length: " + std::to_string(n) + "\r\n\r\n";
  res.append(body, static_cast<size_t>(n));
  return res;
}

void AppendChunk(std::string& out, std::string_view payload) {
  char size[20];
  int n = std::snprintf(size, sizeof(size), "%zx\r\n", payload.size());
  out.append(size, static_cast<size_t>(n));
  out += payload;
  out += "\r\n";
}

}  // namespace

StreamConnection::StreamConnection(Node& node, Shard& shard, Socket socket, StreamKind kind)
    : node_(node),
      shard_(shard),
      socket_(std::move(socket)),
      kind_(kind),
      session_id_(NewUuid()),
      session_(node, shard, *this) {}

StreamConnection::~StreamConnection() { shard_.Unregister(this); }

const TransportInfo& StreamConnection::info() const { return kInfos[static_cast<size_t>(kind_)]; }

void StreamConnection::Start(StreamOpen open) {
  boost::system::error_code ec;
  socket_.set_option(boost::asio::ip::tcp::no_delay(true), ec);
  shard_.Register(this);
  socket_.non_blocking(true, ec);
  cors_headers_ = std::move(open.cors_headers);
  head_ = ResponseHead(sse(), cors_headers_);
  if (!unidirectional()) {
    node_.emulation().Add(session_id_, EmulationDirectory::Entry{&shard_, self()});
  }
  // Runs the connect now: a refused connect turns into an HTTP error before any byte is sent.
  if (unidirectional()) {
    session_.HandleUniConnect(open.connect, std::move(open.channels), open.last_event_id);
  } else {
    session_.HandleMessage(open.connect);
  }
  shard_.ScheduleFlush(this);
  WaitRead();
}

void StreamConnection::HandleEmulated(const std::string& commands) {
  if (state_ == State::kOpen) session_.HandleMessage(commands);
}

void StreamConnection::Frame(std::string_view message, std::string_view id) {
  if (unidirectional()) message = protocol::UnwrapPush(message);
  if (sse()) {
    if (!id.empty()) {
      batch_ += "id: ";
      batch_ += id;
      batch_ += '\n';
    }
    batch_ += "data: ";
    batch_ += message;
    batch_ += "\n\n";
  } else {
    batch_ += message;
    batch_ += '\n';
  }
}

bool StreamConnection::CheckQueueLimit() {
  if (batch_.size() + wire_.size() - wire_pos_ <= node_.settings().client.queue_max_size) {
    return true;
  }
  Inc(shard_.metrics().disconnects_slow);
  batch_.clear();
  Close(kDisconnectSlow);
  return false;
}

bool StreamConnection::Send(SharedBuffer message) { return SendWithId(std::move(message), {}); }

bool StreamConnection::SendWithId(SharedBuffer message, std::string id) {
  if (state_ != State::kOpen) return false;
  Frame(*message, id);
  if (!CheckQueueLimit()) return false;
  shard_.ScheduleFlush(this);
  return true;
}

void StreamConnection::Close(Disconnect reason) {
  if (state_ != State::kOpen) return;
  state_ = State::kClosing;
  close_deadline_ = Clock::now() + kCloseTimeout;
  if (!head_.empty() && !reason.Reconnect() && batch_.empty()) {
    // Nothing sent yet: answer with an HTTP error instead of the stream.
    head_ = ErrorResponse(reason, cors_headers_);
    refused_ = true;
  } else {
    Frame(protocol::EncodeDisconnectPush(reason.code, reason.reason, reason.Reconnect()), {});
    trailer_pending_ = true;
  }
  // Leave the hub on a later turn: Close() may run inside a fan-out over the hub.
  shard_.Post([self = self()] { self->session_.Teardown(); });
  shard_.ScheduleFlush(this);
}

void StreamConnection::Flush() {
  if (writing_ || state_ == State::kDone) return;
  // Move this turn's output behind what is still unsent: the head first, then one chunk.
  if (!head_.empty()) {
    wire_ += head_;
    head_.clear();
    if (refused_) {
      batch_.clear();
      trailer_pending_ = false;
    }
  }
  if (!batch_.empty()) AppendChunk(wire_, batch_);
  batch_.clear();
  if (trailer_pending_) {
    wire_ += kLastChunk;
    trailer_pending_ = false;
  }
  WriteOut();
}

void StreamConnection::WriteOut() {
  // Non-blocking writes right away (no completion handler per write, as for WebSocket); a
  // full socket buffer arms one wait for writability.
  while (wire_pos_ < wire_.size()) {
    ssize_t n = ::send(socket_.native_handle(), wire_.data() + wire_pos_, wire_.size() - wire_pos_,
                       MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      writing_ = true;
      socket_.async_wait(Socket::wait_write, [self = self()](boost::system::error_code ec) {
        self->writing_ = false;
        if (ec || self->state_ == State::kDone) return self->FinishClose();
        self->Flush();
      });
      return;
    }
    if (n <= 0) return FinishClose();
    Inc(shard_.metrics().bytes_out, static_cast<uint64_t>(n));
    wire_pos_ += static_cast<size_t>(n);
  }
  wire_.clear();
  wire_pos_ = 0;
  if (wire_.capacity() > 4096) std::string().swap(wire_);  // an idle stream keeps no buffer
  if (state_ == State::kClosing && !trailer_pending_ && head_.empty()) FinishClose();
}

void StreamConnection::WaitRead() {
  if (reading_ || state_ == State::kDone) return;
  reading_ = true;
  socket_.async_wait(Socket::wait_read, [self = self()](boost::system::error_code ec) {
    self->reading_ = false;
    if (ec || self->state_ == State::kDone) return self->FinishClose();
    // Nothing more is expected from the client: drain and ignore; EOF ends the stream.
    auto& buf = self->shard_.read_buffer();
    boost::system::error_code rec;
    size_t n = self->socket_.read_some(boost::asio::buffer(buf.data(), buf.size()), rec);
    if (rec == boost::asio::error::would_block) return self->WaitRead();
    if (rec || n == 0) return self->FinishClose();
    Inc(self->shard_.metrics().bytes_in, n);
    self->WaitRead();
  });
}

void StreamConnection::Tick(Clock::time_point now) {
  if (state_ == State::kOpen) {
    session_.Tick(now);
  } else if (state_ == State::kClosing && now >= close_deadline_) {
    FinishClose();
  }
}

void StreamConnection::FinishClose() {
  if (state_ == State::kDone) return;
  state_ = State::kDone;
  boost::system::error_code ec;
  socket_.shutdown(Socket::shutdown_both, ec);
  socket_.close(ec);
  if (!unidirectional()) node_.emulation().Remove(session_id_);
  shard_.Post([self = self()] {
    self->session_.Teardown();
    self->shard_.Unregister(self.get());
  });
}

}  // namespace livegate
