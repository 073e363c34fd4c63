#include "runtime/shard.h"

namespace livegate {

Shard::Shard(uint32_t index, uint32_t read_buffer_bytes)
    : index_(index), read_buffer_(read_buffer_bytes) {
  ticker_.emplace(*io_);
}

Shard::~Shard() {
  ticker_.reset();
  io_.reset();
}

void Shard::Register(Connection* c) {
  c->registry_index = connections_.size();
  connections_.push_back(c);
  Inc(metrics_.connections);
  Inc(metrics_.connections_total);
}

void Shard::Unregister(Connection* c) {
  size_t i = c->registry_index;
  if (i >= connections_.size() || connections_[i] != c) return;
  connections_[i] = connections_.back();
  connections_[i]->registry_index = i;
  connections_.pop_back();
  c->registry_index = SIZE_MAX;
  Dec(metrics_.connections);
}

void Shard::ScheduleFlush(Connection* c) {
  if (c->flush_scheduled) return;  // checked before touching the reference count
  c->flush_scheduled = true;
  dirty_.push_back(c->shared_from_this());
  if (!turn_based_ && !flush_posted_) {
    flush_posted_ = true;
    boost::asio::post(*io_, [this] { FlushAll(); });
  }
}

void Shard::Run() {
  // Handlers run per turn before a flush: enough to batch a burst of publications into one
  // frame per connection, few enough that a flood of posts cannot starve the writes.
  constexpr int kMaxHandlersPerTurn = 256;
  auto guard = boost::asio::make_work_guard(*io_);
  turn_based_ = true;
  while (io_->run_one() != 0) {
    for (int i = 1; i < kMaxHandlersPerTurn && io_->poll_one() != 0; ++i) {
    }
    if (!dirty_.empty()) FlushAll();
  }
  turn_based_ = false;
}

void Shard::FlushAll() {
  flush_posted_ = false;
  std::vector<std::shared_ptr<Connection>> batch;
  batch.swap(dirty_);
  for (auto& c : batch) {
    c->flush_scheduled = false;
    c->Flush();
  }
  // Keep the vector's capacity for the next turn.
  batch.clear();
  if (dirty_.empty()) dirty_.swap(batch);
}

void Shard::StartTicker(Clock::duration period) {
  tick_period_ = period;
  ticking_ = true;
  ticker_->expires_after(tick_period_);
  ticker_->async_wait([this](boost::system::error_code ec) {
    if (!ec) OnTick();
  });
}

void Shard::StopTicker() {
  ticking_ = false;
  ticker_->cancel();
}

void Shard::OnTick() {
  if (!ticking_) return;
  auto now = Clock::now();
  // Tick() never unregisters synchronously, so indices stay valid during the sweep.
  for (size_t i = 0; i < connections_.size(); ++i) connections_[i]->Tick(now);
  StartTicker(tick_period_);
}

void Shard::ShutdownAll(Disconnect reason) {
  for (size_t i = 0; i < connections_.size(); ++i) connections_[i]->Shutdown(reason);
}

}  // namespace livegate
