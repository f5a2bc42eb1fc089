// `shoal daemon` as a process, driven by Debian's transmission-remote 3.00 and by `shoal --remote`:
// list, add (file and magnet), stop, start, verify, remove, -si/-st; auth; SIGTERM exits cleanly.
#include <csignal>

#include "cli/shoal_process.h"
#include "rpc_fixture.h"

namespace shoal::test {
namespace {

class DaemonProcess : public ::testing::Test {
protected:
    void startDaemon(const std::vector<std::string>& extra = {}) {
        std::filesystem::create_directories(data());
        ProcessOptions options;
        options.argv = concat({shoalBinary(), "daemon", "--foreground", "--rpc-bind", "127.0.0.1:0"},
                              loopbackArgs("127.0.0.1", dir_.path() / "profile"));
        options.argv = concat(options.argv, extra);
        options.env["HOME"] = dir_.path().string();  // the default download dir stays in the sandbox
        daemon_ = std::make_unique<Process>(std::move(options));
        ASSERT_TRUE(daemon_->started());
        auto line = daemon_->waitForLine(
            [](const std::string& l) { return l.find("\"rpc_listening\"") != std::string::npos; },
            std::chrono::seconds(20));
        ASSERT_TRUE(line.has_value()) << daemon_->stderrText();
        port_ = json::parse(*line).value("port", 0);
        ASSERT_GT(port_, 0);
    }

    void TearDown() override {
        if (daemon_) daemon_->stop();
    }

    std::filesystem::path data() const { return dir_.path() / "data"; }
    std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }

    RunResult tr(std::vector<std::string> args) {
        args.insert(args.begin(), {"transmission-remote", endpoint()});
        return run(args, std::chrono::seconds(20));
    }

    RunResult remote(std::vector<std::string> args) {
        args.insert(args.begin(), {"--remote", "http://" + endpoint() + "/transmission/rpc"});
        return runShoal(args, std::chrono::seconds(20));
    }

    // The daemon's view through `shoal --remote list --json`.
    json listed() {
        const RunResult r = remote({"list", "--json"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        json doc = json::parse(r.out, nullptr, false);
        return doc.is_discarded() ? json::array() : doc["torrents"];
    }

    std::string stateOf(TorrentId id) {
        for (const auto& t : listed())
            if (t["id"] == id) return t["state"];
        return "absent";
    }

    TempDir dir_{"shoal-daemon"};
    std::unique_ptr<Process> daemon_;
    int port_ = 0;
};

#define REQUIRE_TRANSMISSION_REMOTE()                                                     \
    do {                                                                                  \
        SHOAL_REQUIRE_CLI();                                                              \
        if (!onPath("transmission-remote")) GTEST_SKIP() << "transmission-remote absent"; \
    } while (0)

TEST_F(DaemonProcess, TransmissionRemoteDrivesTheDaemon) {
    REQUIRE_TRANSMISSION_REMOTE();
    startDaemon();
    const CreatedTorrent t = makeTorrent(data(), "tr.bin", 256 * 1024);
    const auto file = writeTorrentFile(dir_.path() / "tr.torrent", t);

    RunResult r = tr({"-a", file.string(), "-w", data().string()});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("success"), std::string::npos) << r.out;
    r = tr({"-a", "magnet:?xt=urn:btih:" + std::string(40, 'e') + "&dn=magnet-one"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;

    r = tr({"-l"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("tr.bin"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("magnet-one"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Sum:"), std::string::npos) << r.out;
    ASSERT_TRUE(eventually([&] { return stateOf(1) == "seeding"; }, std::chrono::seconds(20)))
        << listed().dump();

    EXPECT_EQ(tr({"-t", "1", "-S"}).exitCode, 0);
    EXPECT_TRUE(eventually([&] { return stateOf(1) == "completed" || stateOf(1) == "stopped"; }));
    EXPECT_NE(tr({"-l"}).out.find("Finished"), std::string::npos);
    EXPECT_EQ(tr({"-t", "1", "-s"}).exitCode, 0);
    EXPECT_TRUE(eventually([&] { return stateOf(1) == "seeding"; }));
    EXPECT_EQ(tr({"-t", "1", "-v"}).exitCode, 0);
    EXPECT_TRUE(eventually([&] { return stateOf(1) == "seeding"; }));

    r = tr({"-t", "1", "-i"});
    EXPECT_NE(r.out.find("Name: tr.bin"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Hash: " + t.hashes.v1), std::string::npos) << r.out;

    r = tr({"-si"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("RPC version: 18"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Download directory: " + (dir_.path() / "Downloads").string()), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("Listenport: "), std::string::npos) << r.out;
    r = tr({"-st"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("CURRENT SESSION"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("TOTAL"), std::string::npos) << r.out;

    EXPECT_EQ(tr({"-t", "2", "-r"}).exitCode, 0);
    EXPECT_TRUE(eventually([&] { return stateOf(2) == "absent"; }));
    EXPECT_TRUE(eventually([&] { return stateOf(1) == "seeding"; }));  // the check -v asked for may be queued

    // SIGTERM: saves and exits with 0.
    daemon_->signal(SIGTERM);
    EXPECT_EQ(daemon_->wait(std::chrono::seconds(20)), 0) << daemon_->stderrText();
    // With --json, stdout holds events only (logs go to stderr).
    while (auto line = daemon_->readLine(std::chrono::milliseconds(500))) {
    }
    for (const std::string& line : daemon_->linesSoFar())
        EXPECT_FALSE(json::parse(line, nullptr, false).is_discarded()) << line;
    EXPECT_NE(daemon_->stderrText().find("stopping: signal"), std::string::npos) << daemon_->stderrText();
}

TEST_F(DaemonProcess, ShoalRemoteListsAddsPausesResumesAndRemoves) {
    SHOAL_REQUIRE_CLI();
    startDaemon();
    const CreatedTorrent t = makeTorrent(data(), "sr.bin", 128 * 1024);
    const auto file = writeTorrentFile(dir_.path() / "sr.torrent", t);

    RunResult r = remote({"add", file.string(), "--download-dir", data().string(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const TorrentId id = json::parse(r.out).value("id", TorrentId{0});
    ASSERT_GT(id, 0);
    ASSERT_TRUE(eventually([&] { return stateOf(id) == "seeding"; }, std::chrono::seconds(20)));

    r = remote({"list"});
    EXPECT_NE(r.out.find("sr.bin"), std::string::npos) << r.out;
    EXPECT_EQ(remote({"pause", std::to_string(id)}).exitCode, 0);
    EXPECT_TRUE(eventually([&] { return stateOf(id) == "completed" || stateOf(id) == "stopped"; }));
    EXPECT_EQ(remote({"resume", "all"}).exitCode, 0);
    EXPECT_TRUE(eventually([&] { return stateOf(id) == "seeding"; }));

    r = remote({"info", std::to_string(id), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json info = json::parse(r.out);
    EXPECT_EQ(info["info_hash_v1"], t.hashes.v1);
    EXPECT_EQ(info["files"][0]["path"], "sr.bin");
    r = remote({"stats", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["listen"].size(), 1u);

    EXPECT_NE(remote({"pause", "999"}).exitCode, 0);
    EXPECT_EQ(remote({"pause", "x1"}).exitCode, 2);
    EXPECT_EQ(remote({"remove", std::to_string(id), "--delete-data"}).exitCode, 0);
    EXPECT_TRUE(eventually([&] { return stateOf(id) == "absent"; }));
    EXPECT_TRUE(eventually([&] { return !std::filesystem::exists(data() / "sr.bin"); }));

    // Nothing listens there: a clear failure, exit 1.
    r = runShoal({"--remote", "127.0.0.1:" + std::to_string(freePort()), "list"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
}

TEST_F(DaemonProcess, AuthIsRequiredWhenSetAndStoredHashed) {
    REQUIRE_TRANSMISSION_REMOTE();
    startDaemon({"--rpc-auth", "admin:hunter2", "--save-rpc-auth"});
    RunResult r = tr({"-l"});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE((r.out + r.err).find("401"), std::string::npos) << r.out << r.err;
    EXPECT_EQ(tr({"--auth", "admin:hunter2", "-l"}).exitCode, 0);
    EXPECT_NE(tr({"--auth", "admin:wrong", "-l"}).exitCode, 0);
    EXPECT_EQ(remote({"--auth", "admin:hunter2", "list"}).exitCode, 0);
    EXPECT_NE(remote({"list"}).exitCode, 0);

    std::ifstream stored(dir_.path() / "profile" / "rpc-auth");
    std::string line;
    std::getline(stored, line);
    EXPECT_EQ(line.rfind("admin:$y$", 0), 0u) << line;
    EXPECT_EQ(line.find("hunter2"), std::string::npos);

    // A restart without --rpc-auth uses the stored hash.
    daemon_->stop();
    startDaemon();
    EXPECT_NE(tr({"-l"}).exitCode, 0);
    EXPECT_EQ(tr({"--auth", "admin:hunter2", "-l"}).exitCode, 0);
}

TEST_F(DaemonProcess, WatchFolderAddsTorrentsAndHooksSeeThem) {
    SHOAL_REQUIRE_CLI();
    const auto watch = dir_.path() / "watch";
    std::filesystem::create_directories(watch);
    const auto hookOut = dir_.path() / "hook.txt";
    const auto hook = dir_.path() / "hook.sh";
    std::ofstream(hook) << "#!/bin/sh\necho \"$SHOAL_EVENT $SHOAL_TORRENT_ID $SHOAL_TORRENT_NAME\" >> "
                        << hookOut.string() << "\n";
    std::filesystem::permissions(hook, std::filesystem::perms::owner_all);
    startDaemon({"--watch-dir", watch.string(), "--on-add", hook.string()});
    const CreatedTorrent t = makeTorrent(data(), "watched.bin", 64 * 1024);
    writeTorrentFile(watch / "watched.torrent", t);
    std::ofstream(watch / "junk.torrent") << "not a torrent";

    EXPECT_TRUE(eventually([&] { return std::filesystem::exists(watch / "watched.torrent.added"); },
                           std::chrono::seconds(15)));
    EXPECT_TRUE(eventually([&] { return std::filesystem::exists(watch / "junk.torrent.invalid"); },
                           std::chrono::seconds(15)));
    EXPECT_TRUE(eventually(
        [&] {
            std::ifstream in(hookOut);
            std::string line;
            return std::getline(in, line) && line == "added 1 watched.bin";
        },
        std::chrono::seconds(15)));
}

}  // namespace
}  // namespace shoal::test
