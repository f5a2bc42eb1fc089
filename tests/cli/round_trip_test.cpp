// `shoal create` + `shoal seed` + `shoal download` as three processes on loopback: the copy is the source.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_fixtures.h"
#include "cli/shoal_process.h"
#include "support/fixtures.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST(CliRoundTrip, CreateSeedDownloadRoundTrip) {
    SHOAL_REQUIRE_CLI();
    TempDir dir("shoal-cli-roundtrip");
    const Payload payload =
        makeFolderPayload(dir.path() / "source", "folder", {20 * 1024 * 1024, 12 * 1024 * 1024, 1000});
    const fs::path torrent = dir.path() / "folder.torrent";
    ASSERT_TRUE(shoalCreate(payload, torrent, {"--v1"}));

    ShoalProcess seeder(concat({"seed", torrent.string(), "--data", payload.parent.string()},
                               loopbackArgs("127.0.0.2", dir.path() / "seeder-profile")));
    const int seedPort = seeder.waitListening();
    ASSERT_GT(seedPort, 0) << seeder.transcript();
    ASSERT_TRUE(seeder.waitEvent("seeding", 30s)) << seeder.transcript();

    const fs::path out = dir.path() / "out";
    ShoalProcess leecher(concat(
        {"download", torrent.string(), "-o", out.string(), "--peer", "127.0.0.2:" + std::to_string(seedPort)},
        loopbackArgs("127.0.0.3", dir.path() / "leecher-profile")));
    const auto listening = leecher.waitEvent("listening", 15s);
    ASSERT_TRUE(listening) << leecher.transcript();
    EXPECT_EQ(listening->value("address", ""), "127.0.0.3");
    EXPECT_GT(listening->value("port", 0), 0);

    const auto finished = leecher.waitEvent("finished", 60s);
    ASSERT_TRUE(finished) << leecher.transcript() << seeder.transcript();
    EXPECT_EQ(finished->value("bytes", std::int64_t{-1}), payload.totalBytes);
    EXPECT_TRUE(finished->value("verified", false));
    // A fresh download fetched everything itself (a little more is allowed for blocks received twice).
    EXPECT_GE(finished->value("payload_downloaded", std::int64_t{-1}), payload.totalBytes);
    EXPECT_FALSE(finished->value("path", std::string()).empty());

    EXPECT_EQ(leecher.process().wait(20s), 0) << leecher.transcript();
    EXPECT_TRUE(sameContent(payload, out));
}

}  // namespace
}  // namespace shoal::test
