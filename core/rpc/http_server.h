// A small HTTP/1.1 server on Boost.Beast: one acceptor and its connections on one I/O thread, with caps on
// open connections. Each request is screened on its headers first (a refusal is sent before any body is
// read), then read whole (bodies over a limit get 413) and handed to a handler that returns the response.
#pragma once

#include <boost/beast/http.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "shoal/types.h"

namespace shoal::rpc {

namespace http = boost::beast::http;
using RequestHeader = http::request_header<>;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

struct RequestContext {
    std::string clientAddress;  // the peer's IP, without port ("127.0.0.1", "::1")
};

// Both run on the server's I/O thread: they must not block for long (session calls are fine).
// The screen sees only the headers: a refusal, or nullopt to read the body and call the handler. Whoever
// is refused here never gets to make the server buffer a body.
using HeaderScreen = std::function<std::optional<HttpResponse>(const RequestHeader&, const RequestContext&)>;
using HttpHandler = std::function<HttpResponse(const HttpRequest&, const RequestContext&)>;

struct HttpLimits {
    std::size_t maxBodyBytes = 16 * 1024 * 1024;
    std::size_t maxHeaderBytes = 16 * 1024;
    // Open connections at once, in total (lowered to a quarter of RLIMIT_NOFILE) and per client address.
    std::size_t maxConnections = 128;
    std::size_t maxConnectionsPerAddress = 32;
};

// A response with the request's HTTP version and keep-alive, a body and its content type.
HttpResponse makeResponse(const RequestHeader& request, http::status status, std::string body,
                          const std::string& contentType = "text/plain; charset=utf-8");

// The socket path's pipeline on bytes: one request parsed with the same limits, screened on its headers,
// read, handled; the serialized response (400/413 for what does not parse). Bytes after the first request
// are ignored. For fuzzing and tests: no socket, no thread.
std::string answerRawRequest(std::string_view raw, const RequestContext& client, const HttpLimits& limits,
                             const HeaderScreen& screen, const HttpHandler& handler);

class HttpServer {
public:
    HttpServer(HeaderScreen screen, HttpHandler handler, HttpLimits limits);
    ~HttpServer();  // stop()
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    Result<void> start(const std::string& address, int port);
    void stop();
    int port() const;
    std::string address() const;

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace shoal::rpc
