// The Beast server behind the RPC: the acceptor and the caps on connections. A new connection that
// would pass a cap (per address, or in total) displaces the connection waiting longest for a request, or
// is refused with 503 when none is waiting. When accept fails for want of descriptors (EMFILE), the
// pending connection stays queued in the kernel: retrying at once would spin, so the server frees a
// waiting connection and tries again after a pause.
#include "rpc/http_server.h"

#include <spdlog/spdlog.h>
#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <cerrno>
#include <thread>

#include "rpc/http_connection.h"

namespace shoal::rpc {

namespace beast = boost::beast;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kAcceptBackoff = std::chrono::milliseconds(200);

// The RPC may use a quarter of the process's descriptors: the rest are libtorrent's (peers, files) and
// the library's. Without this, idle RPC connections alone could starve the engine of descriptors.
std::size_t connectionCapFor(std::size_t configured) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return configured;
    return std::min(configured, std::max<std::size_t>(static_cast<std::size_t>(limit.rlim_cur) / 4, 8));
}

// Descriptors, buffers or memory ran out: the listening socket stays readable, so an immediate retry
// fails the same way.
bool outOfResources(const beast::error_code& ec) {
    return ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
           ec == asio::error::no_memory || ec == beast::error_code(ENFILE, boost::system::system_category());
}

// A connection past the caps with nobody to displace: a short answer on the still-empty socket, then
// close. The send buffer of a fresh socket takes these bytes at once; if not, the client just sees the
// close.
void refuse(tcp::socket& socket, const char* why) {
    const std::string body = std::string("503: ") + why + "\n";
    const std::string text =
        "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: "
        "text/plain; charset=utf-8\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    beast::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(asio::buffer(text), ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
}

}  // namespace

struct HttpServer::Impl {
    HeaderScreen screen;
    HttpHandler handler;
    HttpLimits limits;
    std::size_t maxConnections = 0;  // limits.maxConnections, lowered to fit the descriptor limit
    ConnectionTable table;           // before `io`: connections leave it when `io` destroys them
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
    asio::steady_timer backoff{io};
    std::chrono::steady_clock::time_point lastResourceWarning{};
    std::thread thread;
    tcp::endpoint bound;

    // Handlers hold a plain pointer: the pending ones die with `io`, inside this object's destructor (a
    // shared_ptr here would keep the Impl, its context and its connections alive forever).
    void accept() {
        acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket s) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
            if (ec) return onAcceptError(ec);
            admit(std::move(s));
            accept();
        });
    }

    void onAcceptError(const beast::error_code& ec) {
        if (!outOfResources(ec)) return accept();  // e.g. a client that reset before we took it
        const auto now = std::chrono::steady_clock::now();
        if (now - lastResourceWarning > std::chrono::seconds(10)) {
            spdlog::warn("rpc: cannot accept connections ({}); {} open, pausing accepts", ec.message(),
                         table.total());
            lastResourceWarning = now;
        }
        if (Connection* waiting = table.longestWaiting()) waiting->evict();
        backoff.expires_after(kAcceptBackoff);
        backoff.async_wait([this](beast::error_code e) {
            if (!e && acceptor.is_open()) accept();
        });
    }

    void admit(tcp::socket socket) {
        std::string address = clientAddressOf(socket);
        if (table.from(address) >= limits.maxConnectionsPerAddress) {
            Connection* waiting = table.longestWaiting(address);
            if (!waiting) return refuse(socket, "too many connections from your address");
            waiting->evict();
        }
        if (table.total() >= maxConnections) {
            Connection* waiting = table.longestWaiting();
            if (!waiting) return refuse(socket, "the server has too many connections; try again later");
            waiting->evict();
        }
        std::make_shared<Connection>(std::move(socket), std::move(address), screen, handler, limits, table)
            ->run();
    }
};

HttpServer::HttpServer(HeaderScreen screen, HttpHandler handler, HttpLimits limits)
    : impl_(std::make_shared<Impl>()) {
    impl_->screen = std::move(screen);
    impl_->handler = std::move(handler);
    impl_->limits = limits;
}

HttpServer::~HttpServer() { stop(); }

Result<void> HttpServer::start(const std::string& address, int port) {
    beast::error_code ec;
    const auto ip = asio::ip::make_address(address, ec);
    if (ec) return makeError(ErrorCode::InvalidArgument, "not an IP address: " + address);
    if (port < 0 || port > 65535)
        return makeError(ErrorCode::InvalidArgument, "bad port " + std::to_string(port));
    const tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
    auto& acceptor = impl_->acceptor;
    const std::string where = address + ":" + std::to_string(port);
    if (acceptor.open(endpoint.protocol(), ec); ec)
        return makeError(ErrorCode::Network, "cannot open a socket for " + where + ": " + ec.message());
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (acceptor.bind(endpoint, ec); ec)
        return makeError(ErrorCode::Network, "cannot bind " + where + ": " + ec.message());
    if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec)
        return makeError(ErrorCode::Network, "cannot listen on " + where + ": " + ec.message());
    impl_->bound = acceptor.local_endpoint(ec);
    impl_->maxConnections = connectionCapFor(impl_->limits.maxConnections);
    impl_->accept();
    impl_->thread = std::thread([impl = impl_.get()] {
        ::pthread_setname_np(::pthread_self(), "shoal-http");
        impl->io.run();
    });
    return {};
}

void HttpServer::stop() {
    if (!impl_->thread.joinable()) return;
    asio::post(impl_->io, [impl = impl_.get()] {
        beast::error_code ignored;
        impl->acceptor.close(ignored);
        impl->backoff.cancel();
        impl->io.stop();  // drops open connections with the context
    });
    impl_->thread.join();
}

int HttpServer::port() const { return impl_->bound.port(); }
std::string HttpServer::address() const { return impl_->bound.address().to_string(); }

}  // namespace shoal::rpc
