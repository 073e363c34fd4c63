#include "metrics/prometheus.h"

#include "node/node.h"

namespace livegate {

namespace {

uint64_t Sum(Node& node, Counter ShardMetrics::*field) {
  uint64_t total = 0;
  for (uint32_t i = 0; i < node.shard_count(); ++i) {
    total += (node.shard(i).metrics().*field).load(std::memory_order_relaxed);
  }
  return total;
}

void Metric(std::string& out, const char* name, const char* type, const char* help,
            uint64_t value) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
  out += name;
  out += ' ';
  out += std::to_string(value);
  out += '\n';
}

}  // namespace

std::string RenderPrometheus(Node& node) {
  std::string out;
  struct Row {
    const char* name;
    const char* type;
    const char* help;
    Counter ShardMetrics::*field;
  };
  static const Row kRows[] = {
      {"livegate_connections", "gauge", "Open client connections.", &ShardMetrics::connections},
      {"livegate_connections_accepted_total", "counter", "Client connections accepted.",
       &ShardMetrics::connections_total},
      {"livegate_subscriptions", "gauge", "Channel subscriptions of connected clients.",
       &ShardMetrics::subscriptions},
      {"livegate_reply_errors_total", "counter", "Command replies carrying an error.",
       &ShardMetrics::reply_errors},
      {"livegate_protocol_errors_total", "counter",
       "Malformed client input that caused a disconnect.", &ShardMetrics::protocol_errors},
      {"livegate_publications_total", "counter", "Publications handled.",
       &ShardMetrics::publications},
      {"livegate_deliveries_total", "counter", "Pushes queued to subscribers.",
       &ShardMetrics::deliveries},
      {"livegate_client_bytes_in_total", "counter", "Bytes read from WebSocket clients.",
       &ShardMetrics::bytes_in},
      {"livegate_client_bytes_out_total", "counter", "Bytes written to WebSocket clients.",
       &ShardMetrics::bytes_out},
      {"livegate_disconnects_slow_total", "counter",
       "Clients disconnected for a full queue (3008).", &ShardMetrics::disconnects_slow},
      {"livegate_disconnects_no_pong_total", "counter", "Clients disconnected for no pong (3012).",
       &ShardMetrics::disconnects_no_pong},
      {"livegate_http_requests_total", "counter", "HTTP requests (all endpoints).",
       &ShardMetrics::http_requests},
      {"livegate_api_requests_total", "counter", "Server API requests.",
       &ShardMetrics::api_requests},
  };
  for (const Row& r : kRows) Metric(out, r.name, r.type, r.help, Sum(node, r.field));

  out += "# HELP livegate_commands_total Client commands by type.\n";
  out += "# TYPE livegate_commands_total counter\n";
  for (size_t k = 0; k < kCommandNames.size(); ++k) {
    uint64_t total = 0;
    for (uint32_t i = 0; i < node.shard_count(); ++i) {
      total += node.shard(i).metrics().commands[k].load(std::memory_order_relaxed);
    }
    out += "livegate_commands_total{type=\"";
    out += kCommandNames[k];
    out += "\"} " + std::to_string(total) + "\n";
  }
  out += "# HELP livegate_reply_errors_by_code_total Client command errors by code.\n";
  out += "# TYPE livegate_reply_errors_by_code_total counter\n";
  for (size_t k = 0; k < 14; ++k) {
    uint64_t total = 0;
    for (uint32_t i = 0; i < node.shard_count(); ++i) {
      total += node.shard(i).metrics().reply_errors_by_code[k].load(std::memory_order_relaxed);
    }
    if (total == 0) continue;
    out += "livegate_reply_errors_by_code_total{code=\"" + std::to_string(100 + k) + "\"} " +
           std::to_string(total) + "\n";
  }
  out += "# HELP livegate_shard_connections Open connections per shard.\n";
  out += "# TYPE livegate_shard_connections gauge\n";
  for (uint32_t i = 0; i < node.shard_count(); ++i) {
    out += "livegate_shard_connections{shard=\"" + std::to_string(i) + "\"} " +
           std::to_string(node.shard(i).metrics().connections.load(std::memory_order_relaxed)) +
           "\n";
  }
  out += "# HELP livegate_shard_queue_depth Cross-shard tasks waiting per shard.\n";
  out += "# TYPE livegate_shard_queue_depth gauge\n";
  for (uint32_t i = 0; i < node.shard_count(); ++i) {
    out += "livegate_shard_queue_depth{shard=\"" + std::to_string(i) + "\"} " +
           std::to_string(node.shard(i).metrics().queue_depth.load(std::memory_order_relaxed)) +
           "\n";
  }
  return out;
}

}  // namespace livegate
