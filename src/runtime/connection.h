#pragma once
// What a shard knows about one of its client connections: it can flush queued output at the
// end of a loop turn, run periodic checks (pings, timeouts) and shut it down.
// Thread: owner shard only. Owned by: its pending I/O operations (shared_ptr).

#include <chrono>
#include <cstdint>
#include <memory>

#include "core/disconnect.h"

namespace livegate {

using Clock = std::chrono::steady_clock;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  virtual ~Connection() = default;
  // Writes what was queued during this loop turn.
  virtual void Flush() = 0;
  // Periodic sweep (pings, pong and handshake timeouts, close deadlines).
  virtual void Tick(Clock::time_point now) = 0;
  // Begins closing with `reason`; never tears down synchronously.
  virtual void Shutdown(Disconnect reason) = 0;

  // Position in the shard's registry (for O(1) removal).
  size_t registry_index = SIZE_MAX;
  bool flush_scheduled = false;
};

}  // namespace livegate
