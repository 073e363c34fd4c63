#pragma once
// The one HTTP port: WebSocket upgrades, the server API, /health, /ready, /metrics and the
// demo site. One SO_REUSEPORT acceptor per shard, so the kernel spreads connections and each
// connection lives on the shard that accepted it.
// Thread: Listen() at start-up; StopAccepting() from any thread. Owned by: main.

#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <vector>

namespace livegate {

class Node;
class Shard;

class HttpServer {
 public:
  explicit HttpServer(Node& node);
  ~HttpServer();

  // Binds and starts accepting on every shard. Throws std::system_error naming the address.
  void Listen();
  uint16_t port() const { return port_; }
  // Closes every acceptor (posted to each shard); new connections are refused.
  void StopAccepting();

 private:
  using Acceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp,
                                                      boost::asio::io_context::executor_type>;
  void Accept(Shard& shard, Acceptor& acceptor);

  Node& node_;
  uint16_t port_ = 0;
  std::vector<std::unique_ptr<Acceptor>> acceptors_;
};

// Serves one HTTP connection (defined in http_session.cc, the only file that includes Beast).
void StartHttpSession(
    Node& node, Shard& shard,
    boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>
        socket);

}  // namespace livegate
