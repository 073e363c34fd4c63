#include "engine/memory/memory_presence_store.h"

#include <set>

namespace livegate {

void MemoryPresenceStore::Add(const std::string& channel, const ClientInfo& info,
                              Clock::time_point now) {
  Map(channel)[channel][info.client] = Entry{info, now + ttl_};
}

void MemoryPresenceStore::Remove(const std::string& channel, const std::string& client) {
  auto& m = Map(channel);
  auto it = m.find(channel);
  if (it == m.end()) return;
  it->second.erase(client);
  if (it->second.empty()) m.erase(it);
}

MemoryPresenceStore::Clients* MemoryPresenceStore::Live(const std::string& channel,
                                                        Clock::time_point now) {
  auto& m = Map(channel);
  auto it = m.find(channel);
  if (it == m.end()) return nullptr;
  std::erase_if(it->second, [now](const auto& kv) { return kv.second.expires_at <= now; });
  if (it->second.empty()) {
    m.erase(it);
    return nullptr;
  }
  return &it->second;
}

std::map<std::string, ClientInfo> MemoryPresenceStore::Get(const std::string& channel,
                                                           Clock::time_point now) {
  std::map<std::string, ClientInfo> out;
  if (Clients* clients = Live(channel, now)) {
    for (const auto& [client, entry] : *clients) out.emplace(client, entry.info);
  }
  return out;
}

PresenceStats MemoryPresenceStore::Stats(const std::string& channel, Clock::time_point now) {
  PresenceStats stats;
  Clients* clients = Live(channel, now);
  if (clients == nullptr) return stats;
  std::set<std::string_view> users;
  for (const auto& [client, entry] : *clients) users.insert(entry.info.user);
  stats.num_clients = static_cast<uint32_t>(clients->size());
  stats.num_users = static_cast<uint32_t>(users.size());
  return stats;
}

}  // namespace livegate
