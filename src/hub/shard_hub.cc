#include "hub/shard_hub.h"

#include <algorithm>

namespace livegate {

namespace {

bool RemoveFrom(std::vector<HubSession*>& v, HubSession* s) {
  auto it = std::find(v.begin(), v.end(), s);
  if (it == v.end()) return false;
  *it = v.back();
  v.pop_back();
  return true;
}

}  // namespace

bool ShardHub::Subscribe(std::string_view channel, HubSession* s, uint8_t flags) {
  auto it = channels_.find(channel);
  if (it == channels_.end()) it = channels_.emplace(std::string(channel), 0).first;
  it->second.push_back({s, flags});
  return it->second.size() == 1;
}

bool ShardHub::Unsubscribe(std::string_view channel, HubSession* s) {
  auto it = channels_.find(channel);
  if (it == channels_.end()) return false;
  auto& subs = it->second;
  auto sub =
      std::find_if(subs.begin(), subs.end(), [s](const Subscriber& x) { return x.session == s; });
  if (sub != subs.end()) {
    *sub = subs.back();
    subs.pop_back();
  }
  if (!subs.empty()) return false;
  channels_.erase(it);
  return true;
}

size_t ShardHub::Broadcast(std::string_view channel, const SharedBuffer& push, uint8_t required,
                           uint64_t offset, const DeltaPushes* delta) {
  auto it = channels_.find(channel);
  if (it == channels_.end()) return 0;
  // Deliver() never unsubscribes synchronously, so the vector is stable here.
  size_t n = 0;
  for (const Subscriber& s : it->second) {
    if ((s.flags & required) != required) continue;
    if (delta != nullptr && (s.flags & kDeltaFossil) != 0) {
      s.session->DeliverDelta(*delta, channel, offset);
    } else {
      s.session->Deliver(push, channel, offset);
    }
    ++n;
  }
  return n;
}

size_t ShardHub::SubscriberCount(std::string_view channel) const {
  auto it = channels_.find(channel);
  return it == channels_.end() ? 0 : it->second.size();
}

void ShardHub::AddSession(const std::string& client, const std::string& user, HubSession* s) {
  clients_[client] = s;
  users_[user].push_back(s);
}

void ShardHub::RemoveSession(const std::string& client, const std::string& user, HubSession* s) {
  if (auto it = clients_.find(client); it != clients_.end() && it->second == s) clients_.erase(it);
  if (auto it = users_.find(user); it != users_.end()) {
    RemoveFrom(it->second, s);
    if (it->second.empty()) users_.erase(it);
  }
}

HubSession* ShardHub::FindClient(std::string_view client) const {
  auto it = clients_.find(client);
  return it == clients_.end() ? nullptr : it->second;
}

const std::vector<HubSession*>& ShardHub::UserSessions(std::string_view user) const {
  static const std::vector<HubSession*> kNone;
  auto it = users_.find(user);
  return it == users_.end() ? kNone : it->second;
}

}  // namespace livegate
