// Shoal and aria2c in one swarm found through Debian's opentracker on loopback, each way round.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_fixtures.h"
#include "cli/shoal_process.h"
#include "interop/peer_clients.h"
#include "support/fixtures.h"
#include "support/opentracker.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::int64_t kSize = 32 * 1024 * 1024;

class Aria2cInterop : public ::testing::Test {
protected:
    void SetUp() override {
        if (!shoalBuilt()) GTEST_SKIP() << "shoal not built";
        if (!onPath("aria2c")) GTEST_SKIP() << "aria2c not installed (scripts/install-deps.sh installs it)";
        if (!onPath("opentracker"))
            GTEST_SKIP() << "opentracker not installed (scripts/install-deps.sh installs it)";
    }

    // A v1 torrent (aria2c reads v1 only) of a random file, announcing to a tracker on `trackerIp`.
    void makeSwarm(const std::string& trackerIp) {
        payload_ = makeFilePayload(dir_.path() / "source", "payload.bin", kSize);
        // The tracker must exist before the torrent names it; it whitelists the hash, known only after.
        // So: make the torrent once to learn the hash (the announce URL is not part of the info dict).
        const fs::path probe = dir_.path() / "probe.torrent";
        ASSERT_TRUE(shoalCreate(payload_, probe, {"--v1"}));
        hashes_ = hashesOf(probe);
        trackerIp_ = trackerIp;
        tracker_ = std::make_unique<OpenTracker>(trackerIp, std::vector<std::string>{hashes_.v1});
        ASSERT_TRUE(tracker_->running());
        torrent_ = dir_.path() / "payload.torrent";
        ASSERT_TRUE(shoalCreate(payload_, torrent_, {"--v1", "--tracker", tracker_->announceUrl()}));
        ASSERT_EQ(hashesOf(torrent_).v1, hashes_.v1);
    }

    bool trackerSeesSeeder(std::chrono::milliseconds timeout) {
        return pollUntil([&] { return trackerSeeders(trackerIp(), tracker_->port(), hashes_.v1) >= 1; },
                         timeout);
    }
    std::string trackerIp() const { return trackerIp_; }

    TempDir dir_{"shoal-interop-aria2c"};
    Payload payload_;
    TorrentHashes hashes_;
    std::string trackerIp_;
    std::unique_ptr<OpenTracker> tracker_;
    fs::path torrent_;
};

TEST_F(Aria2cInterop, ShoalSeedsToAria2c) {
    makeSwarm("127.0.0.30");
    ShoalProcess seeder(concat({"seed", torrent_.string(), "--data", payload_.parent.string()},
                               loopbackArgs("127.0.0.31", dir_.path() / "seeder-profile")));
    ASSERT_GT(seeder.waitListening(), 0) << seeder.transcript();
    ASSERT_TRUE(seeder.waitEvent("seeding", 30s)) << seeder.transcript();
    ASSERT_TRUE(trackerSeesSeeder(15s)) << "the seeder never announced itself as complete\n"
                                        << seeder.transcript();

    const fs::path out = dir_.path() / "aria2c-out";
    auto args = aria2cArgs("127.0.0.32", freePort("127.0.0.32"), out);
    args.insert(args.end(), {"--seed-time=0", torrent_.string()});
    Process aria2c(optionsFor(args));
    ASSERT_TRUE(aria2c.started());
    const auto code = aria2c.wait(60s);
    EXPECT_EQ(code, 0) << "aria2c: " << aria2c.stderrText() << seeder.transcript();
    EXPECT_TRUE(sameContent(payload_, out));
}

TEST_F(Aria2cInterop, Aria2cSeedsToShoal) {
    makeSwarm("127.0.0.33");
    auto args = aria2cArgs("127.0.0.34", freePort("127.0.0.34"), payload_.parent);
    args.insert(args.end(), {"--seed-ratio=0.0", "--check-integrity=true", torrent_.string()});
    Process aria2c(optionsFor(args));
    ASSERT_TRUE(aria2c.started());
    ASSERT_TRUE(trackerSeesSeeder(20s))
        << "aria2c never announced itself as a seeder: " << aria2c.stderrText();

    const fs::path out = dir_.path() / "out";
    ShoalProcess leecher(concat({"download", torrent_.string(), "-o", out.string()},
                                loopbackArgs("127.0.0.35", dir_.path() / "leecher-profile")));
    ASSERT_GT(leecher.waitListening(), 0) << leecher.transcript();
    const auto finished = leecher.waitEvent("finished", 60s);
    ASSERT_TRUE(finished) << leecher.transcript() << "\naria2c: " << aria2c.stderrText();
    EXPECT_TRUE(finished->value("verified", false));
    EXPECT_EQ(finished->value("bytes", std::int64_t{-1}), kSize);
    EXPECT_EQ(leecher.process().wait(20s), 0) << leecher.transcript();
    EXPECT_TRUE(sameContent(payload_, out));
}

}  // namespace
}  // namespace shoal::test
