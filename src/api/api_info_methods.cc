// Server API methods that survey every shard: info and channels.
#include <boost/json.hpp>
#include <map>
#include <mutex>

#include "api/api_methods.h"
#include "api/glob.h"
#include "node/node.h"
#include "protocol/json_writer.h"

namespace livegate {
namespace json = boost::json;

void InfoMethod(Node& node, const json::object&, ApiDone done) {
  struct Totals {
    std::mutex mu;  // shards report concurrently; cold path
    uint64_t clients = 0, users = 0, channels = 0, subs = 0;
  };
  auto totals = std::make_shared<Totals>();
  node.ForEachShard(
      [totals](Shard& shard) {
        std::lock_guard lock(totals->mu);
        totals->clients += shard.hub().session_count();
        totals->users += shard.hub().user_count();
        totals->channels += shard.hub().channels().size();
        totals->subs += shard.metrics().subscriptions.load(std::memory_order_relaxed);
      },
      [&node, totals, done] {
        auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::steady_clock::now() - node.started_at())
                          .count();
        std::string out;
        protocol::JsonWriter w(out);
        w.BeginObject().Key("nodes").BeginArray().BeginObject();
        w.Field("uid", node.id()).Field("name", "livegate").Field("version", "0.1.0");
        w.Key("num_clients").UInt(totals->clients).Key("num_users").UInt(totals->users);
        w.Key("num_channels").UInt(totals->channels).Key("num_subs").UInt(totals->subs);
        w.Key("uptime").UInt(static_cast<uint64_t>(uptime));
        w.EndObject().EndArray().EndObject();
        done(ApiResult{nullptr, {}, std::move(out)});
      });
}

void ChannelsMethod(Node& node, const json::object& p, ApiDone done) {
  std::string pattern;
  if (const json::value* v = p.if_contains("pattern"); v && v->is_string()) {
    pattern = std::string(v->get_string());
  }
  struct Collected {
    std::mutex mu;
    std::map<std::string, uint64_t> channels;
  };
  auto collected = std::make_shared<Collected>();
  node.ForEachShard(
      [collected, pattern](Shard& shard) {
        std::lock_guard lock(collected->mu);
        for (const auto& [name, subs] : shard.hub().channels()) {
          if (pattern.empty() || GlobMatch(pattern, name)) {
            collected->channels[name] += subs.size();
          }
        }
      },
      [collected, done] {
        std::string out;
        protocol::JsonWriter w(out);
        w.BeginObject().Key("channels").BeginObject();
        for (const auto& [name, n] : collected->channels) {
          w.Key(name).BeginObject().Key("num_clients").UInt(n).EndObject();
        }
        w.EndObject().EndObject();
        done(ApiResult{nullptr, {}, std::move(out)});
      });
}

}  // namespace livegate
