// Shared set-up of the rpc tests: a LocalSession on loopback with an RpcServer in front of it (port picked
// by the kernel), raw HTTP requests with any headers, RPC calls in both wire formats, and small torrents.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "shoal/create.h"
#include "shoal/local_session.h"
#include "shoal/rpc_server.h"
#include "support/fixtures.h"

namespace shoal::test {

using nlohmann::json;

struct RawReply {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
};

// One HTTP request on a fresh connection, with exactly the headers given (Host included). Bounded by
// the socket's own timeouts: the server answers or closes at once.
inline RawReply sendRaw(int port, const std::string& method, const std::string& target,
                        const std::string& body, const std::map<std::string, std::string>& headers) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                                  static_cast<unsigned short>(port)));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    http::write(stream, req, ec);
    RawReply reply;
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(stream, buffer, parser, ec);
    if (ec) return reply;
    auto res = parser.release();
    reply.status = res.result_int();
    for (const auto& field : res)
        reply.headers[std::string(field.name_string())] = std::string(field.value());
    reply.body = res.body();
    return reply;
}

// Polls `condition` every 20 ms until it holds or `timeout` passes (for states with no event to wait on).
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return condition();
}

// A payload file and its torrent, in `dir`.
inline CreatedTorrent makeTorrent(const std::filesystem::path& dir, const std::string& name,
                                  std::int64_t size, TorrentVersion version = TorrentVersion::V1,
                                  std::uint64_t seed = 7) {
    writeRandomFile(dir / name, size, seed);
    CreateRequest request;
    request.source = dir / name;
    request.version = version;
    request.pieceSize = 16 * 1024;
    auto created = createTorrent(request);
    EXPECT_TRUE(created.ok()) << (created ? "" : created.error().message);
    return created.value();
}

inline std::filesystem::path writeTorrentFile(const std::filesystem::path& path, const CreatedTorrent& t) {
    std::ofstream(path, std::ios::binary).write(t.bytes.data(), static_cast<std::streamsize>(t.bytes.size()));
    return path;
}

class RpcServerTest : public ::testing::Test {
protected:
    // Tests that need other server options set them and call startServer() themselves.
    void SetUp() override {
        LocalSessionOptions options;
        options.profileDir = dir_.path() / "profile";
        options.tickMs = 100;
        options.overrides = [data = (dir_.path() / "data").string()](Settings& s) {
            useLoopback(s, "127.0.0.1");
            s.defaultSavePath = data;
        };
        std::filesystem::create_directories(dir_.path() / "data");
        auto opened = LocalSession::open(options);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        session_ = std::move(opened).value();
    }

    void TearDown() override {
        server_.reset();
        if (session_) session_->shutdown();
    }

    void startServer(RpcServerOptions options = {}) {
        options.port = 0;
        auto started = RpcServer::start(*session_, options);
        ASSERT_TRUE(started.ok()) << started.error().message;
        server_ = std::move(started).value();
    }

    int port() const { return server_->port(); }
    std::string host() const { return "127.0.0.1:" + std::to_string(port()); }

    // A POST to the RPC path with the right Host and session id (the handshake done once).
    RawReply post(const std::string& body, std::map<std::string, std::string> headers = {}) {
        headers.emplace("Host", host());
        if (sessionId_.empty()) {
            RawReply first = sendRaw(port(), "POST", "/transmission/rpc", body, headers);
            if (first.status != 409) return first;
            sessionId_ = first.headers["X-Transmission-Session-Id"];
        }
        headers["X-Transmission-Session-Id"] = sessionId_;
        return sendRaw(port(), "POST", "/transmission/rpc", body, headers);
    }

    // The legacy format: {"method", "arguments", "tag"} -> the whole answer.
    json call(const std::string& method, const json& arguments = json::object()) {
        RawReply reply = post(json{{"method", method}, {"arguments", arguments}, {"tag", 1}}.dump());
        EXPECT_EQ(reply.status, 200) << reply.body;
        json answer = json::parse(reply.body, nullptr, false);
        EXPECT_FALSE(answer.is_discarded()) << reply.body;
        return answer;
    }

    // A legacy call that must succeed: its arguments.
    json ok(const std::string& method, const json& arguments = json::object()) {
        json answer = call(method, arguments);
        EXPECT_EQ(answer.value("result", ""), "success")
            << method << " " << arguments.dump() << " -> " << answer.dump();
        return answer.value("arguments", json::object());
    }

    std::string base64Of(const std::vector<char>& bytes);

    TempDir dir_{"shoal-rpc"};
    std::unique_ptr<LocalSession> session_;
    std::unique_ptr<RpcServer> server_;
    std::string sessionId_;
};

inline std::string RpcServerTest::base64Of(const std::vector<char>& bytes) {
    namespace b64 = boost::beast::detail::base64;
    std::string out(b64::encoded_size(bytes.size()), '\0');
    out.resize(b64::encode(out.data(), bytes.data(), bytes.size()));
    return out;
}

}  // namespace shoal::test
