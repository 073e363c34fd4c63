#pragma once
// What a session sees of its connection: queue messages, close with a code. The session does
// not know whether it runs over WebSocket, SSE or HTTP streaming.
// Thread: owner shard only. Owned by: the connection object that also owns the session.

#include <memory>
#include <string>
#include <string_view>

#include "core/disconnect.h"
#include "core/publication.h"

namespace livegate {

struct TransportInfo {
  std::string_view name;  // "websocket", "sse", "http_stream", ...
  bool unidirectional = false;
  bool emulation = false;
  // Publication events carry the connection's stream positions as their id, so a client that
  // reconnects with Last-Event-ID recovers (protocol/stream_position_id.h). uni_sse only.
  bool position_ids = false;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Queues one message (a JSON reply or push). Returns false when the connection is closing
  // or was just closed for being slow; the caller stops sending.
  virtual bool Send(SharedBuffer message) = 0;
  // Send() with an event id (only called when info().position_ids).
  virtual bool SendWithId(SharedBuffer message, std::string id) {
    (void)id;
    return Send(std::move(message));
  }
  // Sends what is queued, then closes with `reason`. Idempotent; tears down asynchronously.
  virtual void Close(Disconnect reason) = 0;
  virtual const TransportInfo& info() const = 0;
  // Keeps the connection (and so the session) alive while an asynchronous reply is pending.
  virtual std::weak_ptr<void> lifetime() = 0;
  // The session id of emulated and unidirectional transports ("" for WebSocket): the key of
  // POST /emulation requests.
  virtual std::string_view session_id() const { return {}; }
};

}  // namespace livegate
