#pragma once
// One function per server API method. Each reads its params and calls `done` exactly once
// with either an error or the serialized `result` object.

#include <boost/json/object.hpp>
#include <functional>
#include <string>

#include "core/reply_error.h"

namespace livegate {

class Node;

struct ApiResult {
  const ReplyError* error = nullptr;
  std::string error_message;  // overrides error->message when set
  std::string result = "{}";  // JSON object
};

using ApiDone = std::function<void(ApiResult)>;
using ApiMethod = void (*)(Node& node, const boost::json::object& params, ApiDone done);

// nullptr for an unknown method.
ApiMethod FindApiMethod(std::string_view name);

}  // namespace livegate
