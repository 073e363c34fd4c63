#pragma once
// Where the upstream half of an emulated connection goes: POST /emulation names a session id,
// and this directory knows which shard holds that session. Only this node's sessions are
// listed (one node; several nodes would forward through the broker).
// Thread: any (a mutex guards the map; lookups are short). Owned by: Node.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace livegate {

class Shard;

// The receiving end: an emulated connection that takes commands posted to /emulation.
class EmulationTarget {
 public:
  virtual ~EmulationTarget() = default;
  // Runs on the owner shard: newline-delimited commands from one /emulation request.
  virtual void HandleEmulated(const std::string& commands) = 0;
};

class EmulationDirectory {
 public:
  struct Entry {
    Shard* shard;
    std::weak_ptr<EmulationTarget> target;
  };

  void Add(const std::string& session, Entry entry) {
    std::lock_guard lock(mu_);
    sessions_[session] = std::move(entry);
  }
  void Remove(const std::string& session) {
    std::lock_guard lock(mu_);
    sessions_.erase(session);
  }
  std::optional<Entry> Find(const std::string& session) const {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(session);
    if (it == sessions_.end()) return std::nullopt;
    return it->second;
  }

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> sessions_;
};

}  // namespace livegate
