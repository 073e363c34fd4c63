#include "transport/http_server.h"

#include <system_error>

#include "node/node.h"

namespace livegate {

namespace asio = boost::asio;
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

HttpServer::HttpServer(Node& node) : node_(node) {}

HttpServer::~HttpServer() = default;

void HttpServer::Listen() {
  const auto& cfg = node_.settings().http;
  boost::system::error_code ec;
  auto address = asio::ip::make_address(cfg.address, ec);
  if (ec) throw std::system_error(ec, "http.address \"" + cfg.address + "\"");
  uint16_t port = cfg.port;
  for (uint32_t i = 0; i < node_.shard_count(); ++i) {
    Shard& shard = node_.shard(i);
    auto acceptor = std::make_unique<Acceptor>(shard.io().get_executor());
    asio::ip::tcp::endpoint ep(address, port);
    acceptor->open(ep.protocol(), ec);
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor->set_option(ReusePort(true), ec);
    if (!ec) acceptor->bind(ep, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      throw std::system_error(ec, "listen on " + cfg.address + ":" + std::to_string(port));
    }
    // With port 0 the first shard picks the port and the others share it.
    port = acceptor->local_endpoint(ec).port();
    acceptors_.push_back(std::move(acceptor));
  }
  port_ = port;
  for (uint32_t i = 0; i < node_.shard_count(); ++i) {
    Shard& shard = node_.shard(i);
    Acceptor& acceptor = *acceptors_[i];
    shard.Post([this, &shard, &acceptor] { Accept(shard, acceptor); });
  }
}

void HttpServer::Accept(Shard& shard, Acceptor& acceptor) {
  acceptor.async_accept([this, &shard, &acceptor](boost::system::error_code ec, auto socket) {
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
    if (!ec) StartHttpSession(node_, shard, std::move(socket));
    // EMFILE and friends: keep accepting; the failed connection is dropped by the kernel.
    Accept(shard, acceptor);
  });
}

void HttpServer::StopAccepting() {
  for (uint32_t i = 0; i < acceptors_.size(); ++i) {
    Acceptor* acceptor = acceptors_[i].get();
    node_.shard(i).Post([acceptor] {
      boost::system::error_code ec;
      acceptor->close(ec);
    });
  }
}

}  // namespace livegate
