// The RPC's security set: the 409 session-id handshake, the Host check (421), Basic auth (401) with its
// lockout (403), the client allow-list (403), the size limit (413), and malformed HTTP (400).
#include "rpc_fixture.h"

namespace shoal::test {
namespace {

const std::string kStats = R"({"method":"session-stats"})";

std::string basic(const std::string& userPass) {
    namespace b64 = boost::beast::detail::base64;
    std::string out(b64::encoded_size(userPass.size()), '\0');
    out.resize(b64::encode(out.data(), userPass.data(), userPass.size()));
    return "Basic " + out;
}

using RpcSecurity = RpcServerTest;

TEST_F(RpcSecurity, FirstRequestGets409WithTheSessionIdThenSucceedsWithIt) {
    startServer();
    RawReply first = sendRaw(port(), "POST", "/transmission/rpc", kStats, {{"Host", host()}});
    EXPECT_EQ(first.status, 409);
    const std::string id = first.headers["X-Transmission-Session-Id"];
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(first.headers["X-Transmission-Rpc-Version"], "6.0.0");

    RawReply wrong = sendRaw(port(), "POST", "/transmission/rpc", kStats,
                             {{"Host", host()}, {"X-Transmission-Session-Id", id + "x"}});
    EXPECT_EQ(wrong.status, 409);
    RawReply second = sendRaw(port(), "POST", "/transmission/rpc", kStats,
                              {{"Host", host()}, {"X-Transmission-Session-Id", id}});
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(json::parse(second.body).value("result", ""), "success");
}

TEST_F(RpcSecurity, ForeignHostNamesGet421ButLocalhostAndIpLiteralsPass) {
    RpcServerOptions options;
    options.hostWhitelist = {"*.seedbox.example"};
    startServer(options);
    const auto statusWithHost = [&](const std::string& hostHeader) {
        return sendRaw(port(), "POST", "/transmission/rpc", kStats, {{"Host", hostHeader}}).status;
    };
    EXPECT_EQ(statusWithHost("evil.example:" + std::to_string(port())), 421);  // DNS rebinding
    EXPECT_EQ(statusWithHost("seedbox.example.evil.com"), 421);
    EXPECT_EQ(statusWithHost("localhost:" + std::to_string(port())), 409);  // passes on to the handshake
    EXPECT_EQ(statusWithHost("127.0.0.1"), 409);
    EXPECT_EQ(statusWithHost("[::1]:9091"), 409);
    EXPECT_EQ(statusWithHost("box1.seedbox.example"), 409);
    EXPECT_EQ(sendRaw(port(), "POST", "/transmission/rpc", kStats, {}).status, 421);  // no Host at all
}

TEST_F(RpcSecurity, BasicAuthRefusesMissingAndWrongCredentials) {
    auto hash = hashRpcPassword("s3cret");
    ASSERT_TRUE(hash.ok());
    EXPECT_EQ(hash->find("s3cret"), std::string::npos);  // stored hashed
    RpcServerOptions options;
    options.username = "alice";
    options.passwordHash = hash.value();
    startServer(options);

    RawReply none = post(kStats);
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.headers["WWW-Authenticate"], "Basic realm=\"Transmission\"");
    EXPECT_EQ(post(kStats, {{"Authorization", basic("alice:wrong")}}).status, 401);
    EXPECT_EQ(post(kStats, {{"Authorization", basic("bob:s3cret")}}).status, 401);
    EXPECT_EQ(post(kStats, {{"Authorization", "Basic !!!not-base64"}}).status, 401);
    RawReply good = post(kStats, {{"Authorization", basic("alice:s3cret")}});
    EXPECT_EQ(good.status, 200) << good.body;
}

TEST_F(RpcSecurity, RepeatedWrongPasswordsLockTheAddressOut) {
    RpcServerOptions options;
    options.username = "alice";
    options.passwordHash = hashRpcPassword("s3cret").value();
    options.maxAuthFailures = 3;
    startServer(options);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(post(kStats, {{"Authorization", basic("alice:guess" + std::to_string(i))}}).status, 401);
    // Even the right password is refused while locked out.
    EXPECT_EQ(post(kStats, {{"Authorization", basic("alice:s3cret")}}).status, 403);
}

TEST_F(RpcSecurity, ClientsOutsideTheAllowListGet403) {
    RpcServerOptions options;
    options.clientWhitelist = {"192.168.1.*"};
    startServer(options);
    RawReply reply = post(kStats);
    EXPECT_EQ(reply.status, 403);
    EXPECT_NE(reply.body.find("127.0.0.1"), std::string::npos);
}

TEST_F(RpcSecurity, BodiesOverTheLimitGet413AndTheServerKeepsServing) {
    RpcServerOptions options;
    options.maxBodyBytes = 4096;
    startServer(options);
    const std::string huge =
        R"({"method":"session-stats","arguments":{"x":")" + std::string(64 * 1024, 'a') + "\"}}";
    EXPECT_EQ(post(huge).status, 413);
    EXPECT_EQ(post(kStats).status, 200);
}

TEST_F(RpcSecurity, MalformedHttpGets400) {
    startServer();
    namespace asio = boost::asio;
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port())});
    const std::string garbage = "THIS IS NOT HTTP\r\n\r\n";
    asio::write(socket, asio::buffer(garbage));
    std::string answer(512, '\0');
    boost::system::error_code ec;
    const std::size_t n = socket.read_some(asio::buffer(answer), ec);
    answer.resize(n);
    EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
    EXPECT_EQ(post(kStats).status, 200);
}

TEST_F(RpcSecurity, OtherPathsAndMethodsAreRefused) {
    startServer();
    EXPECT_EQ(sendRaw(port(), "GET", "/nothing-here", "", {{"Host", host()}}).status, 404);
    ASSERT_EQ(post(kStats).status, 200);  // learns the session id
    EXPECT_EQ(sendRaw(port(), "GET", "/transmission/rpc", "",
                      {{"Host", host()}, {"X-Transmission-Session-Id", sessionId_}})
                  .status,
              405);
}

TEST_F(RpcSecurity, PasswordHashesAreSaltedAndVerify) {
    auto a = hashRpcPassword("same"), b = hashRpcPassword("same");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a.value(), b.value());
    EXPECT_TRUE(verifyRpcPassword("same", a.value()));
    EXPECT_FALSE(verifyRpcPassword("Same", a.value()));
    EXPECT_FALSE(verifyRpcPassword("same", "plaintext"));
    EXPECT_FALSE(hashRpcPassword("").ok());
}

TEST_F(RpcSecurity, MetricsNeedNoSessionIdButKeepTheHostCheck) {
    startServer();
    RawReply metrics = sendRaw(port(), "GET", "/metrics", "", {{"Host", host()}});
    EXPECT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.headers["Content-Type"].find("text/plain; version=0.0.4"), std::string::npos);
    EXPECT_NE(metrics.body.find("# TYPE shoal_torrents gauge\nshoal_torrents 0\n"), std::string::npos)
        << metrics.body;
    EXPECT_EQ(sendRaw(port(), "GET", "/metrics", "", {{"Host", "evil.example"}}).status, 421);
}

}  // namespace
}  // namespace shoal::test
