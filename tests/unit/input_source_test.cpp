// parseTorrentSource: magnets, bare info-hashes and .torrent paths become AddRequests; everything else
// is BadInput with a line that names the problem.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "shoal/add_request.h"
#include "shoal/create.h"
#include "support/fixtures.h"

namespace shoal {
namespace {

namespace fs = std::filesystem;

// Each test's own directory, removed afterwards (tests/support).
using ScratchDir = test::TempDir;

void writeText(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

const std::string kV1 = "0123456789abcdef0123456789abcdef01234567";
const std::string kV2 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

TEST(InputSource, AcceptsV1AndV2Magnets) {
    const std::string v1 = "magnet:?xt=urn:btih:" + kV1 + "&dn=thing&tr=http%3A%2F%2F127.0.0.1%2Fannounce";
    auto a = parseTorrentSource(v1);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->magnetUri, v1);
    EXPECT_TRUE(a->torrentBytes.empty());
    EXPECT_TRUE(a->infoHash.empty());

    auto b = parseTorrentSource("  magnet:?xt=urn:btmh:1220" + kV2 + "\n");
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->magnetUri, "magnet:?xt=urn:btmh:1220" + kV2);
}

TEST(InputSource, RejectsMalformedMagnets) {
    for (const char* bad :
         {"magnet:?dn=no-hash", "magnet:?xt=urn:btih:zz", "magnet:", "magnet:?xt=urn:sha1:abc"}) {
        auto parsed = parseTorrentSource(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.error().code, ErrorCode::BadInput);
        EXPECT_TRUE(startsWith(parsed.error().message, "malformed magnet link: ")) << parsed.error().message;
    }
}

TEST(InputSource, BareHashesAreLowercased) {
    std::string upper = kV1;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto v1 = parseTorrentSource(upper);
    ASSERT_TRUE(v1.ok()) << v1.error().message;
    EXPECT_EQ(v1->infoHash, kV1);
    EXPECT_TRUE(v1->magnetUri.empty());

    auto v2 = parseTorrentSource(kV2);
    ASSERT_TRUE(v2.ok()) << v2.error().message;
    EXPECT_EQ(v2->infoHash, kV2);

    // 39 hex digits is not a hash; it is taken as a path, which does not exist.
    auto short39 = parseTorrentSource(kV1.substr(1));
    ASSERT_FALSE(short39.ok());
    EXPECT_EQ(short39.error().message, "no such file: " + kV1.substr(1));
}

TEST(InputSource, ReadsAValidTorrentFileWhole) {
    ScratchDir dir;
    { std::ofstream(dir.path() / "data.bin", std::ios::binary) << std::string(100000, 'x'); }
    CreateRequest request;
    request.source = dir.path() / "data.bin";
    request.version = TorrentVersion::V1;
    auto created = createTorrent(request);
    ASSERT_TRUE(created.ok()) << created.error().message;
    const fs::path torrent = dir.path() / "data.torrent";
    std::ofstream(torrent, std::ios::binary)
        .write(created->bytes.data(), static_cast<std::streamsize>(created->bytes.size()));

    auto parsed = parseTorrentSource(torrent.string());
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->torrentBytes, created->bytes);
    EXPECT_TRUE(parsed->magnetUri.empty());
    EXPECT_TRUE(parsed->infoHash.empty());
}

TEST(InputSource, NamesTheProblemWithAPath) {
    ScratchDir dir;
    const fs::path missing = dir.path() / "missing.torrent";
    auto a = parseTorrentSource(missing.string());
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.error().code, ErrorCode::BadInput);
    EXPECT_EQ(a.error().message, "no such file: " + missing.string());

    auto b = parseTorrentSource(dir.path().string());
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.error().code, ErrorCode::BadInput);
    EXPECT_NE(b.error().message.find("folder"), std::string::npos) << b.error().message;

    const fs::path garbage = dir.path() / "garbage.torrent";
    writeText(garbage, "this is not bencode");
    auto c = parseTorrentSource(garbage.string());
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, ErrorCode::BadInput);
    EXPECT_TRUE(startsWith(c.error().message, "not a valid torrent file: " + garbage.string() + ": "))
        << c.error().message;
    EXPECT_GT(c.error().message.size(), ("not a valid torrent file: " + garbage.string() + ": ").size());

    const fs::path notInfo = dir.path() / "dict.torrent";
    writeText(notInfo, "d3:fooi1ee");  // valid bencode, no info dict
    auto d = parseTorrentSource(notInfo.string());
    ASSERT_FALSE(d.ok());
    EXPECT_TRUE(startsWith(d.error().message, "not a valid torrent file: ")) << d.error().message;

    const fs::path huge = dir.path() / "huge.torrent";
    { std::ofstream(huge, std::ios::binary) << "d"; }
    fs::resize_file(huge, 65 * 1024 * 1024);  // sparse: costs no disk
    auto e = parseTorrentSource(huge.string());
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, ErrorCode::BadInput);
    EXPECT_NE(e.error().message.find("64 MiB"), std::string::npos) << e.error().message;

    auto f = parseTorrentSource("   ");
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().code, ErrorCode::BadInput);
}

}  // namespace
}  // namespace shoal
