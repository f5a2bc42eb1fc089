// Sync HTTP over Beast's async operations run on a private io_context: tcp_stream's timer then bounds
// every connect, write and read, which plain sync calls cannot do.
#include "rpc/http_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <limits>

#include "rpc/base64.h"

namespace shoal::rpc {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string RpcEndpoint::url() const {
    const bool v6 = host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + host + "]" : host) + ":" + port + path;
}

Result<RpcEndpoint> parseRpcUrl(const std::string& url) {
    std::string rest = url;
    if (rest.rfind("https://", 0) == 0)
        return makeError(ErrorCode::InvalidArgument,
                         "https is not supported: " + url + " (use http, or an SSH tunnel)");
    if (rest.rfind("http://", 0) == 0) rest = rest.substr(7);
    RpcEndpoint e;
    const auto slash = rest.find('/');
    if (slash != std::string::npos) {
        e.path = rest.substr(slash);
        rest = rest.substr(0, slash);
    }
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        if (close == std::string::npos)
            return makeError(ErrorCode::InvalidArgument, "bad address in URL: " + url);
        e.host = rest.substr(1, close - 1);
        rest = rest.substr(close + 1);
        if (!rest.empty() && rest.front() == ':')
            e.port = rest.substr(1);
        else if (!rest.empty())
            return makeError(ErrorCode::InvalidArgument, "bad address in URL: " + url);
    } else if (const auto colon = rest.find(':'); colon != std::string::npos) {
        e.host = rest.substr(0, colon);
        e.port = rest.substr(colon + 1);
    } else {
        e.host = rest;
    }
    if (e.host.empty()) return makeError(ErrorCode::InvalidArgument, "no host in URL: " + url);
    if (e.port.empty() || e.port.find_first_not_of("0123456789") != std::string::npos || e.port.size() > 5)
        return makeError(ErrorCode::InvalidArgument, "bad port in URL: " + url);
    return e;
}

HttpClient::HttpClient(RpcEndpoint endpoint, const std::string& username, const std::string& password,
                       std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {
    if (!username.empty()) authorization_ = "Basic " + base64Encode(username + ":" + password);
}

HttpClient::~HttpClient() { disconnect(); }

namespace {

// Starts one async operation and runs the context until it completes or the stream's timer closes it.
template <class Start>
beast::error_code runBounded(asio::io_context& io, beast::tcp_stream& stream,
                             std::chrono::milliseconds timeout, Start start) {
    beast::error_code result = asio::error::would_block;
    stream.expires_after(timeout);
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    io.restart();
    io.run();
    return result;
}

}  // namespace

Result<void> HttpClient::ensureConnected() {
    if (stream_) return {};
    beast::error_code ec;
    tcp::resolver resolver(io_);
    const auto results = resolver.resolve(endpoint_.host, endpoint_.port, ec);
    if (ec) return makeError(ErrorCode::Network, "cannot resolve " + endpoint_.host + ": " + ec.message());
    stream_.emplace(io_);
    ec = runBounded(io_, *stream_, timeout_, [&](auto handler) { stream_->async_connect(results, handler); });
    if (ec) {
        stream_.reset();
        return makeError(ec == beast::error::timeout ? ErrorCode::Timeout : ErrorCode::Network,
                         "cannot connect to " + endpoint_.url() + ": " + ec.message());
    }
    return {};
}

void HttpClient::disconnect() {
    if (!stream_) return;
    beast::error_code ignored;
    stream_->socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_->close();
    stream_.reset();
}

Result<HttpReply> HttpClient::exchange(const std::string& method, const std::string& target,
                                       const std::string& body, bool retryOnStale) {
    const bool reused = stream_.has_value();
    if (auto connected = ensureConnected(); !connected) return connected.error();

    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, endpoint_.host.find(':') != std::string::npos
                                   ? "[" + endpoint_.host + "]:" + endpoint_.port
                                   : endpoint_.host + ":" + endpoint_.port);
    req.set(http::field::user_agent, "Shoal/" SHOAL_VERSION);
    req.set(http::field::content_type, "application/json");
    if (!authorization_.empty()) req.set(http::field::authorization, authorization_);
    if (!sessionId_.empty()) req.set("X-Transmission-Session-Id", sessionId_);
    req.keep_alive(true);
    req.body() = body;
    req.prepare_payload();

    beast::error_code ec =
        runBounded(io_, *stream_, timeout_, [&](auto handler) { http::async_write(*stream_, req, handler); });
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit((std::numeric_limits<std::uint64_t>::max)());
    if (!ec)
        ec = runBounded(io_, *stream_, timeout_,
                        [&](auto handler) { http::async_read(*stream_, buffer, parser, handler); });
    if (ec) {
        disconnect();
        // A kept-alive connection the server closed meanwhile: one fresh try.
        if (reused && retryOnStale && ec != beast::error::timeout)
            return exchange(method, target, body, false);
        return makeError(ec == beast::error::timeout ? ErrorCode::Timeout : ErrorCode::Network,
                         endpoint_.url() + ": " + ec.message());
    }
    auto response = parser.release();
    if (auto it = response.find("X-Transmission-Session-Id"); it != response.end())
        sessionId_ = std::string(it->value());
    if (!response.keep_alive()) disconnect();
    return HttpReply{static_cast<int>(response.result_int()), response.body()};
}

Result<HttpReply> HttpClient::request(const std::string& method, const std::string& target,
                                      const std::string& body) {
    return exchange(method, target, body, true);
}

Result<std::string> HttpClient::postRpc(const std::string& body) {
    auto reply = exchange("POST", endpoint_.path, body, true);
    if (reply && reply->status == 409)
        reply = exchange("POST", endpoint_.path, body, true);  // now with the id
    if (!reply) return reply.error();
    if (reply->status == 200 || reply->status == 204) return std::move(reply->body);
    std::string reason = reply->body.substr(0, reply->body.find('\n'));
    if (reason.empty()) reason = "HTTP " + std::to_string(reply->status);
    if (reply->status == 401)
        reason = authorization_.empty() ? "the daemon wants a user name and password (--auth USER:PASS)"
                                        : "wrong user name or password";
    return makeError(reply->status >= 500 ? ErrorCode::Internal : ErrorCode::InvalidArgument,
                     endpoint_.url() + ": " + reason);
}

}  // namespace shoal::rpc
