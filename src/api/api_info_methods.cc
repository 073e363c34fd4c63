// Server API methods that survey every shard: info, channels and user_status.
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

// {"users":[...]} → whether each user has a connection now, and how many (the data of an
// "online" indicator; join/leave pushes of a presence channel give the live changes).
void UserStatusMethod(Node& node, const json::object& p, ApiDone done) {
  constexpr size_t kMaxUsers = 1000;
  const json::value* users = p.if_contains("users");
  if (users == nullptr || !users->is_array() || users->get_array().empty() ||
      users->get_array().size() > kMaxUsers) {
    return done(ApiResult{&kErrorBadRequest, "users must be a list of 1 to 1000 user ids", {}});
  }
  struct Collected {
    std::mutex mu;
    std::vector<std::string> users;
    std::vector<uint64_t> connections;
  };
  auto collected = std::make_shared<Collected>();
  for (const auto& u : users->get_array()) {
    if (!u.is_string() || u.get_string().empty()) {
      return done(ApiResult{&kErrorBadRequest, "users must be non-empty strings", {}});
    }
    collected->users.emplace_back(u.get_string());
  }
  collected->connections.resize(collected->users.size());
  node.ForEachShard(
      [collected](Shard& shard) {
        std::lock_guard lock(collected->mu);
        for (size_t i = 0; i < collected->users.size(); ++i) {
          collected->connections[i] += shard.hub().UserSessions(collected->users[i]).size();
        }
      },
      [collected, done] {
        std::string out;
        protocol::JsonWriter w(out);
        w.BeginObject().Key("statuses").BeginArray();
        for (size_t i = 0; i < collected->users.size(); ++i) {
          w.BeginObject().Field("user", collected->users[i]);
          w.Key("online").Bool(collected->connections[i] > 0);
          w.Key("connections").UInt(collected->connections[i]).EndObject();
        }
        w.EndArray().EndObject();
        done(ApiResult{nullptr, {}, std::move(out)});
      });
}

}  // namespace livegate
