// A small HTTP/1.1 server on Boost.Beast: one acceptor and its connections on one I/O thread; each
// complete request is handed to a handler that returns the response. Bodies over a limit get 413.
#pragma once

#include <boost/beast/http.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "shoal/types.h"

namespace shoal::rpc {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

struct RequestContext {
    std::string clientAddress;  // the peer's IP, without port ("127.0.0.1", "::1")
};

// Runs on the server's I/O thread: it must not block for long (session calls are fine).
using HttpHandler = std::function<HttpResponse(const HttpRequest&, const RequestContext&)>;

// A response with the request's HTTP version and keep-alive, a body and its content type.
HttpResponse makeResponse(const HttpRequest& request, http::status status, std::string body,
                          const std::string& contentType = "text/plain; charset=utf-8");

class HttpServer {
public:
    HttpServer(HttpHandler handler, std::size_t maxBodyBytes);
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
