#pragma once
// This shard's index of local sessions: channel → subscribers, user → sessions,
// client id → session. Holds non-owning pointers; a session removes itself before it dies.
// Thread: owner shard only. Owned by: Shard.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/publication.h"

namespace livegate {

class HubSession {
 public:
  virtual ~HubSession() = default;
  // Queues an encoded push for `channel`; called during fan-out. `offset` is the
  // publication's stream offset (0 for pushes outside the stream, like join/leave).
  virtual void Deliver(const SharedBuffer& push, std::string_view channel, uint64_t offset) = 0;
  // The same for a subscription that negotiated fossil deltas: the session picks the delta
  // when the client holds the previous publication, else the full payload.
  virtual void DeliverDelta(const struct DeltaPushes& pushes, std::string_view channel,
                            uint64_t offset) = 0;
};

// A publication encoded for delta subscriptions: data as a string, and (when the publication
// has one) the delta from the previous publication.
struct DeltaPushes {
  SharedBuffer full;
  SharedBuffer delta;  // null when there is no delta
};

// What a subscriber wants beyond publications; a push may require some of these.
enum SubscriberFlag : uint8_t {
  kWantsJoinLeave = 1,
  kDeltaFossil = 2,  // publications as fossil deltas (subscribe with delta: "fossil")
};

class ShardHub {
 public:
  struct Subscriber {
    HubSession* session;
    uint8_t flags;  // SubscriberFlag bits
  };

  // Returns true when `s` is the first local subscriber of the channel.
  bool Subscribe(std::string_view channel, HubSession* s, uint8_t flags = 0);
  // Returns true when the channel has no local subscriber left.
  bool Unsubscribe(std::string_view channel, HubSession* s);
  // Delivers `push` to every local subscriber of the channel having all `required` flags;
  // returns how many.
  // `delta`: the delta-subscription encoding of a publication, for kDeltaFossil subscribers.
  size_t Broadcast(std::string_view channel, const SharedBuffer& push, uint8_t required = 0,
                   uint64_t offset = 0, const DeltaPushes* delta = nullptr);
  size_t SubscriberCount(std::string_view channel) const;

  void AddSession(const std::string& client, const std::string& user, HubSession* s);
  void RemoveSession(const std::string& client, const std::string& user, HubSession* s);
  HubSession* FindClient(std::string_view client) const;
  // Sessions of a user (empty vector when none). The vector may change after any call above.
  const std::vector<HubSession*>& UserSessions(std::string_view user) const;

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

  // Channels with at least one local subscriber, and their subscribers.
  const StringMap<std::vector<Subscriber>>& channels() const { return channels_; }
  size_t session_count() const { return clients_.size(); }
  size_t user_count() const { return users_.size(); }

 private:
  StringMap<std::vector<Subscriber>> channels_;
  StringMap<std::vector<HubSession*>> users_;
  StringMap<HubSession*> clients_;
};

}  // namespace livegate
