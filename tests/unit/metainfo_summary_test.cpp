// summarizeTorrent / summarizeMagnet: what `shoal info` shows, read back from real torrents and magnets.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "shoal/create.h"
#include "support/fixtures.h"
#include "shoal/metainfo.h"

namespace shoal {
namespace {

namespace fs = std::filesystem;

// Each test's own directory, removed afterwards (tests/support).
using ScratchDir = test::TempDir;

void writeFilled(const fs::path& file, std::size_t size, char fill) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << std::string(size, fill);
}

TEST(MetainfoSummary, DescribesAHybridFolderTorrent) {
    ScratchDir dir;
    writeFilled(dir.path() / "album" / "b.flac", 70000, 'b');
    writeFilled(dir.path() / "album" / "a.flac", 40000, 'a');
    writeFilled(dir.path() / "album" / "art" / "cover.jpg", 5000, 'c');
    CreateRequest request;
    request.source = dir.path() / "album";
    request.pieceSize = 16384;
    request.trackerTiers = {{"http://t1.example/announce", "http://t2.example/announce"},
                            {"udp://t3.example:6969/announce"}};
    request.webSeeds = {"http://ws.example/"};
    request.isPrivate = true;
    request.comment = "a comment";
    request.createdBy = "Shoal/0.1.0";
    const auto before = static_cast<std::int64_t>(std::time(nullptr));
    auto created = createTorrent(request);
    ASSERT_TRUE(created.ok()) << created.error().message;

    auto summary = summarizeTorrent(created->bytes);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    EXPECT_EQ(summary->name, "album");
    EXPECT_EQ(summary->hashes, created->hashes);
    EXPECT_TRUE(summary->hasMetadata);
    EXPECT_EQ(summary->totalSize, 115000);
    EXPECT_EQ(summary->pieceSize, 16384);
    EXPECT_EQ(summary->numPieces, created->numPieces);
    EXPECT_TRUE(summary->isPrivate);
    EXPECT_EQ(summary->comment, "a comment");
    EXPECT_EQ(summary->createdBy, "Shoal/0.1.0");
    EXPECT_GE(summary->creationDate, before);
    EXPECT_LE(summary->creationDate, before + 60);

    // Pad files are left out; paths are relative and '/'-separated, in the torrent's (sorted) order.
    ASSERT_EQ(summary->files.size(), 3u);
    EXPECT_EQ(summary->files[0].path, "album/a.flac");
    EXPECT_EQ(summary->files[0].size, 40000);
    EXPECT_EQ(summary->files[1].path, "album/art/cover.jpg");
    EXPECT_EQ(summary->files[2].path, "album/b.flac");
    EXPECT_LT(summary->files[0].index, summary->files[1].index);

    // Tiers keep their order; inside a tier lt::torrent_info shuffles on load (BEP 12), so compare each
    // tier as a set.
    ASSERT_EQ(summary->trackerTiers.size(), request.trackerTiers.size());
    for (std::size_t tier = 0; tier < request.trackerTiers.size(); ++tier) {
        auto got = summary->trackerTiers[tier];
        auto want = request.trackerTiers[tier];
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        EXPECT_EQ(got, want) << "tier " << tier;
    }
    EXPECT_EQ(summary->webSeeds, std::vector<std::string>{"http://ws.example/"});
    // torrent_info shuffles trackers inside a tier when it loads (BEP 12), so only the part up to the
    // name is stable.
    const std::string stable = "magnet:?xt=urn:btih:" + created->hashes.v1 + "&xt=urn:btmh:1220" +
                               created->hashes.v2 + "&dn=album&tr=";
    EXPECT_EQ(summary->magnetUri.rfind(stable, 0), 0u) << summary->magnetUri;
    EXPECT_NE(summary->magnetUri.find("&ws=http%3a%2f%2fws.example%2f"), std::string::npos);
}

TEST(MetainfoSummary, NoCreationDateWhenSwitchedOff) {
    ScratchDir dir;
    writeFilled(dir.path() / "f.txt", 1000, 'f');
    CreateRequest request;
    request.source = dir.path() / "f.txt";
    request.version = TorrentVersion::V2;
    request.setCreationDate = false;
    request.createdBy.clear();
    auto created = createTorrent(request);
    ASSERT_TRUE(created.ok()) << created.error().message;
    auto summary = summarizeTorrent(created->bytes);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    EXPECT_EQ(summary->creationDate, 0);
    EXPECT_TRUE(summary->createdBy.empty());
    EXPECT_TRUE(summary->hashes.v1.empty());
    EXPECT_EQ(summary->hashes.v2.size(), 64u);
    ASSERT_EQ(summary->files.size(), 1u);
    EXPECT_EQ(summary->files[0].path, "f.txt");
}

TEST(MetainfoSummary, RejectsWhatIsNotATorrent) {
    for (const std::string& bad : {std::string(), std::string("garbage"), std::string("d4:infoi1ee")}) {
        auto summary = summarizeTorrent(std::vector<char>(bad.begin(), bad.end()));
        ASSERT_FALSE(summary.ok()) << bad;
        EXPECT_EQ(summary.error().code, ErrorCode::BadInput);
        EXPECT_EQ(summary.error().message.rfind("not a valid torrent file: ", 0), 0u)
            << summary.error().message;
        EXPECT_EQ(summary.error().message.find('\n'), std::string::npos);
    }
}

TEST(MetainfoSummary, DescribesAMagnet) {
    const std::string v1 = "0123456789abcdef0123456789abcdef01234567";
    const std::string v2 = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    const std::string uri = "magnet:?xt=urn:btih:" + v1 + "&xt=urn:btmh:1220" + v2 +
                            "&dn=My%20Thing&tr=http%3A%2F%2Fa.example%2Fannounce"
                            "&tr=udp%3A%2F%2Fb.example%3A80&ws=http%3A%2F%2Fws.example%2F";
    auto summary = summarizeMagnet(uri);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    EXPECT_EQ(summary->name, "My Thing");
    EXPECT_EQ(summary->hashes.v1, v1);
    EXPECT_EQ(summary->hashes.v2, v2);
    EXPECT_FALSE(summary->hasMetadata);
    EXPECT_TRUE(summary->files.empty());
    std::vector<std::string> all;
    for (const auto& tier : summary->trackerTiers) all.insert(all.end(), tier.begin(), tier.end());
    EXPECT_EQ(all, (std::vector<std::string>{"http://a.example/announce", "udp://b.example:80"}));
    EXPECT_EQ(summary->webSeeds, std::vector<std::string>{"http://ws.example/"});
    EXPECT_EQ(summary->magnetUri, uri);

    auto nameless = summarizeMagnet("magnet:?xt=urn:btih:" + v1);
    ASSERT_TRUE(nameless.ok());
    EXPECT_EQ(nameless->name, v1);  // the hash stands in for a missing dn=

    auto bad = summarizeMagnet("magnet:?dn=x");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::BadInput);
    EXPECT_EQ(bad.error().message.rfind("malformed magnet link: ", 0), 0u);
}

}  // namespace
}  // namespace shoal
