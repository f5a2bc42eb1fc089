// `shoal info` and `shoal download` give one verdict on the same input, with the same exit code and
// the same message (issue 17, item 12): an all-zero info-hash is refused in every form, a hash with a
// trailing newline is accepted by both (and downloads), a 10^6-file torrent is refused by both under the
// same limit, in bounded time.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_fixtures.h"
#include "cli/hostile_input.h"
#include "support/fixtures.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class CliOneVerdict : public ::testing::Test {
protected:
    void SetUp() override {
        if (!shoalBuilt()) GTEST_SKIP() << "shoal not built";
    }

    // Both commands refuse `source` with exit 3 and the same one-line message; download never gets as far
    // as a profile or an output folder.
    void expectBothRefuse(const std::string& source, const std::string& messagePart) {
        const fs::path out = dir_.path() / "out";
        const RunResult info = runShoal({"info", source}, 60s);
        const RunResult download = runShoal(concat({"download", source, "-o", out.string()},
                                                   loopbackArgs("127.0.0.9", dir_.path() / "profile")),
                                            60s);
        EXPECT_EQ(info.exitCode, 3) << info.out << info.err;
        EXPECT_EQ(download.exitCode, info.exitCode) << download.out << download.err;
        EXPECT_EQ(download.err, info.err);
        EXPECT_EQ(linesOf(info.err).size(), 1u) << info.err;
        EXPECT_NE(info.err.find(messagePart), std::string::npos) << info.err;
        EXPECT_FALSE(fs::exists(out)) << "download created its output folder for input it refused";
        EXPECT_FALSE(fs::exists(dir_.path() / "profile")) << "download opened a library for input it refused";
    }

    TempDir dir_{"shoal-cli-one-verdict"};
};

TEST_F(CliOneVerdict, AllZeroInfoHashIsRefusedInEveryForm) {
    expectBothRefuse(std::string(40, '0'), "is all zeros");
    expectBothRefuse(std::string(64, '0'), "is all zeros");
    expectBothRefuse("magnet:?xt=urn:btih:" + std::string(40, '0') + "&dn=zero", "no usable info-hash");
    expectBothRefuse("magnet:?xt=urn:btmh:1220" + std::string(64, '0'), "no usable info-hash");
}

TEST_F(CliOneVerdict, MillionFileTorrentIsRefusedByBothUnderOneLimit) {
    const auto start = Clock::now();
    const fs::path torrent = writeBytes(dir_.path() / "million.torrent", torrentWithFiles(1000000));
    const auto made = Clock::now();
    std::cerr << "made a 10^6-file torrent of " << fs::file_size(torrent) << " bytes in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(made - start).count() << " ms\n";
    expectBothRefuse(torrent.string(), "more than 3000000 bencoded items");
    // Refusing it must not cost what loading it would: both runs together, well under a minute.
    EXPECT_LT(Clock::now() - made, 30s);
}

// Accepted by both: info shows the trimmed hash, and download by that same argument fetches the torrent
// from a seeder (exit 0 for both).
TEST_F(CliOneVerdict, HashWithTrailingNewlineIsAcceptedByBoth) {
    const Payload payload = makeFilePayload(dir_.path() / "source", "newline.bin", 256 * 1024);
    const fs::path torrent = dir_.path() / "newline.torrent";
    ASSERT_TRUE(shoalCreate(payload, torrent, {"--v1"}));
    const std::string hash = hashesOf(torrent).v1;
    const std::string typed = hash + "\n";

    const RunResult info = runShoal({"info", "--json", typed}, 30s);
    ASSERT_EQ(info.exitCode, 0) << info.out << info.err;
    EXPECT_EQ(nlohmann::json::parse(info.out, nullptr, false).value("info_hash_v1", ""), hash) << info.out;

    ShoalProcess seeder(concat({"seed", torrent.string(), "--data", payload.parent.string()},
                               loopbackArgs("127.0.0.2", dir_.path() / "seeder-profile")));
    const int seedPort = seeder.waitListening();
    ASSERT_GT(seedPort, 0) << seeder.transcript();
    ASSERT_TRUE(seeder.waitEvent("seeding", 30s)) << seeder.transcript();

    const fs::path out = dir_.path() / "out";
    ShoalProcess leecher(
        concat({"download", typed, "-o", out.string(), "--peer", "127.0.0.2:" + std::to_string(seedPort)},
               loopbackArgs("127.0.0.3", dir_.path() / "leecher-profile")));
    ASSERT_TRUE(leecher.waitEvent("finished", 90s)) << leecher.transcript() << seeder.transcript();
    EXPECT_EQ(leecher.process().wait(30s), info.exitCode) << leecher.transcript();
    EXPECT_TRUE(sameContent(payload, out));
}

}  // namespace
}  // namespace shoal::test
