#pragma once
// RPC methods that applications register; clients call them with the `rpc` command and backends
// through POST /api/rpc. A handler runs on the caller's shard and answers exactly once.
// Thread: registration before start, lookups from any shard (read-only). Owned by: Node.

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/reply_error.h"

namespace livegate {

struct RpcCall {
  std::string_view user;    // "" for anonymous clients and for the server API
  std::string_view client;  // "" for the server API
  std::string_view data;    // raw JSON ("" when absent)
};

// Either an error or the result data (raw JSON, "" for none).
using RpcReply = std::function<void(const ReplyError* error, std::string data)>;
using RpcHandler = std::function<void(const RpcCall& call, RpcReply reply)>;

class RpcRegistry {
 public:
  void Register(std::string method, RpcHandler handler) {
    handlers_[std::move(method)] = std::move(handler);
  }
  const RpcHandler* Find(std::string_view method) const {
    auto it = handlers_.find(std::string(method));
    return it == handlers_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, RpcHandler> handlers_;
};

}  // namespace livegate
