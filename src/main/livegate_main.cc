// livegate: command line → configuration → node → serve until SIGINT/SIGTERM → drain.
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <iostream>
#include <thread>

#include "auth/jwt_verifier.h"
#include "auth/token_signer.h"
#include "config/config_loader.h"
#include "node/node.h"
#include "transport/http_server.h"

extern char** environ;

namespace livegate {
namespace {

constexpr std::string_view kVersion = "livegate 0.1.0";

constexpr std::string_view kUsage =
    R"(livegate — a real-time gateway speaking the Centrifugo client protocol v2

Usage:
  livegate [--config FILE] [--KEY=VALUE ...]   run the server
  livegate genconfig                           print a commented default configuration
  livegate checkconfig FILE                    validate FILE and print the effective settings
  livegate gentoken --user U [--ttl SECONDS] [--config FILE] [--KEY=VALUE ...]
                                               print an HS* connection token for development
  livegate --help | --version

Every configuration key can be set in the YAML file, by an environment variable
LIVEGATE_<KEY> (dots become underscores, upper case) or by a flag --<key>=<value>;
flags beat environment variables, which beat the file. See docs/configuration.md.
)";

struct Args {
  std::string command = "run";
  config::LoadInput load;
  std::string user;
  int64_t ttl = 3600;
  bool user_set = false;
};

// Splits argv into the sub-command, its options and configuration overrides.
Args ParseArgs(int argc, char** argv) {
  Args a;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("LIVEGATE_")) continue;
    size_t eq = kv.find('=');
    std::string name(kv.substr(0, eq));
    std::string value(eq == std::string_view::npos ? "" : kv.substr(eq + 1));
    if (name == "LIVEGATE_CONFIG") {
      a.load.file_path = value;
    } else {
      a.load.env.emplace_back(name, value);
    }
  }
  for (int i = 1; i < argc; ++i) {
    std::string_view arg(argv[i]);
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw config::ConfigError(std::string(arg) + ": value expected");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      a.command = "help";
    } else if (arg == "--version") {
      a.command = "version";
    } else if (i == 1 && (arg == "genconfig" || arg == "gentoken" || arg == "checkconfig")) {
      a.command = std::string(arg);
      if (arg == "checkconfig") a.load.file_path = next();
    } else if (arg == "--config" || arg == "-c") {
      a.load.file_path = next();
    } else if (arg.starts_with("--config=")) {
      a.load.file_path = std::string(arg.substr(9));
    } else if (a.command == "gentoken" && arg == "--user") {
      a.user = next();
      a.user_set = true;
    } else if (a.command == "gentoken" && arg == "--ttl") {
      a.ttl = std::stoll(next());
    } else if (arg.starts_with("--") && arg.find('=') != std::string_view::npos) {
      a.load.flag_overrides.emplace_back(arg.substr(2));
    } else {
      throw config::ConfigError("unknown argument \"" + std::string(arg) + "\" (see --help)");
    }
  }
  return a;
}

int GenToken(const Args& a, const Settings& s) {
  if (!a.user_set) throw config::ConfigError("gentoken: --user is required");
  const auto& t = s.client.token;
  if (!t.algorithm.starts_with("HS") || t.hmac_secret_key.empty()) {
    throw config::ConfigError(
        "gentoken needs an HS* algorithm and client.token.hmac_secret_key "
        "(e.g. LIVEGATE_CLIENT_TOKEN_HMAC_SECRET_KEY)");
  }
  boost::json::object claims;
  claims["sub"] = a.user;
  if (a.ttl > 0) {
    claims["exp"] = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count() +
                    a.ttl;
  }
  if (!t.audience.empty()) claims["aud"] = t.audience;
  if (!t.issuer.empty()) claims["iss"] = t.issuer;
  std::cout << auth::SignHs(t.algorithm, t.hmac_secret_key, claims) << "\n";
  return 0;
}

std::chrono::milliseconds TickPeriod(const Settings& s) {
  auto shortest = std::min(
      {s.client.ping_interval, s.client.stale_close_delay,
       s.client.pong_timeout.count() > 0 ? s.client.pong_timeout : s.client.ping_interval});
  return std::clamp(shortest / 8, std::chrono::milliseconds(20), std::chrono::milliseconds(500));
}

void RegisterBuiltinRpc(Node& node) {
  if (!node.settings().rpc.echo) return;
  node.rpc().Register(
      "echo", [](const RpcCall& call, RpcReply reply) { reply(nullptr, std::string(call.data)); });
}

// Stops accepting, asks every client to reconnect elsewhere, and waits (bounded) for them.
void Drain(Node& node, HttpServer& server) {
  node.set_shutting_down();
  server.StopAccepting();
  for (uint32_t i = 0; i < node.shard_count(); ++i) {
    Shard& shard = node.shard(i);
    shard.Post([&shard] { shard.ShutdownAll(kDisconnectShutdown); });
  }
  auto deadline = std::chrono::steady_clock::now() + node.settings().shutdown_timeout;
  for (;;) {
    uint64_t open = 0;
    for (uint32_t i = 0; i < node.shard_count(); ++i) {
      open += node.shard(i).metrics().connections.load(std::memory_order_relaxed);
    }
    if (open == 0) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      spdlog::warn("shutdown: {} connections still open after {} ms, closing them", open,
                   node.settings().shutdown_timeout.count());
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

int Run(const Settings& settings) {
  spdlog::set_level(spdlog::level::from_str(settings.log_level));
  auto verifier = auth::JwtVerifier::Create(settings.client.token);
  if (!verifier) throw config::ConfigError(verifier.error());
  Node node(settings, std::move(*verifier));
  RegisterBuiltinRpc(node);
  HttpServer server(node);
  server.Listen();
  node.Start();
  for (uint32_t i = 0; i < node.shard_count(); ++i) {
    Shard& shard = node.shard(i);
    auto period = TickPeriod(settings);
    shard.Post([&shard, period] { shard.StartTicker(period); });
  }
  spdlog::info("livegate listening on {}:{} with {} shards", settings.http.address, server.port(),
               node.shard_count());
  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&](boost::system::error_code, int sig) { received = sig; });
  signals_io.run();
  spdlog::info("signal {} received, draining", received);
  Drain(node, server);
  for (uint32_t i = 0; i < node.shard_count(); ++i) {
    Shard& shard = node.shard(i);
    shard.Post([&shard] { shard.StopTicker(); });
  }
  node.Stop();
  node.Join();
  spdlog::info("livegate stopped");
  return 0;
}

int Main(int argc, char** argv) {
  Args args = ParseArgs(argc, argv);
  if (args.command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (args.command == "version") {
    std::cout << kVersion << "\n";
    return 0;
  }
  if (args.command == "genconfig") {
    std::cout << config::GenerateDefaultConfig();
    return 0;
  }
  Settings settings = config::LoadSettings(args.load);
  if (args.command == "checkconfig") {
    auto verifier = auth::JwtVerifier::Create(settings.client.token);
    if (!verifier) throw config::ConfigError(verifier.error());
    std::cout << "# " << *args.load.file_path << ": configuration is valid\n"
              << config::DescribeSettings(settings);
    return 0;
  }
  if (args.command == "gentoken") return GenToken(args, settings);
  return Run(settings);
}

}  // namespace
}  // namespace livegate

int main(int argc, char** argv) {
  try {
    return livegate::Main(argc, argv);
  } catch (const livegate::config::ConfigError& e) {
    std::fprintf(stderr, "livegate: configuration error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "livegate: %s\n", e.what());
    return 1;
  }
}
