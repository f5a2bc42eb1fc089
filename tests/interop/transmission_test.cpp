// Shoal and transmission-cli 3.00 in one loopback swarm, each way round. Per docs/libtorrent-notes.md
// transmission does not dial the 127.x peers its tracker gives it, so shoal always makes the connection,
// and a leecher facing transmission's seeder needs plain text over TCP.
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

class TransmissionInterop : public ::testing::Test {
protected:
    void SetUp() override {
        if (!shoalBuilt()) GTEST_SKIP() << "shoal not built";
        if (!onPath("transmission-cli"))
            GTEST_SKIP() << "transmission-cli not installed (scripts/install-deps.sh)";
        payload_ = makeFilePayload(dir_.path() / "source", "payload.bin", kSize, 23);
        torrent_ = dir_.path() / "payload.torrent";
        ASSERT_TRUE(shoalCreate(payload_, torrent_, {"--v1"}));  // transmission 3.00 reads v1 only
    }

    TempDir dir_{"shoal-interop-transmission"};
    Payload payload_;
    fs::path torrent_;
};

TEST_F(TransmissionInterop, ShoalSeedsToTransmission) {
    // The tracker is there as in any real swarm; the connection itself is shoal's --peer (see above).
    ASSERT_TRUE(onPath("opentracker")) << "opentracker not installed";
    OpenTracker tracker("127.0.0.36", {hashesOf(torrent_).v1});
    ASSERT_TRUE(tracker.running());
    const fs::path announced = dir_.path() / "announced.torrent";
    ASSERT_TRUE(shoalCreate(payload_, announced, {"--v1", "--tracker", tracker.announceUrl()}));

    const fs::path config = dir_.path() / "transmission-config";
    const fs::path out = dir_.path() / "transmission-out";
    fs::create_directories(out);
    writeTransmissionSettings(config, "127.0.0.37");
    const int port = freePort("127.0.0.37");
    Process transmission(optionsFor(transmissionArgs(config, port, out, announced)));
    ASSERT_TRUE(transmission.started());
    // shoal dials a --peer once: transmission must be listening and done with its (empty) verification.
    ASSERT_TRUE(transmissionReady(transmission, 15s)) << transmission.stderrText();

    ShoalProcess seeder(concat({"seed", announced.string(), "--data", payload_.parent.string(), "--peer",
                                "127.0.0.37:" + std::to_string(port)},
                               loopbackArgs("127.0.0.38", dir_.path() / "seeder-profile")));
    ASSERT_GT(seeder.waitListening(), 0) << seeder.transcript();

    // transmission-cli never exits on completion and reports progress with '\r' on stderr: poll the file
    // (it keeps "payload.bin.part" until the last piece is verified, then renames it). It takes ~15 s:
    // transmission declares interest only at its 10 s rechoke pulse, then ramps its requests up.
    const fs::path copy = out / "payload.bin";
    const bool complete = pollUntil(
        [&] {
            return fs::exists(copy) && fs::file_size(copy) == kSize &&
                   sha256File(copy) == sha256File(payload_.root);
        },
        60s, 500ms);
    EXPECT_TRUE(complete) << "transmission did not complete the download\n"
                          << seeder.transcript() << "\ntransmission: " << transmission.stderrText();
    EXPECT_TRUE(sameContent(payload_, out));
}

TEST_F(TransmissionInterop, TransmissionSeedsToShoal) {
    const fs::path config = dir_.path() / "transmission-config";
    writeTransmissionSettings(config, "127.0.0.39");
    const int port = freePort("127.0.0.39");
    // The data is in its download dir already: transmission verifies it on start and seeds.
    Process transmission(optionsFor(transmissionArgs(config, port, payload_.parent, torrent_)));
    ASSERT_TRUE(transmission.started());
    ASSERT_TRUE(transmissionReady(transmission, 15s)) << transmission.stderrText();

    const fs::path out = dir_.path() / "out";
    ShoalProcess leecher(concat({"download", torrent_.string(), "-o", out.string(), "--peer",
                                 "127.0.0.39:" + std::to_string(port), "--encryption", "disable"},
                                loopbackArgs("127.0.0.40", dir_.path() / "leecher-profile")));
    ASSERT_GT(leecher.waitListening(), 0) << leecher.transcript();
    const auto finished = leecher.waitEvent("finished", 60s);
    ASSERT_TRUE(finished) << leecher.transcript() << "\ntransmission: " << transmission.stderrText();
    EXPECT_TRUE(finished->value("verified", false));
    EXPECT_EQ(finished->value("bytes", std::int64_t{-1}), kSize);
    EXPECT_EQ(leecher.process().wait(20s), 0) << leecher.transcript();
    EXPECT_TRUE(sameContent(payload_, out));
}

}  // namespace
}  // namespace shoal::test
