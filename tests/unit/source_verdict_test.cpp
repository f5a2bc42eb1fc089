// One verdict on a torrent source: parseTorrentSource (download, seed, remote add, the daemon's RPC and
// watch folder, the GUI) and summarizeRequest/summarizeTorrent (info, the add dialog) accept and refuse
// the same inputs with the same reason; summaries are valid UTF-8 whatever the torrent's bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <libtorrent/bdecode.hpp>
#include <libtorrent/entry.hpp>

#include "cli/hostile_input.h"
#include "shoal/add_request.h"
#include "shoal/metainfo.h"
#include "shoal/text.h"
#include "support/fixtures.h"

namespace shoal {
namespace {

namespace fs = std::filesystem;
using test::kReplacementChar;

const std::string kV1 = "0123456789abcdef0123456789abcdef01234567";

// The message both ways give for `text` (a magnet or a hash); fails the test if they differ or accept.
std::string refusal(const std::string& text) {
    auto parsed = parseTorrentSource(text);
    EXPECT_FALSE(parsed.ok()) << text;
    if (parsed) return {};
    AddRequest request;
    (text.rfind("magnet:", 0) == 0 ? request.magnetUri : request.infoHash) = text;
    auto summary = summarizeRequest(request);
    EXPECT_FALSE(summary.ok()) << text;
    if (summary) return {};
    EXPECT_EQ(parsed.error().message, summary.error().message);
    EXPECT_EQ(parsed.error().code, ErrorCode::BadInput);
    return parsed.error().message;
}

TEST(SourceVerdict, AllZeroHashesAreRefusedInEveryForm) {
    EXPECT_EQ(refusal(std::string(40, '0')),
              "not a usable info-hash: " + std::string(40, '0') + " is all zeros");
    EXPECT_EQ(refusal(std::string(64, '0')),
              "not a usable info-hash: " + std::string(64, '0') + " is all zeros");
    for (const std::string& magnet : {"magnet:?xt=urn:btih:" + std::string(40, '0'),
                                      "magnet:?xt=urn:btmh:1220" + std::string(64, '0') + "&dn=x"}) {
        EXPECT_EQ(refusal(magnet).rfind("malformed magnet link: it has no usable info-hash", 0), 0u)
            << magnet;
    }
}

TEST(SourceVerdict, SpaceAroundAHashIsDroppedAndTheSummaryUsesTheTrimmedHash) {
    for (const std::string& typed : {kV1 + "\n", "  " + kV1 + "\r\n", "\t" + kV1}) {
        auto parsed = parseTorrentSource(typed);
        ASSERT_TRUE(parsed.ok()) << parsed.error().message;
        EXPECT_EQ(parsed->infoHash, kV1);
        auto summary = summarizeRequest(parsed.value());
        ASSERT_TRUE(summary.ok()) << summary.error().message;
        EXPECT_EQ(summary->hashes.v1, kV1);
        EXPECT_EQ(summary->magnetUri, "magnet:?xt=urn:btih:" + kV1);
    }
}

TEST(SourceVerdict, ATorrentOverALimitIsRefusedForTheSameReasonEitherWay) {
    test::TempDir dir("shoal-verdict");
    // Nested 150 lists deep beside a valid info dict: over the 100 levels libtorrent and Shoal allow.
    const std::vector<char> valid = test::torrentWithFiles(2);
    lt::entry torrent(lt::bdecode(valid));
    lt::entry deep = lt::entry::list_type{};
    for (int i = 0; i < 150; ++i) deep = lt::entry::list_type{deep};
    torrent["deep"] = deep;
    const std::vector<char> bytes = test::bencoded(torrent);
    const fs::path file = test::writeBytes(dir.path() / "deep.torrent", bytes);

    auto parsed = parseTorrentSource(file.string());
    ASSERT_FALSE(parsed.ok());
    auto summary = summarizeTorrent(bytes);
    ASSERT_FALSE(summary.ok());
    EXPECT_EQ(parsed.error().message,
              "not a valid torrent file: " + file.string() + ": nested more than 100 levels deep");
    EXPECT_EQ(summary.error().message, "not a valid torrent file: nested more than 100 levels deep");
}

TEST(SourceVerdict, AHugeSparseFileIsRefusedByItsSizeWithoutBeingRead) {
    test::TempDir dir("shoal-verdict");
    const fs::path huge = dir.path() / "huge.torrent";
    std::ofstream(huge).close();
    fs::resize_file(huge, std::uintmax_t{8} << 30);  // 8 GiB, sparse: reading it would need 8 GiB of memory
    auto read = readTorrentFile(huge);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::BadInput);
    EXPECT_EQ(read.error().message, "not a valid torrent file: " + huge.string() +
                                        ": 8589934592 bytes, more than the 64 MiB a .torrent may have");
}

TEST(SourceVerdict, SummariesAreValidUtf8WhateverTheTorrentSays) {
    auto summary = summarizeTorrent(test::torrentWithInvalidUtf8());
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    std::vector<std::string> texts{summary->name, summary->comment, summary->createdBy, summary->magnetUri};
    for (const auto& f : summary->files) texts.push_back(f.path);
    for (const auto& tier : summary->trackerTiers) texts.insert(texts.end(), tier.begin(), tier.end());
    texts.insert(texts.end(), summary->webSeeds.begin(), summary->webSeeds.end());
    for (const auto& text : texts) EXPECT_TRUE(isValidUtf8(text)) << text;
    EXPECT_EQ(summary->trackerTiers.at(0).at(0),
              std::string("http://tracker") + kReplacementChar + ".invalid/announce");

    auto magnet = summarizeMagnet("magnet:?xt=urn:btih:" + kV1 + "&dn=%ff&tr=http%3A%2F%2Ft%FF.invalid%2F");
    ASSERT_TRUE(magnet.ok()) << magnet.error().message;
    EXPECT_EQ(magnet->name, kReplacementChar);
    EXPECT_EQ(magnet->trackerTiers.at(0).at(0), std::string("http://t") + kReplacementChar + ".invalid/");
}

}  // namespace
}  // namespace shoal
