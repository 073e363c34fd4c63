#pragma once
// Prometheus text exposition of the server's counters, summed over shards.

#include <string>

namespace livegate {

class Node;

// Thread-safe: reads relaxed atomics only.
std::string RenderPrometheus(Node& node);

}  // namespace livegate
