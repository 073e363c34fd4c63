#include "engine/memory/memory_presence_store.h"

#include <set>

namespace livegate {

PresenceStats MemoryPresenceStore::Stats(const std::string& channel) {
  PresenceStats stats;
  auto& m = Map(channel);
  auto it = m.find(channel);
  if (it == m.end()) return stats;
  std::set<std::string_view> users;
  for (const auto& [client, info] : it->second) users.insert(info.user);
  stats.num_clients = static_cast<uint32_t>(it->second.size());
  stats.num_users = static_cast<uint32_t>(users.size());
  return stats;
}

}  // namespace livegate
