#include "node/node.h"

#include "base/uuid.h"
#include "delta/fossil_delta.h"
#include "engine/memory/memory_broker.h"
#include "engine/memory/memory_history_store.h"
#include "engine/memory/memory_presence_store.h"
#include "engine/shard_key.h"
#include "protocol/push_encoder.h"

namespace livegate {

namespace {

thread_local Shard* current_shard = nullptr;

uint32_t ShardCountFor(const Settings& s) {
  if (s.shards > 0) return s.shards;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

}  // namespace

Node::Node(Settings settings, auth::JwtVerifier verifier)
    : settings_(std::move(settings)),
      verifier_(std::move(verifier)),
      policy_(settings_.channel.max_length, settings_.channel.without_namespace,
              settings_.channel.namespaces),
      id_(NewUuid()) {
  uint32_t n = ShardCountFor(settings_);
  // A read buffer holds the largest message plus its frame header, with room to spare.
  uint32_t read_bytes = std::max<uint32_t>(settings_.client.message_size_limit + 64, 65536);
  for (uint32_t i = 0; i < n; ++i) shards_.push_back(std::make_unique<Shard>(i, read_bytes));
  broker_ = std::make_unique<MemoryBroker>();
  history_ = std::make_unique<MemoryHistoryStore>(n);
  presence_ = std::make_unique<MemoryPresenceStore>(n, settings_.channel.presence_ttl);
  broker_->SetHandler(this);
  idempotency_.assign(n, IdempotencyCache(std::chrono::minutes(5)));
}

Node::~Node() {
  Stop();
  Join();
  destroying_ = true;
  shards_.clear();
}

Shard* Node::CurrentShard() { return current_shard; }

void Node::Start() {
  started_at_ = std::chrono::steady_clock::now();
  for (auto& s : shards_) {
    threads_.emplace_back([shard = s.get()] {
      current_shard = shard;
      shard->Run();
      current_shard = nullptr;
    });
  }
}

void Node::Stop() {
  for (auto& s : shards_) s->io().stop();
}

void Node::Join() {
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

template <class Result>
void Node::OnOwner(const std::string& channel, std::function<Result()> fn,
                   std::function<void(Result)> done) {
  if (destroying_) return;
  Shard* caller = CurrentShard();
  Shard& owner = *shards_[OwnerShardOf(channel, shard_count())];
  owner.Post([caller, fn = std::move(fn), done = std::move(done)]() mutable {
    Result r = fn();
    if (caller == nullptr) {
      done(std::move(r));
      return;
    }
    caller->Post([done = std::move(done), r = std::move(r)]() mutable { done(std::move(r)); });
  });
}

void Node::Publish(PublishRequest req, PublishDone done) {
  const NamespaceOptions* ns = nullptr;
  ChannelName name;
  if (const ReplyError* err = policy_.Resolve(req.channel, &name, &ns)) {
    done(err, {});
    return;
  }
  bool history = ns->HistoryEnabled() && !req.skip_history;
  bool delta = history && ns->AllowsFossil() && (req.delta || ns->delta_publish);
  HistoryOptions hopts{ns->history_size, ns->history_ttl};
  auto channel = std::make_shared<std::string>(std::move(req.channel));
  auto pub = std::make_shared<Publication>(std::move(req.publication));
  std::string key;
  if (!req.idempotency_key.empty()) key = *channel + '\0' + req.idempotency_key;
  OnOwner<StreamPosition>(
      *channel,
      [this, channel, pub, history, delta, hopts, key = std::move(key)]() {
        auto& cache = idempotency_[OwnerShardOf(*channel, shard_count())];
        auto now = IdempotencyCache::Clock::now();
        if (!key.empty()) {
          if (const StreamPosition* earlier = cache.Find(key, now)) return *earlier;
        }
        if (delta) AttachDelta(*channel, *pub);
        StreamPosition pos;
        PublicationPtr positioned = history
                                        ? history_->Append(*channel, std::move(*pub), hopts, &pos)
                                        : std::make_shared<const Publication>(std::move(*pub));
        Inc(shards_[OwnerShardOf(*channel, shard_count())]->metrics().publications);
        broker_->Publish(*channel, std::move(positioned));
        if (!key.empty()) cache.Put(key, pos, now);
        return pos;
      },
      [done = std::move(done)](StreamPosition pos) { done(nullptr, std::move(pos)); });
}

void Node::AttachDelta(const std::string& channel, Publication& pub) {
  // The delta goes from the stream's newest publication, which is the previous one of `pub`
  // once appended; a client holding it rebuilds `pub` from the delta.
  HistoryFilter last{nullptr, 1, true};
  HistoryResult r = history_->Read(channel, last);
  if (r.publications.empty() || r.publications.front()->offset != r.top.offset) return;
  std::string d = delta::CreateFossilDelta(r.publications.front()->data, pub.data);
  if (d.size() < pub.data.size()) pub.delta = std::move(d);
}

void Node::HandlePublication(const std::string& channel, PublicationPtr pub) {
  // Encode once; every shard and every session shares these bytes.
  auto push = std::make_shared<const std::string>(protocol::EncodePublicationPush(channel, *pub));
  std::shared_ptr<const DeltaPushes> delta;
  ChannelName name;
  const NamespaceOptions* ns = nullptr;
  if (policy_.Resolve(channel, &name, &ns) == nullptr && ns->AllowsFossil()) {
    auto pushes = std::make_shared<DeltaPushes>();
    pushes->full = std::make_shared<const std::string>(
        protocol::EncodePublicationPush(channel, *pub, protocol::PublicationForm::kString));
    if (!pub->delta.empty()) {
      pushes->delta = std::make_shared<const std::string>(
          protocol::EncodePublicationPush(channel, *pub, protocol::PublicationForm::kDelta));
    }
    delta = std::move(pushes);
  }
  BroadcastEncoded(channel, std::move(push), 0, pub->offset, std::move(delta));
}

void Node::BroadcastEncoded(const std::string& channel, SharedBuffer push, uint8_t required,
                            uint64_t offset, std::shared_ptr<const DeltaPushes> delta) {
  if (destroying_) return;
  for (auto& s : shards_) {
    s->Post([shard = s.get(), channel, push, required, offset, delta] {
      size_t n = shard->hub().Broadcast(channel, push, required, offset, delta.get());
      Inc(shard->metrics().deliveries, n);
    });
  }
}

void Node::OnFirstSubscriber(const std::string& channel) {
  OnOwner<bool>(
      channel,
      [this, channel] {
        broker_->Subscribe(channel);
        return true;
      },
      [](bool) {});
}

void Node::OnLastSubscriber(const std::string& channel) {
  OnOwner<bool>(
      channel,
      [this, channel] {
        broker_->Unsubscribe(channel);
        return true;
      },
      [](bool) {});
}

void Node::AddPresence(const std::string& channel, ClientInfo info) {
  OnOwner<bool>(
      channel,
      [this, channel, info = std::move(info)] {
        presence_->Add(channel, info, PresenceStore::Clock::now());
        return true;
      },
      [](bool) {});
}

void Node::RemovePresence(const std::string& channel, std::string client) {
  OnOwner<bool>(
      channel,
      [this, channel, client = std::move(client)] {
        presence_->Remove(channel, client);
        return true;
      },
      [](bool) {});
}

void Node::GetPresence(const std::string& channel,
                       std::function<void(std::map<std::string, ClientInfo>)> done) {
  OnOwner<std::map<std::string, ClientInfo>>(
      channel, [this, channel] { return presence_->Get(channel, PresenceStore::Clock::now()); },
      std::move(done));
}

void Node::GetPresenceStats(const std::string& channel, std::function<void(PresenceStats)> done) {
  OnOwner<PresenceStats>(
      channel, [this, channel] { return presence_->Stats(channel, PresenceStore::Clock::now()); },
      std::move(done));
}

void Node::ReadHistory(const std::string& channel, StreamPosition since, bool has_since,
                       int32_t limit, bool reverse, std::function<void(HistoryResult)> done) {
  OnOwner<HistoryResult>(
      channel,
      [this, channel, since = std::move(since), has_since, limit, reverse] {
        HistoryFilter f{has_since ? &since : nullptr, limit, reverse};
        return history_->Read(channel, f);
      },
      std::move(done));
}

void Node::RemoveHistory(const std::string& channel, std::function<void()> done) {
  OnOwner<bool>(
      channel,
      [this, channel] {
        history_->Remove(channel);
        return true;
      },
      [done = std::move(done)](bool) { done(); });
}

void Node::ForEachShard(std::function<void(Shard&)> fn, std::function<void()> done) {
  Shard* caller = CurrentShard();
  auto remaining = std::make_shared<std::atomic<uint32_t>>(shard_count());
  auto shared_fn = std::make_shared<std::function<void(Shard&)>>(std::move(fn));
  auto shared_done = std::make_shared<std::function<void()>>(std::move(done));
  for (auto& s : shards_) {
    s->Post([shard = s.get(), caller, remaining, shared_fn, shared_done] {
      (*shared_fn)(*shard);
      if (remaining->fetch_sub(1) != 1) return;
      if (caller != nullptr) {
        caller->Post([shared_done] { (*shared_done)(); });
      } else {
        (*shared_done)();
      }
    });
  }
}

}  // namespace livegate
