// Hostile input over real sockets (issue 17): nesting that once overflowed the RPC thread's stack, bytes
// that are not UTF-8, numbers that overflowed, paths that escaped the torrent's folder, bodies buffered
// before the checks, connections that ran the daemon out of descriptors, and guesses spread over many
// addresses. Each test fails on the code before its fix (a crash, a hang, a wrong answer).
#include <fcntl.h>
#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "cli/shoal_process.h"
#include "raw_client.h"
#include "rpc_fixture.h"

namespace shoal::test {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string nested(std::size_t depth, const std::string& inner = "") {
    return std::string(depth, '[') + inner + std::string(depth, ']');
}

std::string basic(const std::string& userPass) {
    namespace b64 = boost::beast::detail::base64;
    std::string out(b64::encoded_size(userPass.size()), '\0');
    out.resize(b64::encode(out.data(), userPass.data(), userPass.size()));
    return "Basic " + out;
}

// Resident memory of this process, in bytes.
std::int64_t residentBytes() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
    return -1;
}

// User + system CPU time of a process so far (from /proc/PID/stat), in seconds.
double cpuSecondsOf(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; fields >> field; ++i) {  // field 3 is the state; utime is 14, stime 15
        if (i == 14) utime = std::stod(field);
        if (i == 15) {
            stime = std::stod(field);
            break;
        }
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double ownCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

class RpcHostileInput : public RpcServerTest {
protected:
    // A JSON-RPC request with the session id: status and parsed body (null if not JSON).
    std::pair<int, json> jsonRpc(const std::string& body) {
        RawReply reply = post(body);
        return {reply.status, json::parse(reply.body, nullptr, false)};
    }

    // torrent-add of a magnet: the new id.
    TorrentId addMagnet(const std::string& uri) {
        const json added = ok("torrent-add", {{"filename", uri}, {"paused", true}});
        const json torrent = added.value("torrent-added", added.value("torrent-duplicate", json::object()));
        return torrent.value("id", TorrentId{0});
    }

    // A one-file torrent seeding from data/: its id.
    TorrentId addSeeding(const std::string& name) {
        const CreatedTorrent t = makeTorrent(dir_.path() / "data", name, 64 * 1024);
        const json added = ok("torrent-add", {{"metainfo", base64Of(t.bytes)},
                                              {"download-dir", (dir_.path() / "data").string()}});
        return added.value("torrent-added", json::object()).value("id", TorrentId{0});
    }
};

// ---- 1: nesting ----

TEST_F(RpcHostileInput, NestingAMillionDeepIsRefusedInBothFormatsAndTheServerStaysUp) {
    startServer();
    const std::string deep = nested(1'000'000);  // 2 MB: under the body limit, so it reaches the parser
    RawReply legacy = post(R"({"method":"session-get","tag":)" + deep + "}");
    ASSERT_EQ(legacy.status, 200);
    const json answer = json::parse(legacy.body, nullptr, false);
    ASSERT_TRUE(answer.is_object()) << legacy.body.substr(0, 200);
    EXPECT_NE(answer.value("result", "").find("nested deeper than"), std::string::npos) << answer.dump();

    for (const std::string& body :
         {R"({"jsonrpc":"2.0","method":"session_get","params":{"fields":)" + deep + R"(},"id":7})",
          R"({"jsonrpc":"2.0","method":"session_set","params":{"shoal_settings":{"x":)" + deep +
              R"(}},"id":8})"}) {
        auto [status, reply] = jsonRpc(body);
        ASSERT_EQ(status, 200);
        EXPECT_EQ(reply["error"].value("code", 0), -32700) << reply.dump();
    }
    RawReply args = post(R"({"method":"torrent-get","arguments":{"ids":)" + nested(60'000) + "}}");
    ASSERT_EQ(args.status, 200);
    EXPECT_NE(args.body.find("nested deeper than"), std::string::npos);

    EXPECT_EQ(call("session-stats").value("result", ""), "success");  // still serving
}

TEST_F(RpcHostileInput, NestingUpToTheLimitIsStillAnsweredAndTheTagEchoed) {
    startServer();
    const json answer = call("session-stats", json::object());
    ASSERT_EQ(answer.value("result", ""), "success");
    RawReply reply = post(R"({"method":"session-stats","tag":)" + nested(100, "1") + "}");
    ASSERT_EQ(reply.status, 200);
    const json echoed = json::parse(reply.body);
    EXPECT_EQ(echoed.value("result", ""), "success");
    EXPECT_EQ(echoed["tag"], json::parse(nested(100, "1")));
    RawReply over = post(R"({"method":"session-stats","tag":)" + nested(129, "1") + "}");
    EXPECT_NE(over.body.find("nested deeper than 128 levels"), std::string::npos) << over.body;
}

// ---- 2: invalid UTF-8 ----

TEST_F(RpcHostileInput, ANameThatIsNotUtf8IsAnsweredWithReplacementCharactersInBothFormats) {
    startServer();
    const TorrentId id = addMagnet("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=%ff");
    ASSERT_GT(id, 0);

    json legacy = ok("torrent-get", {{"ids", {id}}, {"fields", {"id", "name"}}});
    ASSERT_EQ(legacy["torrents"].size(), 1u) << legacy.dump();
    EXPECT_NE(legacy["torrents"][0].value("name", "").find(kReplacement), std::string::npos) << legacy.dump();

    auto [status, reply] =
        jsonRpc(R"({"jsonrpc":"2.0","method":"torrent_get","params":{"fields":["id","name"]},"id":1})");
    EXPECT_EQ(status, 200);
    ASSERT_TRUE(reply.is_object());
    ASSERT_EQ(reply["result"]["torrents"].size(), 1u) << reply.dump();
    EXPECT_NE(reply["result"]["torrents"][0].value("name", "").find(kReplacement), std::string::npos);

    RawReply metrics = sendRaw(port(), "GET", "/metrics", "", {{"Host", host()}});
    EXPECT_EQ(metrics.status, 200);
    EXPECT_EQ(metrics.body.find('\xff'), std::string::npos);  // label values are UTF-8 too
}

// ---- 4: numbers ----

TEST_F(RpcHostileInput, SpeedLimitsThatWouldOverflowAreRefusedAndChangeNothing) {
    startServer();
    ok("session-set", {{"speed-limit-down", 100}, {"speed-limit-down-enabled", true}});
    for (const char* key : {"speed-limit-down", "speed-limit-up", "alt-speed-down", "alt-speed-up"}) {
        for (const json& value : {json(2'097'152), json(4'294'967'296LL), json(-1), json(1e300), json(1.5)}) {
            const json answer = call("session-set", {{key, value}, {"speed-limit-down-enabled", true}});
            EXPECT_NE(answer.value("result", ""), "success") << key << "=" << value.dump();
            EXPECT_NE(answer.value("result", "").find(key), std::string::npos) << answer.dump();
        }
    }
    json got =
        ok("session-get", {{"fields", {"speed-limit-down", "speed-limit-down-enabled", "alt-speed-down"}}});
    EXPECT_EQ(got.value("speed-limit-down", 0), 100);
    EXPECT_TRUE(got.value("speed-limit-down-enabled", false));
    EXPECT_EQ(got.value("alt-speed-down", -1), 0);

    // The largest that fits is taken as it is.
    ok("session-set", {{"speed-limit-down", 2'097'151}, {"alt-speed-up", 2'097'151}});
    got = ok("session-get", {{"fields", {"speed-limit-down", "alt-speed-up"}}});
    EXPECT_EQ(got.value("speed-limit-down", 0), 2'097'151);
    EXPECT_EQ(got.value("alt-speed-up", 0), 2'097'151);

    for (const auto& [key, value] :
         std::vector<std::pair<std::string, json>>{{"peer-port", 70000},
                                                   {"peer-port", 1e10},
                                                   {"peer-limit-global", 4'294'967'297LL},
                                                   {"alt-speed-time-begin", 1440},
                                                   {"download-queue-size", -3},
                                                   {"seedRatioLimit", -1}}) {
        const json answer = call("session-set", {{key, value}});
        EXPECT_NE(answer.value("result", "").find(key), std::string::npos) << key << " " << answer.dump();
    }
}

TEST_F(RpcHostileInput, TorrentLimitsThatWouldOverflowAreRefused) {
    startServer();
    const TorrentId id = addSeeding("limits.bin");
    ASSERT_GT(id, 0);
    const auto limitsAre = [&](int down, int up) {  // the engine applies limits on its own thread
        return eventually([&] {
            const auto status = session_->status(id);
            return status && status->downloadLimit == down && status->uploadLimit == up;
        });
    };
    ok("torrent-set", {{"ids", {id}}, {"downloadLimit", 50}, {"downloadLimited", true}});
    ASSERT_TRUE(limitsAre(50 * 1024, 0));
    for (const auto& [key, value] :
         std::vector<std::pair<std::string, json>>{{"downloadLimit", 2'097'152},
                                                   {"uploadLimit", 3'000'000'000LL},
                                                   {"shoal-download-limit", 1e12},
                                                   {"queuePosition", 1e15},
                                                   {"seedRatioMode", 9},
                                                   {"shoal-file-priorities", json::array({1000})}}) {
        const json answer = call("torrent-set", {{"ids", {id}}, {key, value}});
        EXPECT_NE(answer.value("result", ""), "success") << key << " " << answer.dump();
    }
    // A valid change after them lands after anything they could have changed: the download limit is as it
    // was.
    ok("torrent-set", {{"ids", {id}}, {"uploadLimit", 10}, {"uploadLimited", true}});
    EXPECT_TRUE(limitsAre(50 * 1024, 10 * 1024)) << session_->status(id)->downloadLimit;
    json got = ok("torrent-get", {{"ids", {id}}, {"fields", {"downloadLimit", "downloadLimited"}}});
    EXPECT_EQ(got["torrents"][0].value("downloadLimit", 0), 50);
    EXPECT_TRUE(got["torrents"][0].value("downloadLimited", false));
}

// ---- 5: escapes ----

TEST_F(RpcHostileInput, RenamesCannotLeaveTheTorrentsFolder) {
    startServer();
    const TorrentId id = addSeeding("inside.bin");
    ASSERT_GT(id, 0);
    // Checked and seeding: a rename would really move the file now.
    ASSERT_TRUE(eventually(
        [&] {
            const auto status = session_->status(id);
            return status && status->state == TorrentState::Seeding;
        },
        std::chrono::seconds(20)));
    const auto outside = dir_.path() / "escaped";
    for (const std::string& path :
         {std::string("../../escaped"), std::string("../escaped"), outside.string(), std::string("a//b"),
          std::string("a/./b"), std::string("sub/../../escaped"), std::string("")}) {
        const json answer = call("shoal-rename-file", {{"ids", {id}}, {"index", 0}, {"path", path}});
        EXPECT_NE(answer.value("result", ""), "success") << "'" << path << "' " << answer.dump();
    }
    const json viaName = call("torrent-rename-path", {{"ids", {id}}, {"path", "inside.bin"}, {"name", ".."}});
    EXPECT_NE(viaName.value("result", ""), "success");
    EXPECT_FALSE(std::filesystem::exists(outside));
    EXPECT_FALSE(std::filesystem::exists(dir_.path().parent_path() / "escaped"));
    EXPECT_TRUE(std::filesystem::exists(dir_.path() / "data" / "inside.bin"));

    // Inside the torrent, a subfolder is fine.
    ok("shoal-rename-file", {{"ids", {id}}, {"index", 0}, {"path", "sub/renamed.bin"}});
    EXPECT_TRUE(
        eventually([&] { return std::filesystem::exists(dir_.path() / "data" / "sub" / "renamed.bin"); }));
}

TEST_F(RpcHostileInput, LocationsAndDownloadDirsMustBeAbsolute) {
    startServer();
    const TorrentId id = addSeeding("placed.bin");
    ASSERT_GT(id, 0);
    json answer = call("torrent-set", {{"ids", {id}}, {"location", "../../moved"}});
    EXPECT_NE(answer.value("result", "").find("absolute"), std::string::npos) << answer.dump();
    answer = call("torrent-set-location", {{"ids", {id}}, {"location", "moved"}, {"move", true}});
    EXPECT_NE(answer.value("result", "").find("absolute"), std::string::npos) << answer.dump();

    const CreatedTorrent other = makeTorrent(dir_.path(), "other.bin", 32 * 1024, TorrentVersion::V1, 11);
    answer = call("torrent-add", {{"metainfo", base64Of(other.bytes)}, {"download-dir", "relative/dir"}});
    EXPECT_NE(answer.value("result", "").find("absolute"), std::string::npos) << answer.dump();
    EXPECT_EQ(ok("torrent-get", {{"fields", {"id"}}})["torrents"].size(), 1u);

    answer = call("session-set", {{"download-dir", "relative/dir"}});
    EXPECT_NE(answer.value("result", "").find("absolute"), std::string::npos) << answer.dump();
    answer = call("session-set", {{"shoal-settings", {{"default_save_path", "rel"}}}});
    EXPECT_NE(answer.value("result", "").find("absolute"), std::string::npos) << answer.dump();
    EXPECT_EQ(ok("session-get", {{"fields", {"download-dir"}}}).value("download-dir", ""),
              (dir_.path() / "data").string());
}

// ---- 6: checks before bodies ----

// Headers that announce a body which is never sent: a server that waits for the body before its checks
// never answers (it used to buffer up to 16 MiB per connection first).
TEST_F(RpcHostileInput, RefusalsComeOnTheHeadersBeforeAnyBodyIsRead) {
    RpcServerOptions options;
    options.clientWhitelist = {"127.0.0.1"};
    options.username = "alice";
    options.passwordHash = hashRpcPassword("s3cret").value();
    startServer(options);
    ASSERT_EQ(post(R"({"method":"session-stats"})", {{"Authorization", basic("alice:s3cret")}}).status, 200);
    const std::string announced = "Content-Length: " + std::to_string(16 * 1024 * 1024 - 1) + "\r\n";
    const auto refusedAtOnce = [&](const std::string& source, const std::string& headers) {
        RawClient client;
        if (!client.connectFrom(source, port())) return 0;
        client.send("POST /transmission/rpc HTTP/1.1\r\n" + headers + announced + "\r\n");
        auto response = client.readResponse(std::chrono::seconds(5));
        if (!response) return 0;
        EXPECT_NE(response->head.find("Connection: close"), std::string::npos) << response->head;
        return response->status;
    };
    const std::string hostLine = "Host: " + host() + "\r\n";
    const std::string auth = "Authorization: " + basic("alice:s3cret") + "\r\n";
    const std::string id = "X-Transmission-Session-Id: " + sessionId_ + "\r\n";
    EXPECT_EQ(refusedAtOnce("127.0.0.2", hostLine + auth + id), 403);                  // not whitelisted
    EXPECT_EQ(refusedAtOnce("127.0.0.1", "Host: evil.example\r\n" + auth + id), 421);  // rebinding
    EXPECT_EQ(refusedAtOnce("127.0.0.1", hostLine + id), 401);                         // no credentials
    EXPECT_EQ(refusedAtOnce("127.0.0.1", hostLine + auth), 409);                       // no session id
    EXPECT_EQ(sendRaw(port(), "PUT", "/elsewhere", "x", {{"Host", host()}}).status, 404);
}

TEST_F(RpcHostileInput, SixtyRefusedUploadsDoNotPileUpInMemory) {
    RpcServerOptions options;
    options.clientWhitelist = {"127.0.0.1"};
    startServer(options);
    constexpr int kClients = 60;
    constexpr std::size_t kBody = 8 * 1024 * 1024;
    const std::string chunk(kBody, 'a');
    const std::int64_t before = residentBytes();
    std::vector<RawClient> clients(kClients);
    for (auto& client : clients) {
        ASSERT_TRUE(client.connectFrom("127.0.0.3", port()));
        const std::string head = "POST /transmission/rpc HTTP/1.1\r\nHost: " + host() +
                                 "\r\nContent-Length: " + std::to_string(kBody + 1) + "\r\n\r\n";
        client.send(head);
        client.send(chunk);  // refused early: this ends in a closed connection or is drained and dropped
    }
    // Everyone was answered 403 or dropped; nobody's 8 MiB stayed in the server.
    const std::int64_t grown = residentBytes() - before;
    EXPECT_LT(grown, 64 * 1024 * 1024) << "resident memory grew by " << grown / (1024 * 1024) << " MiB";
    std::cerr << "60 refused 8 MiB uploads: resident memory +" << grown / (1024 * 1024) << " MiB\n";
    for (auto& client : clients) EXPECT_TRUE(client.closedByPeer(std::chrono::seconds(10)));
    EXPECT_EQ(call("session-stats").value("result", ""), "success");
}

// ---- 7: connections and descriptors ----

TEST_F(RpcHostileInput, IdleConnectionsPastTheCapMakeRoomForANewClient) {
    RpcServerOptions options;
    options.maxConnectionsPerAddress = 4;
    options.maxConnections = 6;
    startServer(options);
    std::vector<RawClient> idle(12);
    for (std::size_t i = 0; i < idle.size(); ++i)
        ASSERT_TRUE(idle[i].connectFrom(i % 2 ? "127.0.0.5" : "127.0.0.6", port()));
    // A normal client is answered, and the longest-waiting idle connections were closed for it.
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(call("session-stats").value("result", ""), "success");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
    EXPECT_TRUE(idle[0].closedByPeer());
    EXPECT_TRUE(idle[1].closedByPeer());
}

// Leaves this process exactly `spare` free descriptors (a lowered limit, the rest taken by /dev/null),
// and gives everything back when it goes, whatever happens in between.
class DescriptorsRunningOut {
public:
    explicit DescriptorsRunningOut(int spare) {
        getrlimit(RLIMIT_NOFILE, &saved_);
        const auto openCount = std::distance(std::filesystem::directory_iterator("/proc/self/fd"),
                                             std::filesystem::directory_iterator());
        rlimit lowered = saved_;
        lowered.rlim_cur = static_cast<rlim_t>(openCount + 64);
        ok_ = setrlimit(RLIMIT_NOFILE, &lowered) == 0;
        for (int fd; ok_ && (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) taken_.push_back(fd);
        for (int i = 0; i < spare && !taken_.empty(); ++i) ::close(taken_.back()), taken_.pop_back();
    }
    ~DescriptorsRunningOut() {
        for (int fd : taken_) ::close(fd);
        setrlimit(RLIMIT_NOFILE, &saved_);
    }
    bool ok() const { return ok_ && !taken_.empty(); }

private:
    rlimit saved_{};
    bool ok_ = false;
    std::vector<int> taken_;
};

// AddressSanitizer builds (scripts/sanitize.sh pairs it with UBSan) cannot run the test below: the
// runtime needs descriptors of its own in this very process, which the test takes away. UBSan's vptr
// check probes memory through a pipe and reports "invalid vptr" for a valid object when it cannot make
// one, and the symbolizer starts through a socket pair. The plain and TSan builds run it.
#if defined(__SANITIZE_ADDRESS__)
#define SHOAL_RUNTIME_NEEDS_DESCRIPTORS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHOAL_RUNTIME_NEEDS_DESCRIPTORS 1
#endif
#endif

TEST_F(RpcHostileInput, OutOfDescriptorsTheAcceptLoopBacksOffInsteadOfSpinning) {
#ifdef SHOAL_RUNTIME_NEEDS_DESCRIPTORS
    GTEST_SKIP() << "built with AddressSanitizer/UBSan, whose runtime needs the descriptors this test "
                    "uses up (vptr check, symbolizer); the plain and TSan builds run it";
#endif
    startServer();
    // Sockets made while descriptors last; connected after the limit drops (connect needs none), so the
    // server's accept fails with EMFILE while they wait in its backlog.
    std::vector<RawClient> waiting(8);
    for (auto& client : waiting) ASSERT_TRUE(client.open("127.0.0.7"));
    RawClient normal;
    ASSERT_TRUE(normal.open("127.0.0.1"));
    {
        DescriptorsRunningOut scarce(2);  // the server takes two of them, then accept fails with EMFILE
        ASSERT_TRUE(scarce.ok());
        for (auto& client : waiting) ASSERT_TRUE(client.connect(port()));
        const double cpuBefore = ownCpuSeconds();
        const auto wallBefore = std::chrono::steady_clock::now();
        std::this_thread::sleep_for(std::chrono::seconds(1));  // the interval measured, not a wait on a state
        const double cpu = ownCpuSeconds() - cpuBefore;
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallBefore).count();
        std::cerr << "out of descriptors: " << cpu << " s CPU in " << wall << " s\n";
        EXPECT_LT(cpu, 0.5 * wall) << "the accept loop spins";
        // A normal client behind them is still answered (waiting connections are closed to make room).
        ASSERT_TRUE(normal.connect(port()));
        normal.send(
            httpRequest("POST", "/transmission/rpc", host(), "X-Transmission-Session-Id: x\r\n", "{}"));
        auto response = normal.readResponse(std::chrono::seconds(10));
        ASSERT_TRUE(response.has_value());
        EXPECT_EQ(response->status, 409);
    }
    EXPECT_EQ(call("session-stats").value("result", ""), "success");
}

// The issue's reproduction: `shoal daemon` at `ulimit -n 1024` under 1,100 idle connections.
TEST(RpcDaemonDescriptors, ElevenHundredIdleConnectionsNeitherSpinNorLockOutAClient) {
    SHOAL_REQUIRE_CLI();
    rlimit own{};
    getrlimit(RLIMIT_NOFILE, &own);
    if (own.rlim_cur < 1400) {
        own.rlim_cur = std::min<rlim_t>(own.rlim_max, 1400);
        setrlimit(RLIMIT_NOFILE, &own);
    }
    if (own.rlim_cur < 1400)
        GTEST_SKIP() << "this test needs 1,400 descriptors; the hard limit is " << own.rlim_max;
    TempDir dir("shoal-fd");
    std::filesystem::create_directories(dir.path() / "data");
    ProcessOptions options;
    // sh applies the limit and execs: the PID is the daemon's.
    options.argv = concat({"/bin/sh", "-c", "ulimit -n 1024 && exec \"$@\"", "sh", shoalBinary(), "daemon",
                           "--foreground", "--rpc-bind", "127.0.0.1:0"},
                          loopbackArgs("127.0.0.1", dir.path() / "profile"));
    options.env["HOME"] = dir.path().string();
    Process daemon(std::move(options));
    ASSERT_TRUE(daemon.started());
    auto line = daemon.waitForLine(
        [](const std::string& l) { return l.find("\"rpc_listening\"") != std::string::npos; },
        std::chrono::seconds(20));
    ASSERT_TRUE(line.has_value()) << daemon.stderrText();
    const int port = json::parse(*line).value("port", 0);
    ASSERT_GT(port, 0);

    std::vector<RawClient> idle(1100);
    for (std::size_t i = 0; i < idle.size(); ++i)
        ASSERT_TRUE(idle[i].connectFrom("127.0.0." + std::to_string(10 + i % 40), port)) << i;

    const auto started = std::chrono::steady_clock::now();
    RawClient normal;
    ASSERT_TRUE(normal.connectFrom("127.0.0.1", port));
    normal.send(httpRequest("POST", "/transmission/rpc", "127.0.0.1:" + std::to_string(port), "", "{}"));
    auto response = normal.readResponse(std::chrono::seconds(10));
    ASSERT_TRUE(response.has_value()) << "a normal client was not answered within 10 s";
    EXPECT_EQ(response->status, 409);
    std::cerr << "answered after "
              << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                       started)
                     .count()
              << " ms\n";

    const double before = cpuSecondsOf(daemon.pid());
    const auto wallBefore = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(1));  // the interval measured, not a wait on a state
    const double cpu = cpuSecondsOf(daemon.pid()) - before;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallBefore).count();
    std::cerr << "daemon with 1,100 idle connections: " << cpu << " s CPU in " << wall << " s\n";
    EXPECT_LT(cpu, 0.5 * wall) << "the daemon spins";
    EXPECT_EQ(daemon.stop(), 0) << daemon.stderrText();
}

// ---- 8: guesses from many addresses ----

TEST_F(RpcHostileInput, GuessesSpreadOverManyAddressesLockLoginsButNotAVerifiedClient) {
    RpcServerOptions options;
    options.username = "alice";
    options.passwordHash = hashRpcPassword("s3cret").value();
    options.clientWhitelist = {"127.0.0.*"};
    options.maxAuthFailures = 10;
    options.maxGlobalAuthFailures = 30;
    startServer(options);
    const std::string good = basic("alice:s3cret");
    ASSERT_EQ(post(R"({"method":"session-stats"})", {{"Authorization", good}}).status, 200);  // logged in

    const auto statusFrom = [&](const std::string& source, const std::string& authorization) {
        RawClient client;
        if (!client.connectFrom(source, port())) return 0;
        client.send(httpRequest(
            "POST", "/transmission/rpc", host(),
            "Authorization: " + authorization + "\r\nX-Transmission-Session-Id: " + sessionId_ + "\r\n",
            R"({"method":"session-stats"})"));
        auto response = client.readResponse(std::chrono::seconds(10));
        return response ? response->status : 0;
    };
    std::map<int, int> statuses;
    for (int guess = 0; guess < 200; ++guess)  // 8 or 9 per address: under the per-address limit
        ++statuses[statusFrom("127.0.0." + std::to_string(2 + guess % 23),
                              basic("alice:guess" + std::to_string(guess)))];
    EXPECT_EQ(statuses[401], 30);
    EXPECT_EQ(statuses[429], 170);
    // Even the right password from another address is not checked while the lock holds...
    EXPECT_EQ(statusFrom("127.0.0.40", good), 429);
    // ...but the client that had logged in before keeps working.
    EXPECT_EQ(post(R"({"method":"session-stats"})", {{"Authorization", good}}).status, 200);
}

// ---- the raw pipeline (fuzzing entry point) ----

TEST_F(RpcHostileInput, AnswerRawRunsTheSocketPipelineOnBytes) {
    auto made = RpcServer::withoutSocket(*session_, RpcServerOptions{});
    ASSERT_TRUE(made.ok());
    RpcServer& raw = *made.value();
    const auto statusOf = [](const std::string& response) {
        return response.size() > 12 ? std::atoi(response.c_str() + 9) : 0;
    };
    const std::string stats = R"({"method":"session-stats"})";
    const std::string first =
        raw.answerRaw(httpRequest("POST", "/transmission/rpc", "localhost", "", stats), "127.0.0.1");
    ASSERT_EQ(statusOf(first), 409) << first;
    const auto at = first.find("X-Transmission-Session-Id: ");
    ASSERT_NE(at, std::string::npos);
    const std::string id = first.substr(at + 27, first.find("\r\n", at) - at - 27);
    const std::string idLine = "X-Transmission-Session-Id: " + id + "\r\n";
    const std::string okAnswer =
        raw.answerRaw(httpRequest("POST", "/transmission/rpc", "localhost", idLine, stats), "127.0.0.1");
    EXPECT_EQ(statusOf(okAnswer), 200) << okAnswer;
    EXPECT_NE(okAnswer.find("\"result\":\"success\""), std::string::npos);
    EXPECT_EQ(statusOf(raw.answerRaw(httpRequest("POST", "/transmission/rpc", "localhost", idLine, stats),
                                     "10.0.0.1")),
              403);
    EXPECT_EQ(statusOf(raw.answerRaw("NOT HTTP\r\n\r\n", "127.0.0.1")), 400);
    EXPECT_EQ(statusOf(raw.answerRaw("POST /transmission/rpc HTTP/1.1\r\nHost: localhost\r\n" + idLine +
                                         "Content-Length: 99999999\r\n\r\n{}",
                                     "127.0.0.1")),
              413);
    EXPECT_EQ(statusOf(raw.answerRaw("POST /transmission/rpc HTTP/1.1\r\nHost: localhost\r\n" + idLine +
                                         "Content-Length: 50\r\n\r\n{}",
                                     "127.0.0.1")),
              400);  // cut short
    const std::string deep = raw.answerRaw(httpRequest("POST", "/transmission/rpc", "localhost", idLine,
                                                       R"({"method":"x","tag":)" + nested(1'000'000) + "}"),
                                           "127.0.0.1");
    EXPECT_EQ(statusOf(deep), 200);
    EXPECT_NE(deep.find("nested deeper than"), std::string::npos);
}

}  // namespace
}  // namespace shoal::test
