// One accepted HTTP connection, and the table of a server's open connections that its caps work from.
// Everything here runs on the server's single I/O thread.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "rpc/http_exchange.h"

namespace shoal::rpc {

class Connection;

// Open connections by address, and since when each has been waiting for a request's headers. A
// connection in that state holds a descriptor and nothing else of value: when a cap is reached, the one
// waiting longest is closed to make room (a slowloris or idle keep-alive client, never one mid-request).
class ConnectionTable {
public:
    void add(Connection* connection, const std::string& address);
    void remove(Connection* connection);
    void setWaiting(Connection* connection, bool waiting);

    std::size_t total() const { return entries_.size(); }
    std::size_t from(const std::string& address) const;
    // The connection waiting longest for a request (from `address` only, when given); null if none waits.
    Connection* longestWaiting(const std::optional<std::string>& address = std::nullopt) const;

private:
    struct Entry {
        std::string address;
        std::optional<std::chrono::steady_clock::time_point> waitingSince;
    };
    std::map<Connection*, Entry> entries_;
    std::map<std::string, std::size_t> perAddress_;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(boost::asio::ip::tcp::socket socket, std::string clientAddress, const HeaderScreen& screen,
               const HttpHandler& handler, const HttpLimits& limits, ConnectionTable& table);
    ~Connection();

    void run();
    // Closes the socket at once (its descriptor is free when this returns) and leaves the table.
    void evict();

private:
    void read();
    void onHeader(boost::beast::error_code ec);
    void readBody();
    void onRead(boost::beast::error_code ec);
    void write(HttpResponse response);
    void lingerClose();
    void drain(const std::shared_ptr<std::array<char, 8192>>& sink);
    void close();

    boost::beast::tcp_stream stream_;
    const HeaderScreen& screen_;
    const HttpHandler& handler_;
    const HttpLimits& limits_;
    ConnectionTable& table_;
    boost::beast::flat_buffer buffer_;
    std::optional<RequestParser> parser_;
    RequestContext context_;
};

// The remote address as the allow-list sees it: IPv4-mapped IPv6 ("::ffff:1.2.3.4") as plain IPv4.
std::string clientAddressOf(const boost::asio::ip::tcp::socket& socket);

}  // namespace shoal::rpc
