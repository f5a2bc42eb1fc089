// `shoal daemon` as a process with its library on a full disk: what the RPC answered is what a restart
// finds, the cause is logged once with SQLite's own words, and SIGTERM still ends it in seconds. And the
// per-torrent options that a daemon cannot honour are refused, not ignored.

#include <set>

#include "cli/shoal_process.h"
#include "rpc/rpc_fixture.h"
#include "support/small_disk.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr std::int64_t kMiB = 1024 * 1024;

std::string base64(const std::vector<char>& bytes) {
    namespace b64 = boost::beast::detail::base64;
    std::string out(b64::encoded_size(bytes.size()), '\0');
    out.resize(b64::encode(out.data(), bytes.data(), bytes.size()));
    return out;
}

class Daemon {
public:
    Daemon(const fs::path& profile, const fs::path& home) {
        ProcessOptions options;
        options.argv = concat({shoalBinary(), "daemon", "--foreground", "--rpc-bind", "127.0.0.1:0"},
                              loopbackArgs("127.0.0.1", profile));
        options.env["HOME"] = home.string();
        process_ = std::make_unique<Process>(std::move(options));
        auto line = process_->waitForLine(
            [](const std::string& l) { return l.find("\"rpc_listening\"") != std::string::npos; },
            std::chrono::seconds(30));
        if (line) port_ = json::parse(*line).value("port", 0);
    }

    bool up() const { return port_ > 0; }
    Process& process() { return *process_; }

    // A legacy call with the 409 handshake done once: the whole answer.
    json call(const std::string& method, const json& arguments = json::object()) {
        std::map<std::string, std::string> headers{{"Host", "127.0.0.1:" + std::to_string(port_)}};
        const std::string body = json{{"method", method}, {"arguments", arguments}}.dump();
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (!sessionId_.empty()) headers["X-Transmission-Session-Id"] = sessionId_;
            RawReply reply = sendRaw(port_, "POST", "/transmission/rpc", body, headers);
            if (reply.status == 409) {
                sessionId_ = reply.headers["X-Transmission-Session-Id"];
                continue;
            }
            json answer = json::parse(reply.body, nullptr, false);
            return answer.is_discarded() ? json{{"result", "HTTP " + std::to_string(reply.status)}} : answer;
        }
        return json{{"result", "no session id"}};
    }

    std::set<std::string> names() {
        std::set<std::string> out;
        const json answer = call("torrent-get", {{"fields", {"name"}}});
        for (const auto& t : answer["arguments"]["torrents"]) out.insert(t.value("name", ""));
        return out;
    }

private:
    std::unique_ptr<Process> process_;
    int port_ = 0;
    std::string sessionId_;
};

int occurrences(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

TEST(DaemonOnAFullDisk, AnswersWhatARestartFindsLogsTheCauseOnceAndStopsInTime) {
    SHOAL_REQUIRE_CLI();
    SHOAL_SMALL_DISK(disk, 24 * kMiB);
    TempDir home("shoal-daemon-home");
    const fs::path profile = disk.path() / "profile";
    const std::string downloads = (disk.path() / "downloads").string();

    std::set<std::string> answeredAdded;
    bool limitAnsweredSuccess = false;
    {
        Daemon daemon(profile, home.path());
        ASSERT_TRUE(daemon.up()) << daemon.process().stderrText();
        json added = daemon.call("torrent-add", {{"metainfo", base64(torrentWithMadeUpHashes("before.bin", 8))},
                                                 {"download-dir", downloads}, {"paused", true}});
        ASSERT_EQ(added.value("result", ""), "success") << added.dump();
        answeredAdded.insert("before.bin");

        disk.fill();
        int refused = 0;
        // Small and large adds and a settings change: whichever the library can still hold may succeed,
        // but an answer of success must survive a restart, and the large ones cannot fit.
        for (const auto& [name, pieces] : std::vector<std::pair<std::string, int>>{
                 {"small-1.bin", 4}, {"large-1.bin", 60000}, {"small-2.bin", 4}, {"large-2.bin", 60000}}) {
            json answer = daemon.call("torrent-add", {{"metainfo", base64(torrentWithMadeUpHashes(name, pieces))},
                                                      {"download-dir", downloads}, {"paused", true}});
            const std::string result = answer.value("result", "");
            if (result == "success") {
                answeredAdded.insert(name);
            } else {
                ++refused;
                EXPECT_NE(result.find("full"), std::string::npos) << name << ": " << result;
            }
        }
        EXPECT_GE(refused, 2) << "1.2 MB torrents were answered success on a full disk";
        limitAnsweredSuccess =
            daemon.call("session-set", {{"speed-limit-down", 777}, {"speed-limit-down-enabled", true}})
                .value("result", "") == "success";

        const auto started = Clock::now();
        daemon.process().signal(SIGTERM);
        const auto code = daemon.process().wait(std::chrono::seconds(50));
        ASSERT_TRUE(code.has_value()) << "SIGTERM did not end the daemon within 50 s";
        // systemd waits 60 s; the library's failed writes must not spend that.
        EXPECT_LT(Clock::now() - started, std::chrono::seconds(20));
        const std::string log = daemon.process().stderrText();
        EXPECT_GE(occurrences(log, "database or disk is full"), 1) << log;
        EXPECT_LE(occurrences(log, "library write failed"), 3) << "the cause is repeated, not logged once:\n" << log;
        EXPECT_EQ(occurrences(log, "no transaction is active"), 0) << log;
    }

    disk.free();
    Daemon daemon(profile, home.path());
    ASSERT_TRUE(daemon.up()) << daemon.process().stderrText();
    EXPECT_EQ(daemon.names(), answeredAdded);
    const json session = daemon.call("session-get")["arguments"];
    EXPECT_EQ(session.value("speed-limit-down", 0) == 777, limitAnsweredSuccess) << session.dump();
}

TEST(DaemonOptions, RefusesPerTorrentPeerAndTrackerOptions) {
    SHOAL_REQUIRE_CLI();
    TempDir dir("shoal-daemon-options");
    for (const std::vector<std::string>& option :
         {std::vector<std::string>{"--tracker", "http://127.0.0.1:1/announce"},
          std::vector<std::string>{"--peer", "127.0.0.1:6881"}}) {
        const RunResult r = runShoal(concat({"daemon", "--foreground", "--rpc-bind", "127.0.0.1:0", "--profile",
                                             (dir.path() / "profile").string()},
                                            option),
                                     std::chrono::seconds(30));
        EXPECT_EQ(r.exitCode, 2) << option[0] << ": " << r.out << r.err;
        EXPECT_NE(r.err.find(option[0] + " is for download and seed"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(dir.path() / "profile" / "shoal.db")) << "a refused command line wrote the library";
    }
}

}  // namespace
}  // namespace shoal::test
