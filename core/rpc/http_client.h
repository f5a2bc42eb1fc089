// A synchronous HTTP/1.1 client on Boost.Beast for RemoteSession and `shoal --remote`: one kept-alive
// connection, every step bounded by a timeout, Transmission's 409 session-id handshake done for the caller.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "shoal/types.h"

namespace shoal::rpc {

struct RpcEndpoint {
    std::string host;
    std::string port = "9091";
    std::string path = "/transmission/rpc";
    std::string url() const;
};

// "http://host:port/path", "host:port", "host", "[::1]:9091"; https is refused (InvalidArgument).
Result<RpcEndpoint> parseRpcUrl(const std::string& url);

struct HttpReply {
    int status = 0;
    std::string body;
};

class HttpClient {
public:
    HttpClient(RpcEndpoint endpoint, const std::string& username, const std::string& password,
               std::chrono::milliseconds timeout);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // POSTs a JSON body to the RPC path, redoing it once with the session id a 409 names. A reply other
    // than 200/204 becomes an error with the server's reason (401, 403, 421...).
    Result<std::string> postRpc(const std::string& body);
    // One request as is (tests and /metrics): no handshake, any status returned.
    Result<HttpReply> request(const std::string& method, const std::string& target, const std::string& body);

private:
    Result<HttpReply> exchange(const std::string& method, const std::string& target, const std::string& body,
                               bool retryOnStale);
    Result<void> ensureConnected();
    void disconnect();

    RpcEndpoint endpoint_;
    std::string authorization_;
    std::chrono::milliseconds timeout_;
    std::string sessionId_;
    boost::asio::io_context io_;
    std::optional<boost::beast::tcp_stream> stream_;
};

}  // namespace shoal::rpc
