// A seeder that serves garbage for some pieces: the downloader reports the hash failures, bans that peer,
// and still completes with verified data from the good seeder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "cli/cli_fixtures.h"
#include "cli/shoal_process.h"
#include "support/fixtures.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::int64_t kSize = 16 * 1024 * 1024;
// One block a piece: every piece comes whole from one peer, so a failure points at exactly one peer
// (libtorrent bans a peer at once when it alone sent a piece that failed).
constexpr int kPieceSize = 16 * 1024;

// Overwrites every `every`-th piece of `file` in place (same inode: a running seeder reads the new bytes).
int corruptPieces(const fs::path& file, int every) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    std::mt19937 random(5);
    std::string garbage(kPieceSize, '\0');
    int count = 0;
    for (std::int64_t offset = 0; offset < kSize; offset += static_cast<std::int64_t>(every) * kPieceSize) {
        for (auto& c : garbage) c = static_cast<char>(random());
        f.seekp(offset);
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
        ++count;
    }
    f.flush();
    return f ? count : -1;
}

TEST(CorruptPeer, CorruptSeederIsBannedAndDownloadStillCompletes) {
    SHOAL_REQUIRE_CLI();
    TempDir dir("shoal-interop-corrupt");
    const Payload payload = makeFilePayload(dir.path() / "good", "payload.bin", kSize, 31);
    const fs::path torrent = dir.path() / "payload.torrent";
    ASSERT_TRUE(shoalCreate(payload, torrent, {"--v1", "--piece-size", std::to_string(kPieceSize)}));
    const fs::path corruptParent = dir.path() / "corrupt";
    fs::create_directories(corruptParent);
    fs::copy_file(payload.root, corruptParent / "payload.bin");

    // The good seeder is slow, so that the corrupt one (unlimited) serves many of the first pieces.
    ShoalProcess good(
        concat({"seed", torrent.string(), "--data", payload.parent.string(), "--up-limit", "4M"},
               loopbackArgs("127.0.0.41", dir.path() / "good-profile")));
    ShoalProcess corrupt(concat({"seed", torrent.string(), "--data", corruptParent.string()},
                                loopbackArgs("127.0.0.42", dir.path() / "corrupt-profile")));
    const int goodPort = good.waitListening();
    const int corruptPort = corrupt.waitListening();
    ASSERT_GT(goodPort, 0) << good.transcript();
    ASSERT_GT(corruptPort, 0) << corrupt.transcript();
    ASSERT_TRUE(good.waitEvent("seeding", 30s)) << good.transcript();
    // The seeder checked its data when it started; spoil it now. A libtorrent seed_mode seeder would not do:
    // it hashes each piece before its first upload and leaves seed mode on a failure.
    ASSERT_TRUE(corrupt.waitEvent("seeding", 30s)) << corrupt.transcript();
    ASSERT_EQ(corruptPieces(corruptParent / "payload.bin", 4), kSize / kPieceSize / 4);

    const fs::path out = dir.path() / "out";
    ShoalProcess leecher(concat(
        {"download", torrent.string(), "-o", out.string(), "--peer",
         "127.0.0.42:" + std::to_string(corruptPort), "--peer", "127.0.0.41:" + std::to_string(goodPort)},
        loopbackArgs("127.0.0.43", dir.path() / "leecher-profile")));
    ASSERT_GT(leecher.waitListening(), 0) << leecher.transcript();
    const auto finished = leecher.waitEvent("finished", 60s);
    ASSERT_TRUE(finished) << leecher.transcript() << good.transcript() << corrupt.transcript();
    EXPECT_TRUE(finished->value("verified", false));
    EXPECT_EQ(leecher.process().wait(20s), 0) << leecher.transcript();
    EXPECT_TRUE(sameContent(payload, out));

    EXPECT_GE(leecher.countEvents("hash_failed"), 1) << leecher.transcript(40);
    bool corruptBanned = false;
    bool goodBanned = false;
    for (const auto& e : leecher.events()) {
        if (!isEvent(e, "peer_banned")) continue;
        const std::string peer = e.value("peer", "");
        corruptBanned = corruptBanned || peer.rfind("127.0.0.42:", 0) == 0;
        goodBanned = goodBanned || peer.rfind("127.0.0.41:", 0) == 0;
    }
    EXPECT_TRUE(corruptBanned) << "no peer_banned event for 127.0.0.42\n" << leecher.transcript(40);
    EXPECT_FALSE(goodBanned) << "the good seeder was banned\n" << leecher.transcript(40);
}

}  // namespace
}  // namespace shoal::test
