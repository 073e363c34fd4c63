#pragma once
// One event-loop thread and everything it owns: its io_context, the connections accepted on
// it, its part of the hub and its metrics. Other threads reach it only through Post().
// Thread: owner shard only, except Post() and metrics() reads. Owned by: ShardPool.

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "hub/shard_hub.h"
#include "metrics/shard_metrics.h"
#include "runtime/connection.h"

namespace livegate {

class Shard {
 public:
  Shard(uint32_t index, uint32_t read_buffer_bytes);
  // Destroys pending handlers (and the connections they keep alive) while the hub and the
  // registry still exist.
  ~Shard();
  Shard(const Shard&) = delete;
  Shard& operator=(const Shard&) = delete;

  uint32_t index() const { return index_; }
  boost::asio::io_context& io() { return *io_; }
  ShardHub& hub() { return hub_; }
  ShardMetrics& metrics() { return metrics_; }
  // One read buffer per shard: reads of every connection land here first (reactor-style).
  std::vector<char>& read_buffer() { return read_buffer_; }

  // Thread-safe: runs fn on this shard.
  template <class Fn>
  void Post(Fn&& fn) {
    metrics_.queue_depth.fetch_add(1, std::memory_order_relaxed);
    boost::asio::post(*io_, [this, fn = std::forward<Fn>(fn)]() mutable {
      metrics_.queue_depth.fetch_sub(1, std::memory_order_relaxed);
      fn();
    });
  }

  void Register(Connection* c);
  void Unregister(Connection* c);
  size_t connection_count() const { return connections_.size(); }

  // Runs the event loop on the calling thread until io() is stopped. Each turn runs the
  // handlers that are ready (bounded), then flushes every connection that got output in it.
  void Run();

  // Queues c->Flush() for the end of the current loop turn, so that every push produced in
  // this turn leaves in one write. Outside Run() (tests polling io()) the flush is posted.
  void ScheduleFlush(Connection* c);

  // Starts the periodic sweep that calls Tick() on every connection.
  void StartTicker(Clock::duration period);
  void StopTicker();
  // Sends `reason` to every connection (graceful shutdown).
  void ShutdownAll(Disconnect reason);

 private:
  void FlushAll();
  void OnTick();

  uint32_t index_;
  // Concurrency hint 1: only this shard's thread runs it.
  std::unique_ptr<boost::asio::io_context> io_ = std::make_unique<boost::asio::io_context>(1);
  ShardHub hub_;
  ShardMetrics metrics_;
  std::vector<char> read_buffer_;
  std::vector<Connection*> connections_;
  std::vector<std::shared_ptr<Connection>> dirty_;
  bool flush_posted_ = false;
  bool turn_based_ = false;  // inside Run(): FlushAll() ends every turn
  std::optional<boost::asio::steady_timer> ticker_;
  Clock::duration tick_period_{};
  bool ticking_ = false;
};

}  // namespace livegate
