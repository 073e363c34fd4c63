#include "transport/websocket_connection.h"

#include <cerrno>
#include <cstring>

#include "base/uuid.h"
#include "node/node.h"
#include "protocol/push_encoder.h"
#include "runtime/shard.h"
#include "ws/frame_encoder.h"

namespace livegate {

namespace {

constexpr size_t kMaxMessagesPerFrame = 256;  // keeps one batch within IOV_MAX
constexpr auto kCloseHandshakeTimeout = std::chrono::seconds(3);
const char kNewline = '\n';

const TransportInfo kWebSocketInfo{"websocket", false, false, false};
const TransportInfo kUniWebSocketInfo{"uni_websocket", true, false, false};

}  // namespace

WebSocketConnection::WebSocketConnection(Node& node, Shard& shard, Socket socket,
                                         std::string initial, bool unidirectional)
    : node_(node),
      shard_(shard),
      socket_(std::move(socket)),
      decoder_(ws::DecoderLimits{node.settings().client.message_size_limit, true}),
      carry_(std::move(initial)),
      session_(node, shard, *this),
      unidirectional_(unidirectional),
      uni_session_id_(unidirectional ? NewUuid() : std::string()) {}

WebSocketConnection::~WebSocketConnection() { shard_.Unregister(this); }

const TransportInfo& WebSocketConnection::info() const {
  return unidirectional_ ? kUniWebSocketInfo : kWebSocketInfo;
}

void WebSocketConnection::StartUnidirectional(std::optional<std::string> connect,
                                              std::vector<std::string> channels) {
  if (connect || !channels.empty()) {
    uni_connected_ = true;
    session_.HandleUniConnect(connect.value_or(""), std::move(channels), "");
  } else {
    uni_channels_ = std::move(channels);
  }
  Start();
}

void WebSocketConnection::Start() {
  boost::system::error_code ec;
  socket_.non_blocking(true, ec);
  socket_.set_option(boost::asio::ip::tcp::no_delay(true), ec);
  shard_.Register(this);
  if (!carry_.empty()) {
    std::string initial;
    initial.swap(carry_);
    auto& buf = shard_.read_buffer();
    size_t n = std::min(initial.size(), buf.size());
    std::memcpy(buf.data(), initial.data(), n);
    Consume(buf.data(), n);
  }
  WaitRead();
}

void WebSocketConnection::WaitRead() {
  if (reading_ || close_state_ == CloseState::kDone) return;
  reading_ = true;
  socket_.async_wait(Socket::wait_read, [self = self()](boost::system::error_code ec) {
    self->reading_ = false;
    if (ec) {
      self->FinishClose();
      return;
    }
    self->OnReadable();
  });
}

void WebSocketConnection::OnReadable() {
  if (close_state_ == CloseState::kDone) return;
  auto& buf = shard_.read_buffer();
  size_t have = carry_.size();
  std::memcpy(buf.data(), carry_.data(), have);
  std::string().swap(carry_);  // an idle connection owns no read memory
  boost::system::error_code ec;
  size_t n = socket_.read_some(boost::asio::buffer(buf.data() + have, buf.size() - have), ec);
  if (ec == boost::asio::error::would_block) {
    carry_.assign(buf.data(), have);
    WaitRead();
    return;
  }
  if (ec || n == 0) {
    FinishClose();
    return;
  }
  Inc(shard_.metrics().bytes_in, n);
  Consume(buf.data(), have + n);
  WaitRead();
}

void WebSocketConnection::Consume(char* bytes, size_t size) {
  auto result = decoder_.Decode(std::span<char>(bytes, size),
                                [this](const ws::Message& m) { return OnFrame(m); });
  if (result.error) {
    Inc(shard_.metrics().protocol_errors);
    auto code = static_cast<uint16_t>(*result.error);
    Close(Disconnect{code, code == 1009 ? "message too big" : "protocol error"});
    return;
  }
  if (close_state_ == CloseState::kDone) return;
  carry_.assign(bytes + result.consumed, size - result.consumed);
}

bool WebSocketConnection::OnFrame(const ws::Message& m) {
  switch (m.opcode) {
    case ws::Opcode::kText:
      if (close_state_ != CloseState::kOpen) return false;
      if (!unidirectional_) {
        session_.HandleMessage(std::string_view(m.payload.data(), m.payload.size()));
      } else if (!uni_connected_) {
        // uni_websocket: the first message is the connect request; later ones are ignored.
        uni_connected_ = true;
        session_.HandleUniConnect(std::string_view(m.payload.data(), m.payload.size()),
                                  std::move(uni_channels_), "");
      }
      return close_state_ == CloseState::kOpen;
    case ws::Opcode::kPing:
      SendControl(ws::Opcode::kPong, std::string_view(m.payload.data(), m.payload.size()));
      return true;
    case ws::Opcode::kClose: {
      if (close_state_ == CloseState::kOpen) {
        // The client starts the close handshake: echo its code, then close.
        auto parsed = ws::ParseClosePayload(m.payload);
        uint16_t code = parsed && parsed->code != 1005 ? parsed->code : 1000;
        Close(Disconnect{code, ""});
      } else if (close_state_ == CloseState::kCloseSent) {
        FinishClose();
      }
      return false;
    }
    default:
      return true;  // pongs and anything the decoder let through
  }
}

bool WebSocketConnection::Send(SharedBuffer message) {
  if (close_state_ != CloseState::kOpen) return false;
  pending_bytes_ += message->size() + 1;
  queue_.push_back(std::move(message));
  if (pending_bytes_ > node_.settings().client.queue_max_size) {
    Inc(shard_.metrics().disconnects_slow);
    queue_.clear();
    Close(kDisconnectSlow);
    return false;
  }
  if (!write_blocked_) shard_.ScheduleFlush(this);
  return true;
}

void WebSocketConnection::SendControl(ws::Opcode op, std::string_view payload) {
  if (close_state_ != CloseState::kOpen) return;
  control_ += ws::EncodeFrame(op, payload);
  if (!write_blocked_) shard_.ScheduleFlush(this);
}

void WebSocketConnection::Close(Disconnect reason) {
  if (close_state_ != CloseState::kOpen) return;
  if (unidirectional_) {
    // One-way clients read the reason from a last push as well as from the close frame.
    queue_.push_back(std::make_shared<const std::string>(
        protocol::EncodeDisconnectPush(reason.code, reason.reason, reason.Reconnect())));
  }
  close_state_ = CloseState::kClosing;
  close_frame_ = ws::EncodeCloseFrame(reason.code, reason.reason);
  close_deadline_ = Clock::now() + kCloseHandshakeTimeout;
  // Leave the hub on a later turn: Close() may run inside a fan-out over the hub.
  shard_.Post([self = self()] { self->session_.Teardown(); });
  if (!write_blocked_) shard_.ScheduleFlush(this);
}

void WebSocketConnection::Flush() {
  if (write_blocked_ || close_state_ == CloseState::kDone) return;
  WriteLoop();
}

bool WebSocketConnection::PrepareBatch() {
  iov_.clear();
  iov_pos_ = 0;
  inflight_bytes_ = 0;
  inflight_is_close_ = false;
  if (!control_.empty()) {
    inflight_control_.swap(control_);
    control_.clear();
    iov_.push_back({inflight_control_.data(), inflight_control_.size()});
    inflight_bytes_ += inflight_control_.size();
  }
  if (!queue_.empty() && unidirectional_) {
    PrepareUniFrames();
  } else if (!queue_.empty()) {
    size_t n = std::min(queue_.size(), kMaxMessagesPerFrame);
    size_t payload = n - 1;
    for (size_t i = 0; i < n; ++i) payload += queue_[i]->size();
    size_t hlen =
        ws::EncodeFrameHeader(ws::Opcode::kText, payload, std::span<uint8_t, 10>(header_));
    iov_.push_back({header_, hlen});
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) iov_.push_back({const_cast<char*>(&kNewline), 1});
      iov_.push_back({const_cast<char*>(queue_[i]->data()), queue_[i]->size()});
    }
    inflight_.assign(std::make_move_iterator(queue_.begin()),
                     std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    inflight_bytes_ += hlen + payload;
  } else if (iov_.empty() && close_state_ == CloseState::kClosing && !close_frame_.empty()) {
    iov_.push_back({close_frame_.data(), close_frame_.size()});
    inflight_bytes_ += close_frame_.size();
    inflight_is_close_ = true;
  }
  return !iov_.empty();
}

void WebSocketConnection::PrepareUniFrames() {
  size_t n = std::min(queue_.size(), kMaxMessagesPerFrame / 2);
  uni_headers_.resize(n * 10);
  for (size_t i = 0; i < n; ++i) {
    std::string_view push = protocol::UnwrapPush(*queue_[i]);
    size_t hlen = ws::EncodeFrameHeader(ws::Opcode::kText, push.size(),
                                        std::span<uint8_t, 10>(uni_headers_.data() + i * 10, 10));
    iov_.push_back({uni_headers_.data() + i * 10, hlen});
    iov_.push_back({const_cast<char*>(push.data()), push.size()});
    inflight_bytes_ += hlen + push.size();
  }
  inflight_.assign(std::make_move_iterator(queue_.begin()),
                   std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
  queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
}

void WebSocketConnection::WriteLoop() {
  while (close_state_ != CloseState::kDone) {
    if (iov_pos_ >= iov_.size() && !PrepareBatch()) break;
    ssize_t n = ::writev(socket_.native_handle(), iov_.data() + iov_pos_,
                         static_cast<int>(std::min<size_t>(iov_.size() - iov_pos_, IOV_MAX)));
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      write_blocked_ = true;
      socket_.async_wait(Socket::wait_write, [self = self()](boost::system::error_code ec) {
        self->write_blocked_ = false;
        if (ec) return self->FinishClose();
        self->WriteLoop();
      });
      return;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return FinishClose();
    Inc(shard_.metrics().bytes_out, static_cast<uint64_t>(n));
    auto left = static_cast<size_t>(n);
    while (left > 0 && iov_pos_ < iov_.size()) {
      iovec& v = iov_[iov_pos_];
      size_t take = std::min(left, v.iov_len);
      v.iov_base = static_cast<char*>(v.iov_base) + take;
      v.iov_len -= take;
      left -= take;
      if (v.iov_len == 0) ++iov_pos_;
    }
    if (iov_pos_ < iov_.size()) continue;
    // The batch is out: release its buffers.
    for (const auto& b : inflight_) pending_bytes_ -= std::min(pending_bytes_, b->size() + 1);
    inflight_.clear();
    inflight_control_.clear();
    if (inflight_is_close_) {
      close_state_ = CloseState::kCloseSent;
      close_frame_.clear();
      boost::system::error_code ec;
      socket_.shutdown(Socket::shutdown_send, ec);
      WaitRead();  // the client answers with its own close frame or EOF
      return;
    }
  }
  // Nothing left: give back batch memory held by a connection that went idle.
  if (iov_.capacity() > 64) std::vector<iovec>().swap(iov_);
  if (queue_.capacity() > 64) std::vector<SharedBuffer>().swap(queue_);
}

void WebSocketConnection::Tick(Clock::time_point now) {
  if (close_state_ == CloseState::kOpen) {
    session_.Tick(now);
  } else if (close_state_ != CloseState::kDone && now >= close_deadline_) {
    FinishClose();
  }
}

void WebSocketConnection::FinishClose() {
  if (close_state_ == CloseState::kDone) return;
  close_state_ = CloseState::kDone;
  boost::system::error_code ec;
  socket_.close(ec);
  queue_.clear();
  inflight_.clear();
  // Unregistering now could disturb a shard sweep in progress; do it on the next turn.
  shard_.Post([self = self()] {
    self->session_.Teardown();
    self->shard_.Unregister(self.get());
  });
}

}  // namespace livegate
