// The Beast server behind the RPC: accept, read one request's headers at a time per connection, screen
// them, read the body (size-limited, with a timeout), hand it to the handler, write the answer, keep the
// connection while the client wants.
#include "rpc/http_server.h"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <optional>
#include <sstream>
#include <thread>

namespace shoal::rpc {

namespace beast = boost::beast;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// A client that says nothing for this long loses its connection (slowloris).
constexpr auto kIdleTimeout = std::chrono::seconds(30);

using RequestParser = http::request_parser<http::string_body>;

// message::keep_alive() for a bare header (screen refusals are made before there is a message).
bool wantsKeepAlive(const RequestHeader& request) {
    const auto it = request.find(http::field::connection);
    http::token_list tokens{it == request.end() ? beast::string_view() : it->value()};
    return request.version() < 11 ? tokens.exists("keep-alive") : !tokens.exists("close");
}

void applyLimits(RequestParser& parser, const HttpLimits& limits) {
    parser.body_limit(limits.maxBodyBytes);
    parser.header_limit(static_cast<std::uint32_t>(limits.maxHeaderBytes));
}

// Malformed or oversized: the one answer before the connection is dropped (its stream is out of sync).
HttpResponse parseFailure(beast::error_code ec) {
    HttpRequest dummy;
    dummy.version(11);
    const bool tooBig = ec == http::error::body_limit || ec == http::error::header_limit;
    auto response =
        makeResponse(dummy, tooBig ? http::status::payload_too_large : http::status::bad_request,
                     tooBig ? "request too large\n" : "malformed HTTP request: " + ec.message() + "\n");
    response.keep_alive(false);
    return response;
}

// A refusal on the headers alone. A body the client may still send is never read: the connection closes
// after the answer (a kept connection would have to swallow it first).
std::optional<HttpResponse> screenHeader(const HeaderScreen& screen, const RequestParser& parser,
                                         const RequestContext& client) {
    auto refusal = screen(parser.get().base(), client);
    if (!refusal) return std::nullopt;
    if (!parser.is_done()) refusal->keep_alive(false);
    refusal->prepare_payload();
    return refusal;
}

HttpResponse callHandler(const HttpHandler& handler, const HttpRequest& request, const RequestContext& client) {
    HttpResponse response;
    try {
        response = handler(request, client);
    } catch (const std::exception& e) {
        spdlog::error("rpc: handler failed: {}", e.what());
        response = makeResponse(request, http::status::internal_server_error, "internal error\n");
    }
    response.prepare_payload();
    return response;
}

class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket socket, const HeaderScreen& screen, const HttpHandler& handler,
               const HttpLimits& limits)
        : stream_(std::move(socket)), screen_(screen), handler_(handler), limits_(limits) {}

    void run() {
        beast::error_code ec;
        const auto remote = stream_.socket().remote_endpoint(ec);
        if (!ec) context_.clientAddress = remote.address().to_string();
        if (context_.clientAddress.rfind("::ffff:", 0) == 0) context_.clientAddress.erase(0, 7);
        read();
    }

private:
    void read() {
        parser_.emplace();
        applyLimits(*parser_, limits_);
        stream_.expires_after(kIdleTimeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
    }

    // libcurl (transmission-remote) sends "Expect: 100-continue" before a body over 1 KiB and waits a
    // second for the go-ahead unless it gets one.
    void onHeader(beast::error_code ec) {
        if (ec) return onRead(ec);
        if (auto refusal = screenHeader(screen_, *parser_, context_)) return write(std::move(*refusal));
        if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
            static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            asio::async_write(stream_, asio::buffer(kContinue),
                              [self = shared_from_this()](beast::error_code e, std::size_t) {
                                  if (e) return self->close();
                                  self->readBody();
                              });
            return;
        }
        readBody();
    }

    void readBody() {
        stream_.expires_after(kIdleTimeout);
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
    }

    void onRead(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof ||
            ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
            return close();
        }
        if (ec) return write(parseFailure(ec));
        write(callHandler(handler_, parser_->release(), context_));
    }

    void write(HttpResponse response) {
        auto held = std::make_shared<HttpResponse>(std::move(response));
        const bool keep = held->keep_alive();
        http::async_write(stream_, *held,
                          [self = shared_from_this(), held, keep](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              if (!keep) return self->lingerClose();
                              self->read();
                          });
    }

    // After a refusal the client may still be sending: stop writing, drain what arrives (bounded), then
    // close, so that its TCP stack does not reset the connection before it has read our answer.
    void lingerClose() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(2));
        auto sink = std::make_shared<std::array<char, 8192>>();
        drain(sink);
    }

    void drain(const std::shared_ptr<std::array<char, 8192>>& sink) {
        stream_.async_read_some(asio::buffer(*sink),
                                [self = shared_from_this(), sink](beast::error_code ec, std::size_t) {
                                    if (ec) return self->close();
                                    self->drain(sink);
                                });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    const HeaderScreen& screen_;
    const HttpHandler& handler_;
    const HttpLimits& limits_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    RequestContext context_;
};

}  // namespace

struct HttpServer::Impl {
    HeaderScreen screen;
    HttpHandler handler;
    HttpLimits limits;
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
    std::thread thread;
    tcp::endpoint bound;

    // Handlers hold a plain pointer: the pending ones die with `io`, inside this object's destructor (a
    // shared_ptr here would keep the Impl, its context and its connections alive forever).
    void accept() {
        acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket s) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
            if (!ec) std::make_shared<Connection>(std::move(s), screen, handler, limits)->run();
            accept();
        });
    }
};

HttpResponse makeResponse(const RequestHeader& request, http::status status, std::string body,
                          const std::string& contentType) {
    HttpResponse response{status, request.version()};
    response.set(http::field::server, "Shoal/" SHOAL_VERSION);
    response.set(http::field::content_type, contentType);
    response.keep_alive(wantsKeepAlive(request));
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

std::string answerRawRequest(std::string_view raw, const RequestContext& client, const HttpLimits& limits,
                             const HeaderScreen& screen, const HttpHandler& handler) {
    const auto serialized = [](const HttpResponse& response) {
        std::ostringstream out;
        out << response;
        return out.str();
    };
    RequestParser parser;
    applyLimits(parser, limits);
    beast::error_code ec;
    // Feeds the rest of `raw` until `done` holds; the end of the bytes is the end of the stream. Beast's
    // parser stops after the headers unless eager, as async_read_header does.
    const auto feed = [&](auto done) {
        while (!ec && !done()) {
            if (raw.empty()) {
                parser.put_eof(ec);
                break;
            }
            const std::size_t used = parser.put(boost::asio::buffer(raw.data(), raw.size()), ec);
            raw.remove_prefix(used);
            if (ec == http::error::need_more) {
                ec = {};
                if (used == 0) raw = {};  // all there is was offered: the message is cut short
            }
        }
    };
    feed([&] { return parser.is_header_done(); });
    if (ec) return serialized(parseFailure(ec));
    if (auto refusal = screenHeader(screen, parser, client)) return serialized(*refusal);
    parser.eager(true);
    feed([&] { return parser.is_done(); });
    if (ec) return serialized(parseFailure(ec));
    return serialized(callHandler(handler, parser.release(), client));
}

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
    impl_->accept();
    impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
    return {};
}

void HttpServer::stop() {
    if (!impl_->thread.joinable()) return;
    asio::post(impl_->io, [impl = impl_.get()] {
        beast::error_code ignored;
        impl->acceptor.close(ignored);
        impl->io.stop();  // drops open connections with the context
    });
    impl_->thread.join();
}

int HttpServer::port() const { return impl_->bound.port(); }
std::string HttpServer::address() const { return impl_->bound.address().to_string(); }

}  // namespace shoal::rpc
