// A connection reads one request's headers at a time, screens them, reads the body (size-limited, with a
// timeout), hands the request to the handler, writes the answer, and stays while the client wants.
#include "rpc/http_connection.h"

#include <array>
#include <boost/asio/write.hpp>

namespace shoal::rpc {

namespace beast = boost::beast;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// A client that says nothing for this long loses its connection (slowloris).
constexpr auto kIdleTimeout = std::chrono::seconds(30);

}  // namespace

void ConnectionTable::add(Connection* connection, const std::string& address) {
    entries_[connection] = Entry{address, std::nullopt};
    ++perAddress_[address];
}

void ConnectionTable::remove(Connection* connection) {
    const auto it = entries_.find(connection);
    if (it == entries_.end()) return;
    if (--perAddress_[it->second.address] == 0) perAddress_.erase(it->second.address);
    entries_.erase(it);
}

void ConnectionTable::setWaiting(Connection* connection, bool waiting) {
    const auto it = entries_.find(connection);
    if (it == entries_.end()) return;
    it->second.waitingSince = waiting ? std::optional(std::chrono::steady_clock::now()) : std::nullopt;
}

std::size_t ConnectionTable::from(const std::string& address) const {
    const auto it = perAddress_.find(address);
    return it == perAddress_.end() ? 0 : it->second;
}

Connection* ConnectionTable::longestWaiting(const std::optional<std::string>& address) const {
    // A linear scan: the table never holds more than the server's cap (a few hundred).
    Connection* found = nullptr;
    std::chrono::steady_clock::time_point since{};
    for (const auto& [connection, entry] : entries_) {
        if (!entry.waitingSince || (address && entry.address != *address)) continue;
        if (!found || *entry.waitingSince < since) found = connection, since = *entry.waitingSince;
    }
    return found;
}

std::string clientAddressOf(const tcp::socket& socket) {
    beast::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    if (ec) return {};
    std::string address = remote.address().to_string();
    if (address.rfind("::ffff:", 0) == 0) address.erase(0, 7);
    return address;
}

Connection::Connection(tcp::socket socket, std::string clientAddress, const HeaderScreen& screen,
                       const HttpHandler& handler, const HttpLimits& limits, ConnectionTable& table)
    : stream_(std::move(socket)), screen_(screen), handler_(handler), limits_(limits), table_(table) {
    context_.clientAddress = std::move(clientAddress);
    table_.add(this, context_.clientAddress);
}

Connection::~Connection() { table_.remove(this); }

void Connection::run() { read(); }

void Connection::evict() {
    table_.remove(this);
    close();
}

void Connection::read() {
    parser_.emplace();
    applyLimits(*parser_, limits_);
    stream_.expires_after(kIdleTimeout);
    table_.setWaiting(this, true);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                self->table_.setWaiting(self.get(), false);
                                self->onHeader(ec);
                            });
}

// libcurl (transmission-remote) sends "Expect: 100-continue" before a body over 1 KiB and waits a second
// for the go-ahead unless it gets one. A refusal comes before the go-ahead, so curl never sends the body.
void Connection::onHeader(beast::error_code ec) {
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

void Connection::readBody() {
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
}

void Connection::onRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
        ec == asio::error::bad_descriptor) {
        return close();
    }
    if (ec) return write(parseFailure(ec));
    write(callHandler(handler_, parser_->release(), context_));
}

void Connection::write(HttpResponse response) {
    auto held = std::make_shared<HttpResponse>(std::move(response));
    const bool keep = held->keep_alive();
    http::async_write(stream_, *held,
                      [self = shared_from_this(), held, keep](beast::error_code ec, std::size_t) {
                          if (ec) return self->close();
                          if (!keep) return self->lingerClose();
                          self->read();
                      });
}

// After a refusal the client may still be sending: stop writing, drain what arrives (bounded, into a
// small buffer that is reused, never kept), then close, so that its TCP stack does not reset the
// connection before it has read our answer.
void Connection::lingerClose() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    drain(std::make_shared<std::array<char, 8192>>());
}

void Connection::drain(const std::shared_ptr<std::array<char, 8192>>& sink) {
    stream_.async_read_some(asio::buffer(*sink),
                            [self = shared_from_this(), sink](beast::error_code ec, std::size_t) {
                                if (ec) return self->close();
                                self->drain(sink);
                            });
}

void Connection::close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();  // the socket and the timer: pending handlers run with operation_aborted
}

}  // namespace shoal::rpc
